"""The relation language of cell-relation rules (grammar/relation.lark)."""
from __future__ import annotations

import pytest

from govlint.rules.relation import RelationError, Term, expand, known_names, parse_relation


def test_linear_sides_and_comparator():
    relation = parse_relation("new + carried == total + forward")
    assert relation.comparator == "=="
    assert [(s, t.value) for s, t in relation.left] == [(1, "new"), (1, "carried")]
    assert [(s, t.value) for s, t in relation.right] == [(1, "total"), (1, "forward")]
    assert relation.blame_default() == "new"


def test_signs_numbers_and_patterns():
    relation = parse_relation("total >= -new + 3 - sum(withheld.*)")
    assert relation.comparator == ">="
    assert [(s, t.kind, t.value) for s, t in relation.right] == [
        (-1, "name", "new"), (1, "number", "3"), (-1, "pattern", "withheld.*")]
    assert relation.blame_default() == "total"


def test_patterns_expand_over_row_keys():
    keys = ["granted", "other", "other.1", "other.2", "withheld.1"]
    assert expand(Term("pattern", "other*"), keys) == ["other", "other.1", "other.2"]
    assert expand(Term("pattern", "withheld.*"), keys) == ["withheld.1"]


@pytest.mark.parametrize("text", ["total = new", "total ==", "== new", "total == new +", "import os",
                                  "__import__('os')", "__class__ == total", "total == _new", "total == sum(_*)"])
def test_malformed_relations_are_rejected_not_evaluated(text):
    with pytest.raises(RelationError):
        parse_relation(text)


@pytest.mark.parametrize("text, problem", [
    ("totl == natural", "unknown name 'totl' in relation 'totl == natural'; did you mean 'total'?"),
    ("总计 == natural", "cannot parse relation"),
    ("total == sum(nothing*)", "sum(nothing*) in relation 'total == sum(nothing*)' matches no row key"),
    ("total == " + "+".join(["new"] * 300), "has more than 200 terms"),
    ("total == " + "+".join(["new"] * 100_000), "is longer than 2,000 characters"),
])
def test_names_are_table_keys_and_size_is_bounded(text, problem):
    with pytest.raises(RelationError) as info:
        parse_relation(text)
    assert problem in str(info.value) and info.value.text == text


def test_every_name_of_the_builtin_relations_is_known():
    assert {"total", "natural", "new", "carried", "forward", "withheld.1", "upheld"} <= known_names()
