"""Hostile input: the text pipeline never crashes, never hangs, and counts lines as an editor does.

Each class of failure found by fuzzing mutants of real reports has a test here.  Time bounds are
generous guards against hangs (catastrophic regex backtracking, quadratic loops), not benchmarks.
"""
from __future__ import annotations

import random
import string
import time

import pytest

from conftest import EXAMPLES
from govlint.lint.linter import Linter, Options
from govlint.grammar.shapes import MAX_DIGITS, parse_number
from govlint.source import InputError, Source, decode

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
NEW_ROW = "一、本年新收政府信息公开申请数量\t12\t"
assert NEW_ROW in CLEAN


def lint(text, year: int | None = None):
    linter = Linter(Options(report_year=year))
    data = text.encode("utf-8") if isinstance(text, str) else text
    start = time.monotonic()
    result = linter.lint_bytes(data, "hostile.txt")
    return result, time.monotonic() - start


def where(result, code: str) -> list[tuple[int, int, str]]:
    return [(*result.source.position(d.span.start), result.source.excerpt(d.span))
            for d in result.diagnostics if d.code == code]


# -- 1. numbers have a length limit ------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("0", (0, None)), ("12", (12, None)), ("9" * MAX_DIGITS, (int("9" * MAX_DIGITS), None)),
    ("9" * (MAX_DIGITS + 1), None), ("9" * 5000, None), ("999,999,999,999", (999999999999, None)),
    ("1,234,567,890,123", None), ("12.5", (12.5, None)), ("0.1234567", None), ("-3", (-3, None)),
    ("21022 万元", (21022, "万元")), ("2元元", None), ("1e5", None), ("", None),
])
def test_a_number_is_at_most_twelve_digits(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 20, 400, 5000])
def test_an_over_long_number_in_a_table_cell_is_a_bad_cell(digits):
    run = "9" * digits
    result, _ = lint(CLEAN.replace(NEW_ROW, f"一、本年新收政府信息公开申请数量\t{run}\t"))
    assert result.error is None and result.internal_errors == []
    line = CLEAN.split("\n").index(next(l for l in CLEAN.split("\n") if l.startswith(NEW_ROW))) + 1
    assert where(result, "GL306") == [(line, len("一、本年新收政府信息公开申请数量\t") + 1, run)]
    assert "GL303" not in [d.code for d in result.diagnostics]  # no sums through a bad cell
    assert "GL307" not in [d.code for d in result.diagnostics]  # the row keeps its width


@pytest.mark.parametrize("cell", ["9" * 400 + ".5", "9" * 400 + ".0", "1." + "5" * 400, "9" * 5000 + " 万元"])
def test_an_over_long_decimal_is_a_bad_cell(cell):
    result, _ = lint(CLEAN.replace("行政事业性收费\t12.5", f"行政事业性收费\t{cell}"))
    assert result.error is None and result.internal_errors == []
    assert [excerpt for _, _, excerpt in where(result, "GL306")] == [cell]


def test_a_unit_after_a_number_with_its_own_unit_is_not_merged():
    table = CLEAN[:CLEAN.index("二、上年结转")]
    for text in (table + "本 2元 元\n", "三、收到和处理政府信息公开申请情况\n" + NEW_ROW + "\n本 2元 元\n",
                 table + "本 2 元 元\n", table + "9999999999999 元\t1\n"):
        result, _ = lint(text, year=2022)
        assert result.error is None and result.internal_errors == []


@pytest.mark.parametrize("digits", [30, 5000])
def test_an_over_long_number_in_the_prose_never_crashes(digits):
    claim = "2022年共收到政府信息公开申请15件"
    assert claim in CLEAN
    result, elapsed = lint(CLEAN.replace(claim, f"2022年共收到政府信息公开申请{'9' * digits}件"))
    assert result.error is None and result.internal_errors == []
    assert elapsed < 2


# -- 2. no catastrophic backtracking ----------------------------------------------------------
@pytest.mark.parametrize("char", list(string.punctuation + "－＿—…·"))
@pytest.mark.parametrize("after", ["", "x"], ids=["alone", "then-x"])
def test_a_100_kb_line_of_one_punctuation_character_lints_at_once(char, after):
    result, elapsed = lint(char * 100_000 + after)
    assert result.error is None and result.internal_errors == []
    assert elapsed < 1


