"""Every rule's own examples (rule packs: examples.fail / examples.pass) behave as documented."""
from __future__ import annotations

import pytest

from govlint.engine import Linter, Options

ALL_RULES = Linter(Options()).all_rules()


def _examples(kind):
    for rule in ALL_RULES:
        for index, example in enumerate(rule.examples.get(kind, [])):
            yield pytest.param(rule, example, id=f"{rule.code}-{'/'.join(rule.formats)}-{kind}{index}")


def _covers(rule, fmt):
    """A report of unknown format gets only the rules that apply to every format."""
    return fmt in rule.formats if fmt else set(rule.formats) == {"2021", "2019-trial", "2008"}


def _run(example):
    if isinstance(example, str):
        text, year = example, None
    else:
        text, year = example["text"], example.get("year")
    return Linter(Options(report_year=year)).lint_bytes(text.encode("utf-8"), "example.txt")


@pytest.mark.parametrize("rule,example", list(_examples("fail")))
def test_failing_example_is_flagged(rule, example):
    result = _run(example)
    assert _covers(rule, result.doc.format), "example must be written for a format the rule covers"
    assert rule.code in [d.code for d in result.diagnostics]


@pytest.mark.parametrize("rule,example", list(_examples("pass")))
def test_passing_example_is_clean_for_the_rule(rule, example):
    result = _run(example)
    assert _covers(rule, result.doc.format)
    assert rule.code not in [d.code for d in result.diagnostics], [d.message for d in result.diagnostics]


def test_every_rule_has_examples_both_ways():
    for rule in ALL_RULES:
        assert rule.examples.get("fail"), f"{rule.code} has no failing example"
        assert rule.examples.get("pass"), f"{rule.code} has no passing example"


def test_every_rule_has_zh_and_en_texts():
    for rule in ALL_RULES:
        for table in [rule.message, rule.summary] + [c["message"] for c in rule.cases.values() if "message" in c]:
            assert table.get("zh") and table.get("en"), rule.code
        assert rule.description.strip(), rule.code
