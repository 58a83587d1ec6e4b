"""title: the report title names the year and 政府信息公开工作年度报告."""
from __future__ import annotations

import re

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import doc_start


@check_kind
class TitleCheck(CheckKind):
    """The title exists, gives the report year and the words 政府信息公开工作年度报告."""

    name = "title"
    FIELDS = ("title", "phrase")
    CASES = ("missing", "no_year", "variant")
    PARAMS = {
        "phrase": Param(str, "政府信息公开工作年度报告", "the words every title must contain"),
        "variants": Param(list, [], "accepted variants of the phrase (reported at the variant case's severity)"),
    }

    def check(self, doc, params):
        title = doc.title
        if title is None:
            yield Finding(doc_start(doc), {"phrase": params["phrase"]}, case="missing")
            return
        compact = title.text.replace(" ", "")
        if title.year is None:
            yield Finding(title.span, {"title": compact, "phrase": params["phrase"]}, case="no_year")
        if params["phrase"] in compact:
            return
        for variant in params["variants"]:
            if re.search(variant, compact):
                yield Finding(title.span, {"title": compact, "phrase": params["phrase"]}, case="variant")
                return
        yield Finding(title.span, {"title": compact, "phrase": params["phrase"]})
