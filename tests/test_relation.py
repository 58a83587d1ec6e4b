"""The relation language of cell-relation rules (grammar/relation.lark)."""
from __future__ import annotations

import pytest

from govlint.relation import RelationError, Term, expand, parse_relation


def test_linear_sides_and_comparator():
    relation = parse_relation("new + carried == total + forward")
    assert relation.comparator == "=="
    assert [(s, t.value) for s, t in relation.left] == [(1, "new"), (1, "carried")]
    assert [(s, t.value) for s, t in relation.right] == [(1, "total"), (1, "forward")]
    assert relation.blame_default() == "new"


def test_signs_numbers_patterns_and_cjk_names():
    relation = parse_relation("总计 >= -a + 3 - sum(withheld.*)")
    assert relation.comparator == ">="
    assert [(s, t.kind, t.value) for s, t in relation.right] == [
        (-1, "name", "a"), (1, "number", "3"), (-1, "pattern", "withheld.*")]
    assert relation.blame_default() == "总计"
    assert relation.holds(5, 5) and not relation.holds(4, 5)


def test_patterns_expand_over_row_keys():
    keys = ["granted", "other", "other.1", "other.2", "withheld.1"]
    assert expand(Term("pattern", "other*"), keys) == ["other", "other.1", "other.2"]
    assert expand(Term("pattern", "withheld.*"), keys) == ["withheld.1"]


@pytest.mark.parametrize("text", ["total = x", "total ==", "== x", "total == x +", "import os", "__import__('os')"])
def test_malformed_relations_are_rejected_not_evaluated(text):
    with pytest.raises(RelationError):
        parse_relation(text)
