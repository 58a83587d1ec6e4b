"""publication-deadline: a report dated after its body's deadline, or before its year is over (GL505).

The report's date is the document tree's (``doc.date``, read once by govlint.parse.dates: the
sign-off at the end, else a saved page's 成文日期 / 发布日期 / 公开日期); the body's kind and level
are ``doc.body``'s (govlint.parse.body).  This kind reads no text itself.

The deadlines (条例 第四十九条), in the year after the report's year: 31 January for the departments
of governments at county level and above, 31 March for those governments (both parameters).  Say
less when unsure:

* a township (乡镇, 街道) — the 条例 names no deadline for it — is never late, whatever its date;
* a body whose kind or level does not decide (a government's office, a body with no place in its
  name, a report whose title names no body) is held to the later deadline, 31 March (case
  ``unknown``): a report dated after it is late for any body the 条例 gives a deadline to;
* a report without a date it is sure of (no sign-off, two dates at the end) says nothing.

A report dated before the end of the year it reports on (case ``early``) cannot hold the year's
figures: its date or its year is wrong.  One finding per report, at the date.
"""
from __future__ import annotations

import datetime

from govlint.rules.api import CheckKind, Finding, Param, check_kind

COUNTY_AND_ABOVE = ("province", "city", "county")
KIND_ZH = {"department": "县级以上人民政府部门", "government": "县级以上人民政府"}
KIND_EN = {"department": "a department of a government at county level or above",
           "government": "a government at county level or above"}
SOURCE_ZH = {"sign-off": "落款日期"}
SOURCE_EN = {"sign-off": "its sign-off", "成文日期": "the page's \"成文日期\" (date written)",
             "发布日期": "the page's \"发布日期\" (publication date)",
             "公开日期": "the page's \"公开日期\" (publication date)"}


def _month_day(text: str) -> tuple[int, int]:
    """"01-31" → (1, 31); ValueError when it names no day of a (non-leap) year."""
    month, day = (int(part) for part in str(text).split("-"))
    datetime.date(2001, month, day)
    return month, day


@check_kind
class PublicationDeadline(CheckKind):
    """A report dated after its body's publication deadline, or before the end of its year."""

    name = "publication-deadline"
    FIELDS = ("date", "date_iso", "source", "source_en", "deadline", "deadline_iso", "kind", "kind_en",
              "period_end", "period_end_iso")
    CASES = ("unknown", "early")
    PARAMS = {
        "department_deadline": Param(str, "01-31", "MM-DD in the year after the report's: the deadline of "
                                                  "departments of governments at county level and above"),
        "government_deadline": Param(str, "03-31", "MM-DD in the year after the report's: the deadline of "
                                                  "governments at county level and above (and of bodies of "
                                                  "unknown kind)"),
    }

    @staticmethod
    def validate_params(params):
        for name in ("department_deadline", "government_deadline"):
            try:
                _month_day(params[name])
            except (ValueError, TypeError):
                raise ValueError(f"{name}: {params[name]!r} is not a day of the year written MM-DD (01-31)") from None

    def check(self, doc, params):
        date = doc.date
        if date is None or doc.year is None:
            return
        written = datetime.date(date.year, date.month, date.day)
        args = {"date": date.text, "date_iso": date.iso, "source": SOURCE_ZH.get(date.source, date.source),
                "source_en": SOURCE_EN.get(date.source, date.source)}
        period_end = datetime.date(doc.year, 12, 31)
        if written < period_end:
            yield Finding(date.span, {**args, "period_end": _zh(period_end), "period_end_iso": period_end.isoformat()},
                          case="early")
            return
        kind = _deadline_kind(doc.body)
        if kind is None:
            return  # a township: the 条例 names no deadline
        param = "department_deadline" if kind == "department" else "government_deadline"
        month, day = _month_day(params[param])
        deadline = datetime.date(doc.year + 1, month, day)
        if written <= deadline:
            return
        yield Finding(date.span, {**args, "deadline": _zh(deadline), "deadline_iso": deadline.isoformat(),
                                  "kind": KIND_ZH.get(kind, ""), "kind_en": KIND_EN.get(kind, "")},
                      case="unknown" if kind == "unknown" else None,
                      related=[doc.body.span] if doc.body is not None else [])


def _deadline_kind(body) -> str | None:
    """department | government | unknown (the later deadline) | None (a township: no deadline)."""
    if body is None:
        return "unknown"
    if body.level == "township":
        return None
    if body.level in COUNTY_AND_ABOVE and body.kind in ("department", "government"):
        return body.kind
    return "unknown"


def _zh(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
