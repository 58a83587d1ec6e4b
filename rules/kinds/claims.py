"""text-table-claims: what the prose says about applications agrees with table 3."""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.grammar.shapes import parse_number
from govlint.rules.kinds._util import compiled, number_text, prose, search


@check_kind
class TextTableClaims(CheckKind):
    """The text's claim about applications received (未收到… / 共收到N件) matches table 3."""

    name = "text-table-claims"
    FIELDS = ("claim", "table", "text")
    CASES = ("zero",)
    PARAMS = {
        "zero_patterns": Param(list, [], "regexes for 'no application was received'"),
        "count_patterns": Param(list, [], "regexes with a group (?P<n>…) for 'N applications were received'"),
        "scope": Param((list, str, int), [1, 3], "where the claims are read: section ids, preamble or document"),
    }

    @staticmethod
    def validate_params(params):
        for pattern in params["count_patterns"]:
            if "(?P<n>" not in pattern:
                raise ValueError(f"count pattern {pattern!r} needs a group (?P<n>…)")
            compiled(pattern)
        for pattern in params["zero_patterns"]:
            compiled(pattern)

    def check(self, doc, params):
        table = doc.table3
        row = table.rows.get("new") if table is not None else None
        cell = row.cell("total") if row is not None and row.width_ok else None
        if cell is None or not cell.is_number or not _is_value(cell.value):
            return
        new = cell.value
        carried_row = table.rows.get("carried")
        carried_cell = carried_row.cell("total") if carried_row is not None and carried_row.width_ok else None
        carried = carried_cell.value if carried_cell is not None and carried_cell.is_number else 0
        if not _is_value(carried):
            carried = 0
        paragraphs = prose(doc, params["scope"])
        claimed = set()
        for pattern in params["count_patterns"]:
            for paragraph, match in search(paragraphs, compiled(pattern)):
                digits = match.group("n").lstrip("0") or "0"
                parsed = parse_number(digits)
                if parsed is None:
                    continue  # longer than any number a report states: not a claim (the one parser says)
                n = parsed[0]
                span = paragraph.squeezed_span(match.start(), match.end())
                if span.start in claimed:
                    continue
                claimed.add(span.start)
                if n not in (new, new + carried):
                    yield Finding(span, {"claim": digits, "table": number_text(new), "text": match.group()},
                                  related=[cell.span])
        if new == 0:
            return
        for pattern in params["zero_patterns"]:
            for paragraph, match in search(paragraphs, compiled(pattern)):
                span = paragraph.squeezed_span(match.start(), match.end())
                if span.start in claimed:
                    continue
                claimed.add(span.start)
                yield Finding(span, {"claim": 0, "table": number_text(new), "text": match.group()},
                              case="zero", related=[cell.span])


def _is_value(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # not NaN
