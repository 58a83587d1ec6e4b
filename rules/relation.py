"""Arithmetic relations over named table cells (grammar/relation.lark).

A relation is parsed once into two linear sides of (coefficient, term) and
evaluated against a resolver that maps a name to a cell.  No ``eval``: the
only operations are +, - and the comparison.  A relation is at most
``MAX_CHARS`` characters and ``MAX_TERMS`` terms, and every name is a row or
column key of grammar/canonical.json (a misspelt name would otherwise make the
relation silently never apply).
"""
from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Transformer
from lark.exceptions import LarkError

from govlint.grammar.parsers import load as load_grammar
from govlint.grammar.spec import spec
from govlint.support import i18n

MAX_CHARS = 2000
MAX_TERMS = 200


class RelationError(ValueError):
    """A relation in a rule pack does not parse; ``text`` is the relation."""

    def __init__(self, message, text: str = ""):
        super().__init__(message)
        self.text = text


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
    return load_grammar("relation")


@lru_cache(maxsize=1)
def known_names() -> frozenset:
    """The row, group and column keys of the tables in grammar/canonical.json."""
    return frozenset(spec().keys())


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _check_names(relation: Relation) -> None:
    known = known_names()
    for _sign, term in relation.left + relation.right:
        if term.kind == "name" and term.value not in known:
            close = difflib.get_close_matches(term.value, sorted(known), n=1)
            if close:
                message = i18n.fmt("unknown name {name!r} in relation {relation}; did you mean {hint!r}?",
                                   "关系式 {relation} 中有未知的名称 {name!r}，是否应为 {hint!r}？",
                                   name=term.value, relation=_short(relation.source), hint=close[0])
            else:
                message = i18n.fmt("unknown name {name!r} in relation {relation} (names are the tables' row and "
                                   "column keys)", "关系式 {relation} 中有未知的名称 {name!r}（名称应为表格的行键和列键）",
                                   name=term.value, relation=_short(relation.source))
            raise RelationError(message, relation.source)
        if term.kind == "pattern" and not any(fnmatch.fnmatchcase(key, term.value) for key in known):
            raise RelationError(i18n.fmt("sum({pattern}) in relation {relation} matches no row key",
                                         "关系式 {relation} 中的 sum({pattern}) 匹配不到任何行键",
                                         pattern=term.value, relation=_short(relation.source)), relation.source)


@lru_cache(maxsize=256)
def parse_relation(text: str) -> Relation:
    if not isinstance(text, str):
        raise RelationError(i18n.fmt("a relation is a text, not {type}", "关系式应为文本，而不是 {type}",
                                     type=type(text).__name__), str(text))
    if len(text) > MAX_CHARS:
        raise RelationError(i18n.fmt("relation {relation} is longer than {limit:,} characters",
                                     "关系式 {relation} 超过 {limit:,} 个字符", relation=_short(text), limit=MAX_CHARS),
                            text)
    try:
        left, comparator, right = _ToRelation().transform(_parser().parse(text))
    except LarkError as exc:
        raise RelationError(i18n.fmt("cannot parse relation {relation}: {error}", "无法解析关系式 {relation}：{error}",
                                     relation=_short(text), error=str(exc).splitlines()[0]), text) from None
    if len(left) + len(right) > MAX_TERMS:
        raise RelationError(i18n.fmt("relation {relation} has more than {limit} terms", "关系式 {relation} 超过 {limit} 项",
                                     relation=_short(text), limit=MAX_TERMS), text)
    relation = Relation(text, left, str(comparator), right)
    _check_names(relation)
    return relation


def expand(term: Term, keys) -> list[str]:
    """Row keys a term stands for (a pattern may stand for several)."""
    if term.kind == "name":
        return [term.value]
    if term.kind == "pattern":
        return [key for key in keys if fnmatch.fnmatchcase(key, term.value)]
    return []
