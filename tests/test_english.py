"""Every message and every rule page exists in both languages.

English output may quote the report (labels, headings, excerpts, document numbers) in Chinese, but only
inside quotes: “…”, "…" or 「…」.  Everything else in an English text is English; a Chinese text has
no English sentences.
"""
from __future__ import annotations

import re

import pytest

from govlint.output.reference import rule_page
from govlint.lint.linter import Linter, Options

ALL_RULES = Linter(Options()).all_rules()
CODES = sorted({rule.code for rule in ALL_RULES})

# CJK ideographs, CJK symbols and punctuation (、。《》〔〕…), full-width forms (（），：).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」")
FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
# An English phrase: two words of two or more Latin letters in a row (YYYY and GB/T alone are fine).
ENGLISH = re.compile(r"\b[A-Za-z]{2,}\b[ ,;:]+\b[A-Za-z]{2,}\b")


def unquoted(text: str) -> str:
    """The text with quoted passages taken out."""
    return QUOTED.sub(" ", text)


def cjk_outside_quotes(text: str) -> list[str]:
    return CJK.findall(unquoted(text))


def english_outside_quotes(text: str) -> list[str]:
    return ENGLISH.findall(unquoted(text))


def _texts(rule):
    """(where, lang table) of every template of a rule: summary, message, fix, help, per case too."""
    yield "summary", rule.summary
    for key in ("message", "fix", "help"):
        if getattr(rule, key):
            yield key, getattr(rule, key)
    for case, spec in rule.cases.items():
        for key in ("message", "fix", "help"):
            if spec.get(key):
                yield f"cases.{case}.{key}", spec[key]


def _run(example, lang):
    if isinstance(example, dict) and ("previous" in example or "other" in example):  # packs/across.yaml
        from conftest import lint_example
        return lint_example(example, lang)
    text, year = (example, None) if isinstance(example, str) else (example["text"], example.get("year"))
    return Linter(Options(report_year=year, lang=lang)).lint_bytes(text.encode("utf-8"), "example.txt")


def _diagnostic_texts(diagnostic):
    yield diagnostic.message
    if diagnostic.help:
        yield diagnostic.help
    if diagnostic.fix is not None:
        yield diagnostic.fix.description


def _fail_examples():
    for rule in ALL_RULES:
        for index, example in enumerate(rule.examples.get("fail", [])):
            yield pytest.param(rule, example, id=f"{rule.code}-{'/'.join(rule.formats)}-fail{index}")


def test_the_quote_rule_itself():
    assert cjk_outside_quotes('table 3, row "（七）总计", column “自然人” is 1') == []
    assert cjk_outside_quotes("表三: 2 row(s)") == ["表", "三"]
    assert cjk_outside_quotes('"甲" 「乙」（8个）') == ["（", "个", "）"]
    assert english_outside_quotes("缺少表三“the table”") == []
    assert english_outside_quotes("缺少表三 row is missing") == ["row is"]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.code}-{'/'.join(r.formats)}")
def test_templates_exist_in_both_languages(rule):
    for where, table in _texts(rule):
        assert table.get("zh") and table.get("en"), f"{rule.code} {where}: needs zh and en"
        en, zh = FIELD.sub("", table["en"]), FIELD.sub("", table["zh"])
        assert not cjk_outside_quotes(en), f"{rule.code} {where}.en has Chinese outside quotes: {table['en']!r}"
        assert CJK.search(zh), f"{rule.code} {where}.zh is not Chinese: {table['zh']!r}"
        assert not english_outside_quotes(zh), f"{rule.code} {where}.zh has English: {table['zh']!r}"


@pytest.mark.parametrize("rule,example", list(_fail_examples()))
def test_english_messages_are_english(rule, example):
    result = _run(example, "en")
    found = [d for d in result.diagnostics if d.code == rule.code]
    assert found
    for diagnostic in found:
        for text in _diagnostic_texts(diagnostic):
            assert "{" not in text, f"unfilled field in {text!r}"
            assert not cjk_outside_quotes(text), f"{rule.code}: Chinese outside quotes in {text!r}"


@pytest.mark.parametrize("rule,example", list(_fail_examples()))
def test_chinese_messages_are_chinese(rule, example):
    result = _run(example, "zh")
    found = [d for d in result.diagnostics if d.code == rule.code]
    assert found
    for diagnostic in found:
        for text in _diagnostic_texts(diagnostic):
            assert "{" not in text, f"unfilled field in {text!r}"
            assert CJK.search(text), f"{rule.code}: not Chinese: {text!r}"
            assert not english_outside_quotes(text), f"{rule.code}: English in {text!r}"


def _page_prose(page: str) -> str:
    """A rule page without its examples (report text, indented four spaces)."""
    return "\n".join(line for line in page.splitlines() if not line.startswith("    "))


@pytest.mark.parametrize("code", CODES)
def test_english_rule_page_is_english(code):
    page = rule_page(code, None, "en")
    prose = _page_prose(page)
    bad = cjk_outside_quotes(prose)  # the whole page: a quotation may run over a line break
    lines = [line for line in unquoted(prose).splitlines() if CJK.search(line)]
    assert not bad, f"{code}: Chinese outside quotes on the English page: {lines}"


@pytest.mark.parametrize("code", CODES)
def test_chinese_rule_page_describes_in_chinese(code):
    page = rule_page(code, None, "zh")
    prose = _page_prose(page)
    assert "What it checks" not in prose and "说明" in prose
    description = prose.split("说明", 1)[1]
    assert CJK.search(description)


# -- values the check kinds compose are given in the message's language ------------------------

T3 = "三、收到和处理政府信息公开申请情况\n"


def _messages(text: str, lang: str, code: str, year: int = 2022) -> list[str]:
    result = Linter(Options(report_year=year, lang=lang)).lint_bytes(text.encode("utf-8"), "snippet.txt")
    assert not result.internal_errors, result.internal_errors
    return [d.message for d in result.diagnostics if d.code == code]


@pytest.mark.parametrize("text,code", [
    (T3 + "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t4\n", "GL303"),
    (T3 + "一、本年新收政府信息公开申请数量\t3\t-1\t0\t0\t0\t0\t2\n", "GL306"),
    (T3 + "一、本年新收政府信息公开申请数量\t3\t0.5件\t0\t0\t0\t0\t3\n", "GL306"),
    (T3 + "| 一、本年新收政府信息公开申请数量 | 3 |  |  | 0 | 0 | 0 | 3 |\n", "GL306"),
    (T3 + "一、本年新收政府信息公开申请数量\t7\t0\t0\t0\t0\t0\t7\n"
          "(七) 总计\t7\t0\t0\t0\t0\t0\t0\t7\n", "GL307"),
    (T3 + "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n", "GL308"),
    ("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
     "1\t0\t0\t0\t1\t0\t0\n", "GL307"),
])
def test_kind_values_follow_the_language(text, code):
    english = _messages(text, "en", code)
    chinese = _messages(text, "zh", code)
    assert english and chinese
    for message in english:
        assert not cjk_outside_quotes(message), message
    for message in chinese:
        assert not english_outside_quotes(message), message
