"""Arithmetic relations over named table cells (grammar/relation.lark).

A relation is parsed once into two linear sides of (coefficient, term) and
evaluated against a resolver that maps a name to a cell.  No ``eval``: the
only operations are +, - and the comparison.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Transformer
from lark.exceptions import LarkError

from . import grammars


class RelationError(ValueError):
    """A relation in a rule pack does not parse."""


@dataclass(frozen=True)
class Term:
    kind: str   # name | number | pattern
    value: str

    def text(self) -> str:
        return f"sum({self.value})" if self.kind == "pattern" else self.value


@dataclass(frozen=True)
class Relation:
    source: str
    left: tuple   # ((coefficient, Term), ...)
    comparator: str
    right: tuple

    def names(self) -> list[str]:
        return [term.value for _, term in self.left + self.right if term.kind == "name"]

    def holds(self, left: float, right: float) -> bool:
        if self.comparator == "==":
            return abs(left - right) < 1e-9
        if self.comparator == ">=":
            return left >= right - 1e-9
        if self.comparator == "<=":
            return left <= right + 1e-9
        return abs(left - right) >= 1e-9

    def blame_default(self) -> str | None:
        """The term a failure is blamed on: a side that is a single name, else the first name."""
        for side in (self.left, self.right):
            if len(side) == 1 and side[0][1].kind == "name":
                return side[0][1].value
        names = self.names()
        return names[0] if names else None


class _ToRelation(Transformer):
    def name(self, children):
        return Term("name", str(children[0]))

    def number(self, children):
        return Term("number", str(children[0]))

    def total_of(self, children):
        return Term("pattern", str(children[0]))

    def signed(self, children):
        if len(children) == 2:
            return (-1 if children[0] == "-" else 1, children[1])
        return (1, children[0])

    def side(self, children):
        terms = [children[0]]
        for index in range(1, len(children), 2):
            sign = -1 if children[index] == "-" else 1
            terms.append((sign, children[index + 1]))
        return tuple(terms)

    def relation(self, children):
        return children


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return grammars.load("relation")


@lru_cache(maxsize=256)
def parse_relation(text: str) -> Relation:
    try:
        left, comparator, right = _ToRelation().transform(_parser().parse(text))
    except LarkError as exc:
        raise RelationError(f"cannot parse relation {text!r}: {str(exc).splitlines()[0]}") from None
    return Relation(text, left, str(comparator), right)


def expand(term: Term, keys) -> list[str]:
    """Row keys a term stands for (a pattern may stand for several)."""
    if term.kind == "name":
        return [term.value]
    if term.kind == "pattern":
        return [key for key in keys if fnmatch.fnmatchcase(key, term.value)]
    return []
