"""Section checks: required-sections, section-order, duplicate-sections, unexpected-headings."""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, Span, check_kind
from govlint.grammar.spec import spec


@check_kind
class RequiredSections(CheckKind):
    """Each mandated section (一 … 六) has its heading.

    A section that only its table opens (heading quality "headless": the table is there, its heading
    is not) is reported once, where the table starts, and not as a missing table."""

    name = "required-sections"
    FIELDS = ("heading", "number")
    PARAMS = {"sections": Param(list, [1, 2, 3, 4, 5, 6], "mandated section ids (1 = 一、总体情况 …)")}

    def check(self, doc, params):
        present = {s.heading.canonical: s for s in doc.mandated_sections if s.heading.quality != "headless"}
        headless = {s.heading.canonical: s for s in doc.mandated_sections if s.heading.quality == "headless"}
        for section_id in params["sections"]:
            if section_id in present:
                continue
            if section_id in headless:
                start = headless[section_id].heading.span.start
                yield Finding(Span(start, start), {"heading": spec().heading(section_id), "number": section_id})
                continue
            following = [s for sid, s in present.items() if sid > section_id]
            if following:
                anchor = min(following, key=lambda s: s.heading.span.start).heading.span
                span = Span(anchor.start, anchor.start)
            elif doc.sections:
                end = doc.sections[-1].span.end
                span = Span(end, end)
            else:
                end = len(doc.source.text.rstrip())
                span = Span(end, end)
            yield Finding(span, {"heading": spec().heading(section_id), "number": section_id})


@check_kind
class SectionOrder(CheckKind):
    """Mandated sections come in the order 一 … 六."""

    name = "section-order"
    FIELDS = ("heading", "after")

    def check(self, doc, params):
        highest = None
        for section in doc.mandated_sections:
            if section.heading.quality == "duplicate":
                continue
            if highest is not None and section.heading.canonical < highest.heading.canonical:
                yield Finding(section.heading.span, {"heading": spec().heading(section.heading.canonical),
                                                     "after": spec().heading(highest.heading.canonical)})
            elif highest is None or section.heading.canonical > highest.heading.canonical:
                highest = section


@check_kind
class DuplicateSections(CheckKind):
    """A mandated section's heading appears twice."""

    name = "duplicate-sections"
    FIELDS = ("heading", "first_line")

    def check(self, doc, params):
        for section in doc.sections:
            if section.heading.quality == "duplicate":
                first = doc.section(section.heading.canonical)
                line = doc.source.position(first.heading.span.start)[0] if first else 0
                yield Finding(section.heading.span, {"heading": spec().heading(section.heading.canonical),
                                                     "first_line": line},
                              related=[first.heading.span] if first else [])


@check_kind
class UnexpectedHeadings(CheckKind):
    """A top-level heading that is none of the six mandated ones."""

    name = "unexpected-headings"
    FIELDS = ("heading", "section")

    def check(self, doc, params):
        for section in doc.sections:
            if section.heading.quality != "extra":
                continue
            owner = section.parent
            yield Finding(section.heading.span, {
                "heading": section.heading.raw.strip(),
                "section": spec().heading(owner.heading.canonical) if owner else "",
            })
