"""The cross-document rules GL801 carry-over, GL802 documents-in-force, GL805 figures-unchanged, on
pairs of generated reports (benchmarks/generate.py): a body's report for a year and the year before,
consistent (silent), then each defect injected (found at its cell of this year's report)."""
from __future__ import annotations

import copy
import random
import re
import sys
from pathlib import Path

import pytest

from govlint.lint.across import compare
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402  (benchmarks/generate.py)
from generate import build_blocks, make_report, render  # noqa: E402

SEED = 20240601
CROSS = ("GL801", "GL802", "GL803", "GL804", "GL805", "GL806")


def _reports(count, need=lambda report: True):
    """Defect-free generated reports of the 2021 format whose previous year is of that format too."""
    found, index = [], 0
    while len(found) < count:
        report = make_report(SEED, index, defect_rate=0)
        index += 1
        if report.fmt == "2021" and report.year >= 2022 and need(report):
            found.append(report)
    return found


def _table2_row(report, label):
    for _item, _columns, rows in report.table2:
        for name, cells in rows:
            if name == label:
                return cells
    return None


def last_year_of(report):
    """The same body's report for the year before, consistent with ``report``: last year's
    结转下年度 = this year's 上年结转, last year's 现行有效 = this year's − 制发 + 废止; other figures fresh."""
    last = copy.deepcopy(report)
    last.year = report.year - 1
    rng = random.Random(f"last:{report.index}")
    t3 = last.table3
    for column in range(7):  # fresh figures, the row identities kept: new + carried = total + forward
        t3["forward"][column] = report.table3["carried"][column]
    for key in t3:
        if key not in ("forward", "carried", "new"):
            for column in range(6):
                t3[key][column] = t3[key][column] + (rng.randint(0, 2) if t3[key][column] else 0)
    for key in ("total", "forward"):
        t3[key][6] = sum(t3[key][:6])
    for column in range(7):
        t3["carried"][column] = 0
        t3["new"][column] = t3["total"][column] + t3["forward"][column]
    for key in [key for key in t3 if key not in ("new", "carried", "total", "forward", "other")]:
        t3[key][6] = sum(t3[key][:6])
    t3["other"] = [sum(t3[key][c] for key in ("other.1", "other.2", "other.3") if key in t3) for c in range(7)] \
        if "other.1" in t3 else t3["other"]
    _consistent_totals(t3)
    last.table4 = [value + 1 if index % 5 == 0 else value for index, value in enumerate(report.table4)]
    _table4_totals(last.table4)
    for label in ("规章", "行政规范性文件"):
        mine, theirs = _table2_row(report, label), _table2_row(last, label)
        if mine and theirs:
            made, repealed, in_force = mine
            theirs[2] = max(0, in_force - made + repealed)
            mine[2] = theirs[2] + made - repealed
    # A body that solved last year's problems states new ones: each year draws its own half of the bank
    # (the bank is small: drawn freely, two years often name the same problems, which GL804 reports).
    bank = generate.PROBLEMS
    try:
        generate.PROBLEMS = bank[::2]
        last.blocks = build_blocks(random.Random(f"blocks:{report.index}"), last, {})
        generate.PROBLEMS = bank[1::2]
        report.blocks = build_blocks(random.Random(f"blocks-this:{report.index}"), report, {})
    finally:
        generate.PROBLEMS = bank
    return last


def _consistent_totals(t3):
    """Table 3's 总计 row is the sum of the outcomes (generate.make_table3's identities)."""
    outcomes = [key for key in t3 if key not in ("new", "carried", "total", "forward", "result")
                and not (key in ("withheld", "unavailable", "rejected", "other"))]
    leaves = [key for key in outcomes if "." in key or key in ("granted", "partly")]
    t3["total"] = [sum(t3[key][c] for key in leaves) for c in range(7)]
    for c in range(7):
        t3["new"][c] = t3["total"][c] + t3["forward"][c] - t3["carried"][c]


def _table4_totals(values):
    for group in range(3):
        values[group * 5 + 4] = sum(values[group * 5:group * 5 + 4])


def _lint_pair(this_report, last_report, lang="en"):
    this_text, last_text = render(this_report, SEED), render(last_report, SEED)
    linter = Linter(Options(lang=lang, pairing=True))
    last = linter.lint_bytes(last_text.encode("utf-8"), "last.txt")
    this = linter.lint_bytes(this_text.encode("utf-8"), "this.txt")
    return this, compare(linter, this, last), this_text


