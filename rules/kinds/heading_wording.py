"""heading-wording: a mandated heading is worded or numbered as the format says."""
from __future__ import annotations

from govlint.canon import canon
from govlint.diagnostics import Edit, Finding
from govlint.normalize import fold
from govlint.registry import CheckKind, check_kind


@check_kind
class HeadingWording(CheckKind):
    """A mandated section heading differs from the format's wording or number."""

    name = "heading-wording"
    CASES = ("variant", "reworded", "numbering", "missing")

    def check(self, doc, params):
        source = doc.source
        for section in doc.sections:
            heading = section.heading
            if heading.canonical is None or heading.quality in ("extra", "duplicate"):
                continue
            expected = canon().heading(heading.canonical)
            args = {"found": heading.raw.strip(), "expected": expected}
            if heading.quality == "implied":
                line_start = source.line_starts[source.line_of(heading.span.start) - 1]
                yield Finding(heading.span, args, case="missing", safe=False,
                              edits=[Edit(line_start, line_start, expected + source.newline)])
                continue
            written = fold(heading.raw).strip().strip("*").strip()
            if written == fold(expected):
                continue
            edits = [Edit(heading.span.start, heading.span.end, expected)]
            if heading.quality == "exact":
                yield Finding(heading.span, args, case="numbering", edits=edits, safe=False)
            elif heading.quality == "variant":
                yield Finding(heading.span, args, case="variant", edits=edits)
            else:
                yield Finding(heading.span, args, case="reworded", edits=edits, safe=False)
