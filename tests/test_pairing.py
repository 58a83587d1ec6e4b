"""Pairing reports across years (issue 11): in one run, with --previous, --no-pairing, aliases:, and
what every output format makes of the cross-document diagnostics (they come after the files)."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import cli_runner
from govlint.cli import cli

CLEAN = (Path(__file__).resolve().parents[1] / "examples" / "clean-2021.txt").read_text(encoding="utf-8")
CARRIED = "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1"
FORWARD = "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1"
# Last year's report of the body of examples/clean-2021.txt (2022): it carried 1 forward (this year's
# 上年结转), 3 normative documents were in force (+1 issued this year = 4), other figures differ.
LAST = (CLEAN.replace("2022", "2021").replace("行政规范性文件\t1\t0\t4", "行政规范性文件\t1\t0\t3")
        .replace("一、本年新收政府信息公开申请数量\t12\t2\t0\t0\t1\t0\t15", "一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t13"))


def _run(tmp_path, *args, files=None):
    files = files if files is not None else {"this.txt": CLEAN, "last.txt": LAST}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    # The tables' rules: LAST's prose is CLEAN's (GL803, GL804: see test_last_years_prose_is_found).
    return cli_runner().invoke(cli, ["--select", "GL801,GL802,GL805", "--no-color", *args], catch_exceptions=False)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_consistent_reports_of_one_body_are_paired_and_silent(here):
    result = _run(here, "this.txt", "last.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [f["path"] for f in document["files"]] == ["this.txt", "last.txt"]
    assert [(f["path"], f["paired_with"], f["cross"]) for f in document["cross"]] == [("this.txt", "last.txt", True)]
    assert all(not f["diagnostics"] for f in document["files"] + document["cross"])


def test_a_carry_over_that_differs_is_an_error_at_this_years_cell(here):
    last = LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    result = _run(here, "this.txt", "last.txt", "--format", "concise", files={"this.txt": CLEAN, "last.txt": last})
    assert result.exit_code == 1  # the exit code counts the cross-document diagnostics
    line = CLEAN.splitlines().index(CARRIED) + 1
    assert result.stdout.splitlines()[0] == (
        f"this.txt:{line}:18: GL801 [error] 表三“二、上年结转政府信息公开申请数量”行“自然人”列为 1，"
        "但上年报告（last.txt）“四、结转下年度继续办理”为 3")
    assert "错误 1 个" in result.stdout


def test_documents_in_force_show_the_formula(here):
    last = LAST.replace("行政规范性文件\t1\t0\t3", "行政规范性文件\t1\t0\t5")
    result = _run(here, "last.txt", "this.txt", "--format", "concise", "--lang", "en",
                  files={"this.txt": CLEAN, "last.txt": last})
    line = CLEAN.splitlines().index("行政规范性文件\t1\t0\t4") + 1
    assert result.stdout.splitlines()[0] == (
        f"this.txt:{line}:13: GL802 [warning] table 2, row \"行政规范性文件\", column \"现行有效件数\" (in force) is 4, "
        "but in force last year 5 + issued 1 − repealed 0 = 6 (last year's report: last.txt)")


def test_table_4_copied_from_last_year_is_found_whatever_order_its_groups_are_written_in(here):
    # GL805 reads table 4 by its groups: last year's values on one line, this year's as labelled rows
    # in another order, the same numbers
    table4 = next(line for line in CLEAN.split("\n") if line.startswith("1\t0\t0\t0\t1\t0"))
    values = "3\t2\t1\t4\t10\t1\t2\t3\t1\t7\t2\t2\t2\t2\t8"
    last = LAST.replace(table4, values)
    this = CLEAN.replace(table4, "复议后起诉\t2\t2\t2\t2\t8\n行政复议\t3\t2\t1\t4\t10\n未经复议直接起诉\t1\t2\t3\t1\t7")
    result = _run(here, "last.txt", "this.txt", "--format", "concise", "--lang", "en",
                  files={"this.txt": this, "last.txt": last})
    found = [line for line in result.stdout.splitlines() if "GL805" in line]
    assert len(found) == 1 and found[0].startswith("this.txt:") and "table 4" in found[0], result.stdout


def test_previous_names_last_years_report_for_a_single_draft(here):
    last = LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    result = _run(here, "this.txt", "--previous", "last.txt", "--format", "json", "--select", "ALL",
                  files={"this.txt": CLEAN, "last.txt": last})
    document = json.loads(result.stdout)
    assert [f["path"] for f in document["files"]] == ["this.txt"]  # last year's own diagnostics: not reported
    cross = document["cross"]
    assert [f["path"] for f in cross] == ["this.txt"] and cross[0]["paired_with"] == "last.txt"
    assert [d["code"] for d in cross[0]["diagnostics"] if d["code"] in ("GL801", "GL802", "GL805")] == ["GL801"]


def test_standard_input_s_cross_diagnostics_follow_the_working_folder_s_configuration(here):
    """``govlint - --previous last.txt``: standard input's configuration is the working folder's, for its
    cross-document diagnostics as for its own (they once took the folder above's: "." stood for "-")."""
    last = LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    (here / "last.txt").write_text(last, encoding="utf-8")
    (here / ".govlint.yaml").write_text("lang: en\nseverity:\n  GL801: warning\n", encoding="utf-8")
    result = cli_runner().invoke(cli, ["-", "--previous", "last.txt", "--select", "GL801,GL502", "--no-color",
                                       "--format", "concise"], input=CLEAN, catch_exceptions=False)
    lines = result.stdout.splitlines()
    assert any(line.startswith("-:") and " GL801 [warning] " in line and "table 3" in line for line in lines), lines
    assert not any("表三" in line for line in lines), lines


def test_previous_of_another_year_is_said_and_not_paired(here):
    result = _run(here, "this.txt", "--previous", "last.txt", files={"this.txt": CLEAN, "last.txt": CLEAN})
    assert result.exit_code == 0
    assert "未与 --previous last.txt 配对：其年度为 2022，本报告为 2022" in result.stderr


def test_no_pairing_turns_the_pass_off(here):
    last = LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    result = _run(here, "this.txt", "last.txt", "--no-pairing", "--format", "json",
                  files={"this.txt": CLEAN, "last.txt": last})
    assert result.exit_code == 0
    assert "cross" not in json.loads(result.stdout)


def test_two_reports_of_one_body_and_year_are_not_guessed_between(here):
    files = {"this.txt": CLEAN, "last.txt": LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3"),
             "last-copy.txt": LAST}
    result = _run(here, "this.txt", "last.txt", "last-copy.txt", "--format", "json", files=files)
    assert "cross" not in json.loads(result.stdout)


RENAMED = LAST.replace("某某县自然资源局", "某某县国土资源局").replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")


def test_a_renamed_body_is_paired_through_aliases(here):
    files = {"this.txt": CLEAN, "last.txt": RENAMED}
    assert _run(here, "this.txt", "last.txt", files=files).exit_code == 0  # two bodies: not paired
    (here / ".govlint.yaml").write_text("aliases:\n  某某县国土资源局: 某某县自然资源局\n", encoding="utf-8")
    result = _run(here, "this.txt", "last.txt", "--format", "concise", files=files)
    assert result.exit_code == 1 and "GL801" in result.stdout


@pytest.mark.parametrize("config", ["aliases: [a, b]\n", "aliases:\n  某某县国土资源局: 3\n", "aliases:\n  ' ': x\n"])
def test_a_bad_alias_is_a_configuration_error(here, config):
    (here / ".govlint.yaml").write_text(config, encoding="utf-8")
    result = _run(here, "this.txt", "last.txt")
    assert result.exit_code == 2
    assert "'aliases' 应把单位的旧名称对应到新名称" in result.stderr


def _defective(here):
    last = LAST.replace(FORWARD, "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3")
    return {"this.txt": CLEAN, "last.txt": last}


def test_worker_processes_give_the_same_output(here):
    files = _defective(here)
    one = _run(here, "this.txt", "last.txt", "-j", "1", "--format", "json", files=files)
    two = _run(here, "this.txt", "last.txt", "-j", "2", "--format", "json", files=files)
    assert one.stdout == two.stdout and '"paired_with": "last.txt"' in one.stdout


def test_every_machine_format_stays_valid_with_cross_diagnostics(here):
    files = _defective(here)

    def out(fmt):
        result = _run(here, "this.txt", "last.txt", "--format", fmt, "--select", "ALL", files=files)
        assert result.exit_code == 1, result.output
        return result.stdout

    sarif = json.loads(out("sarif"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results].count("GL801") == 1
    junit = ET.fromstring(out("junit"))
    assert "GL801" in ET.tostring(junit, encoding="unicode")
    rows = list(csv.reader(io.StringIO(out("csv"))))
    last_own = max(index for index, row in enumerate(rows) if row[0] == "last.txt")
    assert [row[0] for row in rows[last_own + 1:]] == ["this.txt"] * len(rows[last_own + 1:])
    assert any("GL801" in row for row in rows[last_own + 1:])  # after every file's own rows
    lines = [json.loads(line) for line in out("json-lines").splitlines()]
    tail = lines[max(index for index, line in enumerate(lines) if line["path"] == "last.txt") + 1:]
    assert "GL801" in [line["code"] for line in tail] and {line["path"] for line in tail} == {"this.txt"}
    github = out("github").splitlines()  # a format of the whole list: merged into the file's own lines
    assert any(line.startswith("::error file=this.txt,") and "GL801" in line for line in github)
    text = out("text")
    assert text.rstrip().splitlines()[-1].startswith("检查了 2 个文件")


def test_a_report_checked_alone_has_no_pairing_keys(here):
    result = _run(here, "this.txt", "--format", "json", files={"this.txt": CLEAN})
    assert "paired_with" not in result.stdout and "cross" not in result.stdout


def test_last_years_prose_is_found(here):
    result = _run(here, "this.txt", "last.txt", "--format", "concise", "--select", "GL803,GL804")
    lines = result.stdout.splitlines()
    # LAST is CLEAN with another year: every sentence without the year is reused
    assert re.fullmatch(r"this\.txt:1:1: GL803 \[warning\] 正文有 (\d+)% 的文字（\d+/\d+ 字）与上年报告（last\.txt）逐句相同",
                        lines[0])
    assert lines[1].startswith("this.txt:") and "GL804" in lines[1] and "（last.txt）" in lines[1]


# -- the real reports (domain.md X-12, 002-4) ---------------------------------------------------------

def test_seed_004_repeats_a_sentence_of_seed_000_and_only_that():
    from conftest import CORPUS, SEEDS, seed

    seed("000")
    result = cli_runner().invoke(cli, [*map(str, SEEDS + CORPUS), "--select", "GL8", "--format", "json"])
    document = json.loads(result.stdout)
    found = sorted((Path(entry["path"]).name[:3], d["code"], d["line"]) for entry in document.get("cross", [])
                   for d in entry["diagnostics"])
    # 000 l.113 = 004 l.88 (another body's report); 002's preamble shares 000's template: a formula, silent
    assert found == [("000", "GL806", 113), ("004", "GL806", 88)]


def test_a_spilled_fingerprint_keeps_in_memory_only_what_the_batch_indexes():
    from govlint.lint.across import Spill, entry_of
    from govlint.lint.linter import Linter, Options
    from govlint.lint.session import _batch_kinds

    linter = Linter(Options(pairing=True))
    seed_text = (Path(__file__).parent.parent / "examples" / "clean-2021.txt").read_bytes()
    result = linter.lint_bytes(seed_text, "clean.txt")
    whole = result.fingerprint
    entry = entry_of(linter, result)
    spill = Spill()
    try:
        entry.spill(spill, _batch_kinds())
        assert set(entry.held.facts) == set(whole.facts) & _batch_kinds() and not entry.held.places
        entry.held.places[7] = "a place GL806 added"
        again = entry.fingerprint  # read back from disk, with what the batch kinds added
        companions = [name for name in whole.facts if name.partition(":")[0] in _batch_kinds() and ":" in name]
        assert companions  # GL806's sentence places: on disk apart from the whole, read alone for a finding
        assert again.facts.keys() == whole.facts.keys() - set(companions) and again.year == whole.year
        assert all(entry.held.companion(name) == whole.facts[name] for name in companions)
        assert again.places[7] == "a place GL806 added" and entry.fingerprint is again
        entry.release()
        assert entry.fingerprint is not again  # read again after release
    finally:
        spill.close()


def test_a_pickled_fingerprint_keeps_its_places():
    # the spill pickles places as plain tuples (Fingerprint.__reduce__): they come back as Places
    import pickle

    from govlint.lint.linter import Linter, Options
    from govlint.model import Place

    result = Linter(Options(pairing=True)).lint_bytes(CLEAN.encode("utf-8"), "clean.txt")
    whole = result.fingerprint
    assert whole.places
    again = pickle.loads(pickle.dumps(whole, pickle.HIGHEST_PROTOCOL))
    assert again == whole and all(type(place) is Place for place in again.places.values())
    # a .docx/.pdf/.html place keeps where it is in the document; the places are tuples in the pickle
    whole.places[7] = Place(7, 9, 1, 8, 1, 10, "两字", {"paragraph": 3, "table": None})
    data = pickle.dumps(whole, pickle.HIGHEST_PROTOCOL)
    assert b"Place" not in data
    again = pickle.loads(data)
    assert again.places[7] == whole.places[7] and again.places[7].where == {"paragraph": 3, "table": None}


def test_a_fingerprint_does_not_keep_its_document_alive():
    # the sentences cut for the text kinds are kept for the next kind, not the document: a batch frees
    # each report's tree when its own result is made, not at the next report's fingerprint
    import gc
    import weakref

    from govlint.lint.linter import Linter, Options

    linter = Linter(Options(pairing=True), keep_documents=True)
    result = linter.lint_bytes(CLEAN.encode("utf-8"), "clean.txt")
    assert result.fingerprint is not None and result.fingerprint.facts
    document = weakref.ref(result.doc)
    result.doc = None
    gc.collect()
    assert document() is None


@pytest.mark.parametrize("end", [(2, 9), (4, 1), (5, 6)], ids=["same line", "column 1 of a later line", "later line"])
def test_a_sketch_keeps_both_ends_of_each_place(end):
    # the Source of a cross-document result when the file is not read again: the same line:column
    from govlint.diagnostics import Diagnostic
    from govlint.lint.across import Entry, sketch
    from govlint.model import Fingerprint, Place
    from govlint.source import Span

    end_line, end_column = end
    places = {100: Place(100, 160, 2, 3, end_line, end_column, "第一句话"), 300: Place(300, 310, 7, 1, 7, 11, "第二句")}
    entry = Entry("a.txt", Fingerprint(path="a.txt", places=places))
    diagnostics = [Diagnostic("GL806", "copied", "warning", "…", Span(start, place.end)) for start, place in places.items()]
    source, shown = sketch(entry, diagnostics)
    assert [diag.location(source) for diag in shown] == [
        {"line": 2, "column": 3, "end_line": end_line, "end_column": end_column},
        {"line": 7, "column": 1, "end_line": 7, "end_column": 11}]