def _cross(result):
    return [d for d in result.diagnostics if d.code in CROSS]


PAIRS = _reports(12)


@pytest.mark.parametrize("report", PAIRS, ids=lambda r: f"{r.index}-{r.layout}")
def test_a_consistent_pair_is_silent(report):
    report = copy.deepcopy(report)
    last = last_year_of(report)
    alone, paired, _ = _lint_pair(report, last)
    assert paired.paired_with == "last.txt"
    assert not _cross(paired), [d.message for d in _cross(paired)]


@pytest.mark.parametrize("report", PAIRS, ids=lambda r: f"{r.index}-{r.layout}")
def test_a_carried_over_cell_that_differs_is_found_there(report):
    report = copy.deepcopy(report)
    last = last_year_of(report)
    last.table3["forward"][0] += 2  # last year left two more applications of natural persons
    last.table3["forward"][6] += 2
    last.table3["new"][0] += 2
    last.table3["new"][6] += 2
    last.blocks = build_blocks(random.Random(f"blocks:{report.index}"), last, {})
    alone, paired, text = _lint_pair(report, last)
    found = [d for d in _cross(paired) if d.code == "GL801"]
    assert len(found) == 1, [d.message for d in _cross(paired)]  # not the total column too: one cause
    line = text.splitlines()[paired.source.position(found[0].span.start)[0] - 1]
    assert "上年结转" in line
    carried = report.table3["carried"][0]
    assert f"is {carried}, but last year's report (last.txt) carried {carried + 2} forward" in found[0].message


@pytest.mark.parametrize("report", PAIRS, ids=lambda r: f"{r.index}-{r.layout}")
def test_documents_in_force_that_do_not_follow_are_found(report):
    report = copy.deepcopy(report)
    last = last_year_of(report)
    row = _table2_row(report, "行政规范性文件")
    row[2] += 3
    report.blocks = build_blocks(random.Random(f"blocks-this:{report.index}"), report, {})
    _alone, paired, text = _lint_pair(report, last)
    found = [d for d in _cross(paired) if d.code == "GL802"]
    assert len(found) == 1, [d.message for d in _cross(paired)]
    line = text.splitlines()[paired.source.position(found[0].span.start)[0] - 1]
    assert "规范性文件" in line
    made, repealed, in_force = row
    assert f"is {in_force}, but in force last year {in_force - 3 - made + repealed} + issued {made} − repealed " \
           f"{repealed} = {in_force - 3}" in found[0].message


BUSY = _reports(4, need=lambda report: report.table3["total"][6] >= 20)


@pytest.mark.parametrize("report", BUSY, ids=lambda r: f"{r.index}-{r.layout}")
def test_a_table_copied_from_last_year_is_found(report):
    report = copy.deepcopy(report)
    t3 = report.table3
    t3["carried"] = list(t3["forward"])  # last year's table 3 whole: its forward is this year's carried
    for c in range(7):
        t3["new"][c] = t3["total"][c]
    last = last_year_of(report)
    last.table3 = copy.deepcopy(t3)
    last.blocks = build_blocks(random.Random(f"blocks:{report.index}"), last, {})
    report.blocks = build_blocks(random.Random(f"blocks-this:{report.index}"), report, {})
    _alone, paired, text = _lint_pair(report, last, lang="zh")
    found = [d for d in _cross(paired) if d.code == "GL805"]
    assert len(found) == 1, [d.message for d in _cross(paired)]
    assert found[0].message.startswith("表三的全部数字与上年报告（last.txt）完全相同")
    assert not [d for d in _cross(paired) if d.code == "GL801"]


def test_all_zero_tables_two_years_running_are_not_copying():
    report = copy.deepcopy(_reports(1, need=lambda r: r.table3["total"][6] == 0 and r.table3["carried"][6] == 0
                                    and r.table3["forward"][6] == 0)[0])
    report.table4 = [0] * 15
    last = copy.deepcopy(report)
    last.year -= 1
    last.blocks = build_blocks(random.Random("zero"), last, {})
    _alone, paired, _ = _lint_pair(report, last)
    assert paired.paired_with == "last.txt"
    assert not [d for d in _cross(paired) if d.code == "GL805"]


def test_a_report_alone_gets_no_cross_diagnostics_and_no_fingerprint():
    report = PAIRS[0]
    result = Linter(Options()).lint_bytes(render(report, SEED).encode("utf-8"), "alone.txt")
    assert result.fingerprint is None and result.paired_with is None
    assert not _cross(result)


