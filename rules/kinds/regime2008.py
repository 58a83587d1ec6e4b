"""required-content: the content items of 2008 条例 第三十二条 (reports up to 2018 have no fixed headings)."""
from govlint.diagnostics import Finding
from govlint.registry import CheckKind, Param, check_kind
from govlint.rules.kinds._util import doc_start


@check_kind
class RequiredContent(CheckKind):
    """Each content item is covered somewhere in the report (a heading or a sentence names it)."""

    name = "required-content"
    CASES = ("optional", "incomplete")
    PARAMS = {"items": Param(list, [], "list of {name, any_of: [phrases], case: optional|incomplete}",
                             required=True)}

    @staticmethod
    def validate_params(params):
        for item in params["items"]:
            if not isinstance(item, dict) or "name" not in item or not item.get("any_of"):
                raise ValueError("each item needs a 'name' and a non-empty 'any_of' list")

    def check(self, doc, params):
        texts = [section.heading.text for section in doc.sections]
        texts.extend(paragraph.squeezed[0] for paragraph in doc.paragraphs())
        texts.extend(sub.text for section in doc.sections for sub in section.subheadings)
        blob = "\n".join(texts)
        for item in params["items"]:
            if any(phrase in blob for phrase in item["any_of"]):
                continue
            yield Finding(doc_start(doc), {"item": item["name"]}, case=item.get("case"))
