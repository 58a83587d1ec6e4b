"""Citation checks on document numbers (文号): notice-matches-year, notice-cited, docno-style, docno-identity."""
from __future__ import annotations


from govlint.grammar.shapes import simplified
from govlint.grammar.spec import FORMATS, spec
from govlint.rules.api import CheckKind, Edit, Finding, Param, check_kind
from govlint.rules.kinds._util import preamble_anchor

NOTICE_CODE = spec().notice_issuer("2021")  # 国办公开办函: the issuer of every format notice


def _notice_numbers() -> dict:
    """format → (year, serial) of the notice that governs it."""
    return {fmt: number for fmt in FORMATS if (number := spec().notice_number(fmt))}


def _number(item) -> tuple[int, int]:
    return int(item.groups["year"]), int(item.groups["serial"])


def _alternatives(full: dict) -> dict:
    """The valid notice numbers: 甲 或 乙 / "甲" or "乙"."""
    numbers = sorted(full.values())
    return {"expected": " 或 ".join(numbers), "expected_en": " or ".join(f"\"{n}\"" for n in numbers)}


def _issuer(item) -> str:
    return simplified(item.groups["issuer"])


@check_kind
class NoticeMatchesYear(CheckKind):
    """The cited format notice is the one for the report's year (〔2019〕60号 for 2019–2020, 〔2021〕30号 from 2021)."""

    name = "notice-matches-year"
    FIELDS = ("year", "expected", "found")

    def check(self, doc, params):
        numbers = _notice_numbers()
        expected = numbers.get(doc.format)
        if expected is None:
            return
        others = {number for fmt, number in numbers.items() if fmt != doc.format}
        full = spec().notice(doc.format)
        for item in doc.entities.notices:
            if _issuer(item) == NOTICE_CODE and _number(item) in others:
                yield Finding(item.span, {"year": doc.year or "", "expected": full, "found": item.text},
                              edits=[Edit(item.span.start, item.span.end, full)])


@check_kind
class NoticeCited(CheckKind):
    """A 2019-or-later report cites the format notice by its document number."""

    name = "notice-cited"
    FIELDS = ("expected", "title")
    CASES = ("title_only",)

    def check(self, doc, params):
        entities = doc.entities
        if entities.notices or entities.corrupt_notices:
            return
        info = spec().format_info(doc.format)
        args = {"expected": info.get("notice") or "", "title": info.get("format_title") or ""}
        # Only the national format's own title counts as naming it; "…年度报告有关事项的通知" is the
        # title of many a provincial notice, which is not the format notice (a warning, not an info).
        titles = [title for title in entities.format_titles if not title.groups.get("notice")]
        if titles:
            yield Finding(titles[0].span, args, case="title_only")
        else:
            yield Finding(preamble_anchor(doc), args)


@check_kind
class DocnoStyle(CheckKind):
    """A document number is written 〔2021〕30号: six-cornered brackets, no 第, no leading zeros."""

    name = "docno-style"
    FIELDS = ("found", "expected", "issuer")
    PARAMS = {"brackets": Param(str, "〔〕", "the opening and closing bracket of the year")}

    def check(self, doc, params):
        opening, closing = params["brackets"][0], params["brackets"][-1]
        for item in doc.entities.docnos:
            groups = item.groups
            problems = []
            if groups["open"] != opening or groups["close"] != closing:
                problems.append("brackets")
            if groups.get("di"):
                problems.append("di")
            if len(groups["serial"]) > 1 and groups["serial"].startswith("0"):
                problems.append("zeros")
            if not groups.get("hao"):
                continue  # an abbreviated reference (〔2017〕97、113号): nothing to rebuild
            if not problems:
                continue
            expected = f"{opening}{groups['year']}{closing}{int(groups['serial'])}号"
            core = groups["core_span"]
            yield Finding(core, {"found": doc.source.text[core.start:core.end], "expected": expected,
                                 "issuer": groups["issuer"]},
                          edits=[Edit(core.start, core.end, expected)])


@check_kind
class DocnoIdentity(CheckKind):
    """The format notice's number is cited with the wrong issuer code, a wrong year/serial pair, or corrupted."""

    name = "docno-identity"
    FIELDS = ("found", "expected", "expected_en")
    CASES = ("issuer", "number", "corrupt")

    def check(self, doc, params):
        numbers = _notice_numbers()
        valid = set(numbers.values())
        years = {year for year, _ in valid}
        serials = {serial for _, serial in valid}
        full = {number: spec().notice(fmt) for fmt, number in numbers.items()}
        for item in doc.entities.notices:
            issuer, number = _issuer(item), _number(item)
            if issuer == NOTICE_CODE:
                if number not in valid and (number[0] in years and number[1] in serials):
                    yield Finding(item.span, {"found": item.text, **_alternatives(full)}, case="number")
            elif number in valid:
                yield Finding(item.span, {"found": item.text, "expected": full[number]}, case="issuer",
                              edits=[Edit(item.span.start, item.span.end, full[number])])
        for item in doc.entities.corrupt_notices:
            yield Finding(item.span, {"found": item.text, **_alternatives(full)}, case="corrupt")