# -- the prose: GL803 text-reuse, GL804 problems-repeated (pairs), GL806 copied-from-another-body (batch) ----

def test_last_years_prose_again_is_found_whole_and_in_section_five():
    report = copy.deepcopy(PAIRS[1])
    last = last_year_of(report)
    last.blocks = build_blocks(random.Random("the same words"), last, {})
    report.blocks = build_blocks(random.Random("the same words"), report, {})  # the same choices: last year's text
    _alone, paired, text = _lint_pair(report, last)
    reuse = [d for d in paired.diagnostics if d.code == "GL803"]
    assert len(reuse) == 1
    line, column = paired.source.position(reuse[0].span.start)
    assert "年度报告" in text.splitlines()[line - 1] and column == 1  # at the title: the whole report
    assert "of the prose" in reuse[0].message and "as last year's report (last.txt)" in reuse[0].message
    repeated = [d for d in paired.diagnostics if d.code == "GL804"]
    assert len(repeated) == 1
    line = paired.source.position(repeated[0].span.start)[0]
    heading = next(number for number, row in enumerate(text.splitlines(), 1) if "存在的主要问题" in row)
    assert line > heading  # the first sentence of section 五


def test_last_years_problems_with_new_measures_are_found_in_section_five():
    report = copy.deepcopy(PAIRS[2])
    last = last_year_of(report)
    bank, measures = generate.PROBLEMS, generate.MEASURES
    try:  # the same problems drawn both years (the same rng), the measures each year its own half
        generate.MEASURES = measures[::2]
        last.blocks = build_blocks(random.Random("problems"), last, {})
        generate.MEASURES = measures[1::2]
        report.blocks = build_blocks(random.Random("problems"), report, {})
    finally:
        generate.PROBLEMS, generate.MEASURES = bank, measures
    _alone, paired, text = _lint_pair(report, last)
    [repeated] = [d for d in paired.diagnostics if d.code == "GL804"]
    assert "of the problems section" in repeated.message
    line = paired.source.position(repeated.span.start)[0]
    rows = text.splitlines()
    five = next(number for number, row in enumerate(rows, 1) if "存在的主要问题及改进情况" in row)
    measures = next(number for number, row in enumerate(rows, 1) if number > five and "改进措施" in row)
    assert five < line < measures  # at the first sentence that states a problem


def test_the_reused_passages_are_marked_in_the_html_report(tmp_path):
    report = copy.deepcopy(PAIRS[1])
    last = last_year_of(report)
    last.blocks = build_blocks(random.Random("the same words"), last, {})
    report.blocks = build_blocks(random.Random("the same words"), report, {})
    (tmp_path / "2021").mkdir()
    this_path, last_path = tmp_path / "this.txt", tmp_path / "2021" / "last.txt"
    this_path.write_text(render(report, SEED), encoding="utf-8")
    last_path.write_text(render(last, SEED), encoding="utf-8")
    from conftest import cli_runner
    from govlint.cli import cli

    page = tmp_path / "out.html"
    result = cli_runner().invoke(cli, [str(last_path), str(this_path), "--select", "GL803", "-o", str(page),
                                       "--format", "html"])
    assert result.exit_code == 0 and "1 个" in result.output, result.output  # one warning
    html = page.read_text(encoding="utf-8")
    ids = set(re.findall(r'data-diag-id="([^"]+)"[^>]*data-family="across"', html))
    assert len(ids) == 1  # the one GL803 (its mark, and its entry in the list)
    reuse_id = ids.pop()
    marked = re.findall(r'<mark class="hl rel sev-warning" data-related-for="%s"[^>]*>([^<]+)' % reuse_id, html)
    assert len(marked) >= 5 and all(piece.strip() for piece in marked)  # this year's sentences, last year's words


SHARED = "严把信息质量关，增强信息发布的时效性和针对性，努力为群众提供看得懂、用得上的政务信息，切实解决群众关心的急难愁盼问题。"


def _with_sentence(text, sentence=SHARED):
    """The report with a paragraph inserted after the heading of section 一 (line number returned)."""
    lines = text.split("\n")
    at = next(index for index, line in enumerate(lines) if re.match(r"\W*一\s*[、.．]\s*总体情况", line)) + 1
    lines.insert(at, sentence)
    return "\n".join(lines), at + 1