@pytest.mark.parametrize("char", list("-_=*~"))
def test_a_rule_line_spoilt_by_its_last_character_lints_at_once(char):
    # "(?:[-=_*~]{3,}\s*)+$" tried every way of cutting the run before failing: minutes at 50.
    for length in (48, 50, 1000):
        result, elapsed = lint(f"一、总体情况\n{char * length}x\n")
        assert result.internal_errors == [] and elapsed < 1


HOSTILE_LINES = {
    "e-mail-like run": "a." * 40_000 + "@",
    "local part without a domain": "a" * 80_000 + "@",
    "document number then spaces": "〔2021" + " " * 20_000 + "x",
    "notice number then spaces": "国办公开函〔" + "1" * 10_000 + " " * 10_000 + "x",
    "notice then spaced digits": "国办公开函" + "1 " * 20_000 + "x",
    "document numbers": "国办公开办函〔2021〕30号，" * 8_000,
    "postcode label then spaces": "邮编" + " " * 50_000 + "x",
    "page mark then spaces": "第1页" + " " * 50_000 + "x",
    "nested title marks": "《a《b〈c〉》d》" * 12_000,
    "spaces then a heading": " " * 50_000 + "x",
    "bullets": "*" * 50_000 + " 一、总体情况",
    "dashes between numbers": "- " * 50_000 + "1",
    "numbers": "0 " * 50_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_LINES))
@pytest.mark.parametrize("context", ["alone", "prose", "table"])
def test_long_lines_of_entity_look_alikes_lint_at_once(name, context):
    line = HOSTILE_LINES[name]
    text = {"alone": line,
            "prose": "某某局2022年政府信息公开工作年度报告\n一、总体情况\n" + line + "\n",
            "table": "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t" + line + "\t1\n"}[context]
    result, elapsed = lint(text)
    assert result.error is None and result.internal_errors == []
    assert elapsed < 1


# -- 3. linear in the number of lines ----------------------------------------------------------
@pytest.mark.parametrize("line", ["a\n", "1\t2\n", "一、总体情况\n", "本年度依法公开。\n"])
def test_two_hundred_thousand_short_lines_lint_in_linear_time(line):
    result, elapsed = lint(line * 200_000)
    assert result.error is None and result.internal_errors == []
    assert elapsed < 10  # about 1 s; quadratic work would take hours


# -- 4. only CR LF, CR and LF end a line ---------------------------------------------------------
DRAFT = ("某某局2022年政府信息公开工作年度报告\n"
         "根据《…通知》（国办公开办函〔2019〕60号）要求，编制本报告。本报告所列数据统计期限为2022年1月1日至12月31日。\n"
         "如对本报告有疑问，请与办公室联系（地址：某路1号，邮编：755000，电话：0955-7068588）。\n")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85"])
def test_unicode_line_separators_inside_a_line_do_not_shift_lines_or_columns(separator):
    plain = lint(DRAFT)[0]
    cited = next(d for d in plain.diagnostics if d.code == "GL201")
    assert plain.source.position(cited.span.start) == (2, 9)
    # Two separators on line 2 before the citation, one in the title, one on line 3.
    text = DRAFT.replace("根据", f"根{separator}据{separator}").replace("报告\n", f"报{separator}告\n", 1) \
        .replace("如对", f"如{separator}对")
    result = lint(text)[0]
    assert result.error is None and result.internal_errors == []
    assert result.source.line_count == plain.source.line_count == 4
    moved = {d.code: result.source.position(d.span.start) for d in result.diagnostics}
    assert moved["GL201"] == (2, 11)  # the same line, two characters further right
    excerpt = result.source.excerpt(next(d for d in result.diagnostics if d.code == "GL201").span)
    assert excerpt == plain.source.excerpt(cited.span) == "国办公开办函〔2019〕60号"


