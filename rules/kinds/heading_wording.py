"""heading-wording: a mandated heading is worded or numbered as the format says."""
from __future__ import annotations

from functools import lru_cache

from govlint.grammar.shapes import without_emphasis
from govlint.grammar.spec import spec
from govlint.rules.api import CheckKind, Edit, Finding, check_kind, fold


@check_kind
class HeadingWording(CheckKind):
    """A mandated section heading differs from the format's wording or number."""

    name = "heading-wording"
    FIELDS = ("found", "expected")
    CASES = ("variant", "reworded", "numbering", "missing")

    def check(self, doc, params):
        source = doc.source
        for section in doc.sections:
            heading = section.heading
            if heading.canonical is None or heading.quality in ("extra", "duplicate", "headless"):
                continue
            expected, folded = _expected(heading.canonical)
            if heading.quality != "implied" and _written(heading) == folded:
                continue  # the usual case, decided first
            args = {"found": heading.raw.strip(), "expected": expected}
            if heading.quality == "implied":
                line_start = source.line_starts[source.line_of(heading.span.start) - 1]
                yield Finding(heading.span, args, case="missing", safe=False,
                              edits=[Edit(line_start, line_start, expected + source.newline)])
                continue
            # The section's repeated headings (GL105) are reworded with it.  Left as they are, they would
            # turn from duplicates of the fixed heading into unknown headings (GL106): a heading counts as
            # a duplicate only if it is written as well as the section's own heading.
            edits = [Edit(h.span.start, h.span.end, expected) for h in [heading, *_repeats(doc, section)]
                     if _written(h) != folded]
            if heading.quality == "exact":
                yield Finding(heading.span, args, case="numbering", edits=edits, safe=False)
            elif heading.quality == "variant":
                yield Finding(heading.span, args, case="variant", edits=edits)
            else:
                yield Finding(heading.span, args, case="reworded", edits=edits, safe=False)


@lru_cache(maxsize=None)
def _expected(canonical: int) -> tuple[str, str]:
    """A mandated heading's wording, as written and folded."""
    expected = spec().heading(canonical)
    return expected, fold(expected)


def _written(heading) -> str:
    return _written_text(heading.raw)


@lru_cache(maxsize=4096)
def _written_text(raw: str) -> str:
    """A heading as written, folded, without emphasis marks (most reports write the same headings)."""
    return without_emphasis(fold(raw))


def _repeats(doc, section) -> list:
    """The headings that repeat ``section``'s (quality "duplicate"), after it."""
    return [other.heading for other in doc.sections
            if other is not section and other.heading.quality == "duplicate"
            and other.heading.canonical == section.heading.canonical]