def _batch(texts):
    """Each report's cross-document diagnostics of one run over ``texts`` (name → text)."""
    from govlint.lint.across import cross_results, entry_of

    linter = Linter(Options(lang="en", pairing=True))
    results = [linter.lint_bytes(text.encode("utf-8"), name) for name, text in texts.items()]
    entries = [entry_of(linter, result, order) for order, result in enumerate(results)]
    found = {name: [] for name in texts}
    for result in cross_results(linter, entries, None, []):
        found[result.path].extend((d.code, result.source.position(d.span.start), d.message) for d in result.diagnostics)
    return found


def _bodies(count):
    """Generated reports of ``count`` different bodies, the same year."""
    seen, found, index = set(), [], 0
    while len(found) < count:
        report = make_report(SEED, index, defect_rate=0)
        index += 1
        if report.fmt == "2021" and report.agency.name not in seen:
            seen.add(report.agency.name)
            found.append(report)
    return found


def test_a_passage_in_two_bodies_reports_is_found_at_both_places():
    first, second = _bodies(2)
    one, one_line = _with_sentence(render(first, SEED))
    two, two_line = _with_sentence(render(second, SEED))
    found = _batch({"one.txt": one, "two.txt": two})
    copied = {name: [item for item in items if item[0] == "GL806" and item[1][0] in (one_line, two_line)]
              for name, items in found.items()}
    assert [item[1] for item in copied["one.txt"]] == [(one_line, 1)]
    assert [item[1] for item in copied["two.txt"]] == [(two_line, 1)]
    assert f"report two.txt, line {two_line}" in copied["one.txt"][0][2]
    assert f"another body's (\"{second.agency.name}\")" in copied["one.txt"][0][2]


def test_a_copied_passage_is_placed_at_both_ends_in_a_crlf_file():
    # GL806 keeps a sentence's offsets and the report's lines' offsets, and makes line:column only for a
    # finding: both ends as the single-report pass would print them, CRLF and an indent included
    from govlint.lint.across import cross_results, entry_of

    first, second = _bodies(2)
    one, one_line = _with_sentence(render(first, SEED), "\u3000\u3000" + SHARED)
    two, two_line = _with_sentence(render(second, SEED))
    texts = {"one.txt": one.replace("\n", "\r\n"), "two.txt": two}
    linter = Linter(Options(lang="en", pairing=True))
    results = [linter.lint_bytes(text.encode("utf-8"), name) for name, text in texts.items()]
    entries = [entry_of(linter, result, order) for order, result in enumerate(results)]
    found = {}
    for result in cross_results(linter, entries, None, []):
        found[result.path] = [(diag.location(result.source), diag.message) for diag in result.diagnostics
                              if diag.code == "GL806"]
    end = 3 + len(SHARED)
    assert [where for where, _ in found["one.txt"]] == [
        {"line": one_line, "column": 3, "end_line": one_line, "end_column": end}]
    assert [where for where, _ in found["two.txt"]] == [
        {"line": two_line, "column": 1, "end_line": two_line, "end_column": 1 + len(SHARED)}]
    assert f"report two.txt, line {two_line}" in found["one.txt"][0][1]
    assert f"report one.txt, line {one_line}" in found["two.txt"][0][1]


def test_a_passage_of_many_bodies_is_a_formula_not_a_copy():
    texts = {}
    for number, report in enumerate(_bodies(4)):
        texts[f"{number}.txt"], _line = _with_sentence(render(report, SEED))
    found = _batch(texts)  # four bodies of four say it: the batch's template (formula_min_bodies: 3)
    lines = {name: _with_sentence(render(report, SEED))[1] for name, report in zip(texts, _bodies(4))}
    assert not [name for name, items in found.items() for item in items if item[1][0] == lines[name]]
    two = dict(list(texts.items())[:2])  # two of them alone: a copy
    assert [name for name, items in _batch(two).items() for item in items if item[1][0] == lines[name]] == \
        ["0.txt", "1.txt"]


def test_a_short_shared_sentence_and_one_body_twice_are_no_copy():
    first, second = _bodies(2)
    short = "本年度我局严格落实信息发布审核制度。"
    found = _batch({"one.txt": _with_sentence(render(first, SEED), short)[0],
                    "two.txt": _with_sentence(render(second, SEED), short)[0]})
    lines = {"one.txt": _with_sentence(render(first, SEED), short)[1],
             "two.txt": _with_sentence(render(second, SEED), short)[1]}
    assert not [name for name, items in found.items() for item in items if item[1][0] == lines[name]]
    same = _with_sentence(render(first, SEED))[0]
    assert not [item for items in _batch({"a.txt": same, "b.txt": same}).values() for item in items
                if item[0] == "GL806"]


