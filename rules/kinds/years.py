"""year-consistency: the title's year, the statistical period and the report year agree."""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, check_kind


@check_kind
class YearConsistency(CheckKind):
    """The title year equals the statistical period's year, and the period is the whole calendar year."""

    name = "year-consistency"
    FIELDS = ("title_year", "period_year", "period", "year")
    CASES = ("partial_period", "override")

    def check(self, doc, params):
        title_year = doc.title.year if doc.title is not None else None
        if doc.year_source == "override" and title_year and title_year != doc.year:
            yield Finding(doc.title.span, {"title_year": title_year, "year": doc.year}, case="override")
        for period in doc.entities.periods:
            groups = period.groups
            start_year = int(groups["y1"])
            end_year = int(groups["y2"]) if groups.get("y2") else start_year
            reference = title_year or (doc.year if doc.year_source != "period" else None)
            if reference is not None and (start_year != reference or end_year != reference):
                yield Finding(period.span, {"title_year": reference, "period_year": start_year
                                            if start_year != reference else end_year, "period": period.text})
                continue
            full = (int(groups["m1"]), int(groups["d1"]), int(groups["m2"]), int(groups["d2"])) == (1, 1, 12, 31)
            if not full or end_year != start_year:
                yield Finding(period.span, {"period": period.text, "year": start_year}, case="partial_period")