def test_source_lines_are_what_an_editor_shows():
    source = Source("a\u2028b\x0cc\x85d\rwin\r\nunix\nlast")
    assert [source.line_text(n) for n in range(1, source.line_count + 1)] == \
        ["a\u2028b\x0cc\x85d", "win", "unix", "last"]
    assert source.position(source.text.index("d")) == (1, 7)
    assert source.position(source.text.index("unix")) == (3, 1)
    assert source.newline == "\r"


# -- 5. input errors name the right byte --------------------------------------------------------
def _utf8_lines(count: int) -> bytes:
    return "".join(f"第{n}行：本年度依法主动公开政府信息。\n" for n in range(count)).encode("utf-8")


def test_an_undecodable_byte_is_named_by_its_offset_and_line():
    data = _utf8_lines(200)
    at = data.index(b"\n", 3000) + 1  # a line start past byte 3000
    line = data[:at].count(b"\n") + 1
    with pytest.raises(InputError) as caught:
        decode(data[:at] + b"\xff" + data[at:], "bad.txt")
    assert f"byte {at} (line {line}): 0xff" in str(caught.value)


def test_a_gbk_report_with_a_bad_byte_names_that_byte():
    data = "某某局年度报告\n本年度依法公开。\n".encode("gbk")
    with pytest.raises(InputError) as caught:
        decode(data + b"\xff\n", "bad.txt")
    assert f"byte {len(data)} (line 3): 0xff" in str(caught.value)


@pytest.mark.parametrize("offset", [0, 100, 5000, 60_000])
def test_a_nul_anywhere_is_an_input_error_naming_its_offset(offset):
    data = _utf8_lines(4000)
    data = data[:offset] + b"\x00" + data[offset:]
    result, _ = lint(data)
    assert result.diagnostics == [] and result.error
    assert "NUL" in result.error and f"byte {offset}" in result.error


def test_a_utf16_report_with_a_nul_character_is_an_input_error():
    text = "某某局年度报告\n" * 3000 + "\x00\n"
    result, _ = lint(b"\xff\xfe" + text.encode("utf-16-le"))
    assert result.error and "NUL" in result.error and "line 3001" in result.error


def test_a_few_control_characters_are_text_but_many_are_binary():
    assert lint(DRAFT.replace("编制", "编\x07制"))[0].error is None
    result, _ = lint(DRAFT * 50 + "\x01\x02\x03" * 5000)
    assert result.error and "control characters" in result.error


# -- 6. mutants of a report never crash ---------------------------------------------------------
INSERTS = ["9" * 5000, "-" * 49 + "x", "\u2028", "\x0c", "\x85", "\r", "\t", "|", "一、", "（一）", "〔2021〕",
           "《", "》", "<", ">", "号", "元", "万元", "%", "-3", "1,234,567,890,123,456", "\ufeff", "**", "#",
           "2元 元", "0 0 0 0 0 0 0", "本年新收", "结转下年度继续办理", "行政复议"]


def test_mutants_of_the_clean_example_never_crash():
    rng = random.Random(20240601)
    linter = Linter(Options())
    lines = CLEAN.split("\n")
    for _ in range(150):
        mutant = lines[:]
        for _ in range(rng.randrange(1, 5)):
            i = rng.randrange(len(mutant))
            op = rng.randrange(4)
            if op == 0:
                del mutant[i:i + rng.randrange(1, 20)]
            elif op == 1:
                mutant[i:i] = mutant[i:i + rng.randrange(1, 5)] * 2
            elif op == 2:
                k = rng.randrange(len(mutant[i]) + 1)
                mutant[i] = mutant[i][:k] + rng.choice(INSERTS) + mutant[i][k:]
            else:
                mutant[i] = rng.choice("-_=*~.|《0 \t") * rng.choice([3, 49, 5000]) + rng.choice(["", "x"])
        text = "\n".join(mutant)
        start = time.monotonic()
        result = linter.lint_bytes(text.encode("utf-8"), "mutant.txt")
        assert result.internal_errors == [], text
        assert time.monotonic() - start < 2
        for diag in result.diagnostics:
            assert 0 <= diag.span.start <= diag.span.end <= len(result.source.text)
