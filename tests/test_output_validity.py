"""Every output format is valid for every input: control characters and line separators in a
report, file names that are not UTF-8, very long lines, and --statistics in each format."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.diagnostics import Diagnostic
from govlint.lint.linter import FileResult, Linter, Options
from govlint.output import Settings, display_path, get, json_text, names, path_uri, safe_text, visible, xml_text
from govlint.output.text import cell_width, excerpt
from govlint.source import Source, Span

TABLE = EXAMPLES / "defects" / "table.txt"
# Characters XML 1.0 forbids even as references, and the C0 controls HTML does not allow.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
HTML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
CONTROLS = "\x0c\x01\x1b\ufffe"   # form feed, SOH, ESC (a terminal escape), a noncharacter
NON_UTF8 = b"\xff\xfe.txt"        # os.fsdecode gives "\udcff\udcfe.txt"
POSIX_BYTES = os.name == "posix" and sys.platform != "darwin"  # macOS refuses names that are not UTF-8


def lint(*paths) -> list:
    linter = Linter(Options(), keep_documents=True)
    return [linter.lint_path(str(path)) for path in paths]


def render(name: str, results, **settings) -> str:
    stream = io.StringIO()
    get(name)(Settings(**settings)).write(results, stream)
    return stream.getvalue()


def assert_valid(name: str, out: str) -> None:
    """The output is valid UTF-8 and, for a machine format, parses."""
    out.encode("utf-8")  # strict: no lone surrogate anywhere
    if name in ("json", "sarif"):
        json.loads(out)
    elif name == "json-lines":
        for line in out.splitlines():  # splits on U+2028 too: each line is still one object
            json.loads(line)
    elif name == "junit":
        assert not XML_FORBIDDEN.search(out)
        ET.fromstring(out.encode("utf-8"))
    elif name == "html":
        assert not HTML_FORBIDDEN.search(out)
    elif name == "csv":
        assert out.startswith("\ufeff")  # the BOM: WPS and Excel read UTF-8
        rows = list(csv.reader(io.StringIO(out[1:], newline="")))
        assert rows[0] == ["file", "body", "year", "format", "code", "severity", "line", "column", "message"]
        assert all(len(row) == 9 for row in rows)
    else:  # text, concise, github: nothing that moves the cursor or breaks a line
        assert name in ("text", "concise", "github"), f"a new format: add how to check that {name}'s output parses"
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\x85]", out)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """table.txt with control characters in a table cell (GL306 quotes the cell) and Unicode line
    separators in a paragraph."""
    text = TABLE.read_text(encoding="utf-8")
    assert "\t1\t—\t0" in text
    text = text.replace("\t1\t—\t0", f"\t1\t—{CONTROLS}\t0", 1)
    text = text.replace("保障人民群众", "保障\u2028人民\u2029群众\x85", 1)
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. control characters: every format stays valid ------------------------------------------

@pytest.mark.parametrize("name", names())
def test_control_characters_in_a_report_keep_every_format_valid(name, hostile):
    results = lint(hostile, TABLE)
    message = next(d.message for d in results[0].diagnostics if d.code == "GL306")
    assert "\x0c" in message  # the message quotes the cell as written
    out = render(name, results, statistics=getattr(get(name), "supports_statistics", False))
    assert_valid(name, out)
    if name == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        failure = next(f for f in root.iter("failure") if f.get("type") == "GL306")
        assert "\u240c\u2401\u241b" in failure.get("message")  # shown as Control Pictures
    if name == "json":
        document = json.loads(out)
        assert any("\x0c\x01\x1b" in d["message"] for d in document["files"][0]["diagnostics"])  # JSON escapes them


def test_json_lines_escape_unicode_line_separators():
    source = Source("第一行\n甲\u2028乙\u2029丙\x85丁\n", "sep.txt")
    diag = Diagnostic("GL999", "made-up", "warning", "说明\u2028“甲\u2028乙”", Span(4, 9))
    out = render("json-lines", [FileResult("sep\u2028.txt", source=source, diagnostics=[diag])])
    assert len(out.splitlines()) == 1 and "\u2028" not in out and "\\u2028" in out
    assert json.loads(out)["message"] == "说明\u2028“甲\u2028乙”"


def test_json_never_prints_half_a_document_or_nan():
    assert json.loads(json_text({"x": float("nan"), "y": [float("inf")], "z": "\udcff\ud800"})) == \
        {"x": None, "y": [None], "z": "\\xff\\ud800"}
    with pytest.raises(ValueError):
        json.dumps(float("nan"), allow_nan=False)  # what json_text avoids: NaN is not JSON


def test_xml_text_drops_only_what_xml_forbids():
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_text("\x00\x0c\x1f\ufffe\uffff\udcff") == "\u2400\u240c\u241f\ufffd\ufffd\\xff"
    assert xml_text("\x85\u2028表") == "\x85\u2028表"  # allowed in XML 1.0


# -- 2. file names that are not UTF-8 ---------------------------------------------------------------

def test_display_path_and_uri():
    name = os.fsdecode(NON_UTF8) if POSIX_BYTES else "\udcff\udcfe.txt"
    assert display_path(name) == "\\xff\\xfe.txt"
    assert display_path("docs/报告.txt") == "docs/报告.txt"
    assert display_path(b"a\xff.txt") == "a\\xff.txt"
    if POSIX_BYTES:
        assert display_path(name) == os.fsencode(name).decode("utf-8", "backslashreplace")
        assert path_uri(name) == "%FF%FE.txt"
    assert path_uri("年报/2022 报告.txt") == "%E5%B9%B4%E6%8A%A5/2022%20%E6%8A%A5%E5%91%8A.txt"
    assert path_uri("a:b.txt") == "a%3Ab.txt"  # not read as a URI scheme
    assert path_uri("\ud800.txt") == "%ED%A0%80.txt"  # a surrogate os.fsdecode never makes
    assert safe_text("\ud83d") == "\\ud83d"


@pytest.fixture
def non_utf8_file(tmp_path) -> str:
    if not POSIX_BYTES:
        pytest.skip("file names that are not UTF-8 need a POSIX file system that takes any bytes")
    path = os.fsencode(str(tmp_path)) + b"/" + NON_UTF8
    with open(path, "wb") as handle:
        handle.write(TABLE.read_bytes())
    return os.fsdecode(path)


@pytest.mark.parametrize("name", names())
def test_a_file_name_that_is_not_utf8_in_every_format(name, non_utf8_file, tmp_path):
    shown = display_path(non_utf8_file)
    assert shown.endswith("/\\xff\\xfe.txt")
    runner = cli_runner()
    out_file = tmp_path / f"out.{name}"
    for args in ([], ["-o", str(out_file)]):
        result = runner.invoke(cli, [non_utf8_file, "--format", name, *args], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        out = out_file.read_bytes() if args else result.stdout_bytes
        text = out.decode("utf-8")  # strict
        assert_valid(name, text)
        assert "\\xff\\xfe.txt" in text.replace("\\\\", "\\") or "%FF%FE.txt" in text
        if name == "json":
            assert json.loads(text)["files"][0]["path"] == shown
        elif name == "json-lines":
            assert {json.loads(line)["path"] for line in text.splitlines()} == {shown}
        elif name == "sarif":
            run = json.loads(text)["runs"][0]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
            assert uris == {path_uri(non_utf8_file)} and uris.pop().endswith("/%FF%FE.txt")
        elif name == "junit":
            assert ET.fromstring(out).find("testsuite").get("name") == shown
        elif name in ("text", "concise"):
            assert text.startswith(f"{shown}:48:16: GL306")
        elif name == "github":
            assert "file=" + shown.replace(":", "%3A") in text
        elif name == "csv":
            assert {row[0] for row in csv.reader(io.StringIO(text[1:], newline=""))} == {"file", shown}


def test_a_baseline_with_a_file_name_that_is_not_utf8(non_utf8_file, tmp_path):
    from govlint.lint import baseline

    results = lint(non_utf8_file)
    target = tmp_path / "baseline.json"
    assert baseline.write(str(target), results) == 3
    document = json.loads(target.read_bytes().decode("utf-8"))
    assert list(document["files"]) == ["\\xff\\xfe.txt"]
    again = lint(non_utf8_file)[0]
    assert baseline.Baseline(str(target)).filter(again) == 3 and again.diagnostics == []


def test_a_path_with_a_lone_surrogate_in_every_format():
    """Not only undecodable bytes: a path or message with any lone surrogate (a Windows name)."""
    source = Source("第一行\n", "x")
    diag = Diagnostic("GL999", "made-up", "error", "引用“\ud800”", Span(0, 2), help="改\udcff")
    results = [FileResult("dir/\ud800\udcff.txt", source=source, diagnostics=[diag]),
               FileResult("bad\udcfe.txt", error="bad\udcfe.txt: binary file")]
    for name in names():
        if name == "html":
            continue  # needs a parsed document (covered through the CLI above)
        out = render(name, results, rules=[])
        assert_valid(name, out)
        assert "\\ud800\\xff.txt" in out.replace("\\\\", "\\") or "%ED%A0%80%FF.txt" in out


# -- 3. long lines ---------------------------------------------------------------------------------

def test_a_100000_character_line_renders_fast():
    line = "公开" * 25_000 + "截止目前" + "公开" * 25_000
    text = "某某县2022年政府信息公开工作年度报告\n" + line + "\n"
    source = Source(text, "long.txt")
    start = text.index("截止目前")
    diags = [Diagnostic("GL701", "jiezhi-jiezhi", "info", "“截止”应为“截至”", Span(start, start + 2)),
             Diagnostic("GL999", "whole-line", "info", "整行", Span(text.index(line), text.index(line) + len(line))),
             Diagnostic("GL998", "line-end", "info", "行尾", Span(start + 100_000, start + 100_000))]
    result = FileResult("long.txt", source=source, diagnostics=diags)
    began = time.perf_counter()
    out = render("text", [result])
    assert time.perf_counter() - began < 1.0  # a guard, not a benchmark (it took minutes before)
    rows = out.splitlines()
    assert rows[0].startswith("long.txt:2:50001: GL701")
    shown, caret = rows[1], rows[2]
    assert cell_width(shown) < 120 and "…截止目前" not in shown and shown.count("…") == 2
    assert "截止" in shown and _under_caret(shown, caret) == "截止"


def _under_caret(shown: str, caret: str) -> str:
    """The characters of an excerpt line printed above the carets (by display cells)."""
    body = shown[shown.index("| ") + 2:]
    carets = caret[caret.index("| ") + 2:]
    first, count = carets.index("^"), carets.count("^")
    cells, out = 0, []
    for char in body:
        width = cell_width(char)
        if first <= cells < first + count:
            out.append(char)
        cells += width
    return "".join(out)


# -- 4. separators, tabs and controls in an excerpt -------------------------------------------------

@pytest.mark.parametrize("before", ["甲\u2028乙", "甲\u2029乙\x85", "\t表\t", "甲\x0c\x01\x1b乙", "a\u202ex", "e\u0301\u200b"])
def test_an_excerpt_keeps_its_line_and_the_caret_aligned(before):
    text = f"标题\n{before}截止目前，见下\n末行\n"
    source = Source(text, "t.txt")
    assert source.line_count == 4  # none of these break a line of the report
    start = text.index("截止")
    line_no, shown, caret = excerpt(source, Span(start, start + 2))
    assert line_no == 2
    assert not re.search("[\x00-\x1f\x7f\x85\u2028\u2029\u202e]", shown)
    culprit_at = cell_width(shown[:shown.index("截止")])
    assert caret == " " * culprit_at + "^^^^"
    assert source.position(start) == (2, len(before) + 1)  # columns count the report's characters


def test_text_output_shows_separators_and_controls(hostile):
    out = render("text", lint(hostile))
    assert_valid("text", out)
    assert "—\u240c\u2401\u241b\\ufffe" in out  # the cell as written, visible
    concise = render("concise", lint(hostile))
    assert_valid("concise", concise)
    github = render("github", lint(hostile))
    assert_valid("github", github)
    assert all(line.startswith("::") for line in github.splitlines())


def test_visible():
    assert visible("a\tb\x0c\x1b[31m\u2028\x85\u202e\udcff") == "a\u2409b\u240c\u241b[31m\u2424\u2424\\u202e\\xff"


# -- 5. --statistics in every format that takes it -----------------------------------------------

def test_statistics_in_each_format():
    results = lint(TABLE, EXAMPLES / "defects" / "citation.txt")
    table = "    2  GL303  error    row-total"
    for name in ("text", "concise"):
        out = render(name, results, statistics=True)
        assert table in out and out.index(table) < out.index("检查了")
    assert table not in render("concise", results)
    document = json.loads(render("json", results, statistics=True))
    assert document["statistics"] == {"GL303": 2, "GL201": 1, "GL203": 1, "GL306": 1}
    assert list(document["statistics"]) == ["GL303", "GL201", "GL203", "GL306"]  # most first
    assert "statistics" not in json.loads(render("json", results))
    sarif = json.loads(render("sarif", results, statistics=True, rules=[]))
    assert sarif["runs"][0]["properties"]["statistics"]["GL303"] == 2
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert "properties" not in json.loads(render("sarif", results, rules=[]))["runs"][0]
    html = render("html", results, statistics=True)
    assert 'id="statistics"' in html and "row-total" in html
    # The formats that have no place for it say so; the CLI refuses --statistics with them.
    supports = {name: getattr(get(name), "supports_statistics", None) for name in names()}
    assert supports == {"text": True, "concise": True, "json": True, "sarif": True, "html": True,
                        "json-lines": False, "github": False, "junit": False, "csv": False}
    for name in ("json-lines", "github", "junit", "csv"):
        assert render(name, results, statistics=True) == render(name, results)


# -- 7. --lang en ---------------------------------------------------------------------------------

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_english_summaries_have_no_chinese_and_chinese_ones_no_english():
    results = lint(TABLE)
    for name in ("text", "concise"):
        en = render(name, results, lang="en", statistics=True).splitlines()
        assert en[-1] == "Checked 1 file(s): 2 error(s), 1 warning(s), 0 info"
        zh = render(name, results, statistics=True).splitlines()
        assert zh[-1] == "检查了 1 个文件：错误 2 个，警告 1 个，提示 0 个"
    text = render("text", results, lang="en")
    helps = [line for line in text.splitlines() if line.lstrip().startswith("= ") or " = " in line[:8]]
    assert helps and all(re.search(r"= (fix|help|fix \(unsafe: --unsafe-fixes\)): ", line) for line in helps)