def _shared_by_dict(fingerprints, name, formula):
    """GL806's index as it was first written (a dict of every repeated sentence): the reference the
    bucketed arrays of across_text._shared_sentences must agree with."""
    index: dict = {}
    for number, fingerprint in enumerate(fingerprints):
        kept = fingerprint.facts.get(name)
        if not kept or not fingerprint.names:
            continue
        for at, digest in enumerate(kept):
            slot = index.get(digest)
            if slot == "template":
                continue
            places, seen = index.setdefault(digest, ([], set()))
            if fingerprint.names[0] not in seen:
                seen.add(fingerprint.names[0])
                places.append((number, at))
                if len(places) >= formula:
                    index[digest] = "template"
    shared: dict = {}
    for slot in index.values():
        places = () if slot == "template" else slot[0]
        if 2 <= len(places) < formula:
            for number, at in places:
                other, other_at = next(place for place in places if place[0] != number)
                shared.setdefault(number, []).append((at, other, other_at))
    return [(number, sorted(shared[number])) for number in sorted(shared)]


@pytest.mark.parametrize("seed", range(5))
def test_gl806_index_in_buckets_agrees_with_a_dict(seed):
    """The flat-memory index finds exactly the shared sentences the plain dict did: first place per
    body, templates (≥ formula bodies) left out, a sentence twice in one report counted once."""
    from array import array

    from govlint.model import Fingerprint
    from govlint.rules.kinds.across_text import _shared_sentences

    rng = random.Random(seed)
    name = "copied-from-another-body"
    bank = [rng.getrandbits(63) for _ in range(60)]
    fingerprints = []
    for number in range(300):
        digests = array("q", (rng.choice(bank) if rng.random() < 0.3 else rng.getrandbits(63)
                              for _ in range(rng.randrange(0, 12))))
        names = () if rng.random() < 0.05 else (f"body{rng.randrange(80)}",)
        fingerprints.append(Fingerprint(path=str(number), names=names, facts={name: digests} if digests else {}))
    for formula in (2, 3, 6, 1000):
        found = list(_shared_sentences(fingerprints, name, formula).by_report(len(fingerprints)))
        assert found == _shared_by_dict(fingerprints, name, formula)


@pytest.mark.parametrize("wrapped", [False, True], ids=["on one line", "hard-wrapped over two lines"])
def test_a_copy_is_at_the_same_place_whether_its_file_is_read_again_or_sketched(tmp_path, wrapped):
    # A format that prints places only (json, csv …) gets the pass's sketch instead of the file read again:
    # the same line:column at both ends, a passage that runs on to the next line included.
    from govlint.lint.session import Run, RunOptions

    half = len(SHARED) // 2
    sentence = SHARED[:half] + "\n" + SHARED[half:] if wrapped else SHARED
    paths = []
    for name, report in zip(("one.txt", "two.txt"), _bodies(2)):
        (tmp_path / name).write_text(_with_sentence(render(report, SEED), sentence)[0], encoding="utf-8")
        paths.append(str(tmp_path / name))

    def places(excerpts):
        run = Run(Linter(Options(lang="en")), RunOptions(excerpts=excerpts))
        return sorted((result.path, diag.code, tuple(diag.location(result.source).values()))
                      for result in run.results(paths) if result.cross for diag in result.diagnostics)

    read_again, sketched = places(True), places(False)
    copies = [place for _path, code, place in sketched if code == "GL806"]
    assert read_again == sketched and len(copies) == 2
    assert all((end_line > line) == wrapped for line, _column, end_line, _end_column in copies)


def test_a_tables_digest_follows_its_values_alone():
    from govlint.rules.kinds.across_tables import table_digest

    one = (7, 1000, int("1000"), 2.5, -1)  # equal numbers held by different objects …
    two = (7, int("1000"), 1000, float("2.5"), -1)
    assert table_digest(one) == table_digest(two)  # … are one table
    assert table_digest((7, 1000, 1000, 2.5, -1)) != table_digest((7, 1000, 1000, 2.5, -2))  # hash(-1) == hash(-2)
    assert table_digest((1, 2)) != table_digest((1.0, 2)) and table_digest((1, 2)) != table_digest((2, 1))
