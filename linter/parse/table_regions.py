"""Table regions parsed once per shape: the parse of a region depends on its tokens' types alone.

Three quarters of a report's tokens are table lines (a LABEL, CELLS, HEAD … per cell or line), and
Lark's LALR parser spends a few microseconds of Python on each.  The grammar (grammar/report.lark)
reads only token *types*, and a table region is delimited (T2_START … TABLE_END) and LR-parsed
without looking past its end, so the subtree of a region is a function of its sequence of types.
Tables repeat their layout from report to report (the mandated tables, exported by the same
systems), so that function is memoised: a region's types are parsed once by Lark, from the table's
own start symbol, and the tree's shape is kept as a template of token positions; every later region
of the same types is built from the template.  The outline parse then sees each region as its two
delimiters only (an empty table, which the grammar allows) and gets the region's subtree back.

Lark stays the only definition of what a table may hold: a sequence it rejects is remembered as
rejected, and the caller parses the whole report the usual way (with its recovery from misfits).
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from lark import Tree
from lark.exceptions import UnexpectedInput

from govlint.parse.lines import LineToken

# A region's start token, and the grammar's rule (and start symbol) of the table it opens.
TABLE_RULES = {"T2_START": "table2", "T3_START": "table3", "T4_START": "table4"}

# A tree's shape: per child, a token's position in its region or a subtree (rule, its shape).
Shape = tuple[Union[int, tuple[str, "Shape"]], ...]

_SHAPES_KEPT = 1024  # distinct layouts remembered; beyond, the memo starts again (memory stays flat)


class RegionShapes:
    """The memo: a sequence of token types → the shape of its table's subtree (None: Lark rejects it)."""

    def __init__(self, parse: Callable[[list[LineToken], str], Tree]):
        self._parse = parse  # parse(tokens, start symbol) → Tree; raises UnexpectedInput
        self._shapes: dict[tuple[str, ...], Optional[Shape]] = {}

    def subtree(self, region: list[LineToken]) -> Optional[Tree]:
        """The table's subtree of ``region`` (its start token to its TABLE_END); None if the grammar
        rejects the region."""
        types = tuple([tok.type for tok in region])
        try:
            shape = self._shapes[types]
        except KeyError:
            shape = self._learn(types, region)
        if shape is None:
            return None
        return Tree(TABLE_RULES[types[0]], _grow(shape, region))

    def _learn(self, types: tuple[str, ...], region: list[LineToken]) -> Optional[Shape]:
        try:
            tree = self._parse(region, TABLE_RULES[types[0]])
        except UnexpectedInput:
            shape = None
        else:
            positions = {id(tok): index for index, tok in enumerate(region)}
            shape = _shape_of(tree, positions)
        if len(self._shapes) >= _SHAPES_KEPT:
            self._shapes.clear()
        self._shapes[types] = shape
        return shape


def _shape_of(tree: Tree, positions: dict[int, int]) -> Shape:
    return tuple((child.data, _shape_of(child, positions)) if isinstance(child, Tree) else positions[id(child)]
                 for child in tree.children)


def _grow(shape: Shape, region: list[LineToken]) -> list:
    return [region[item] if item.__class__ is int else Tree(item[0], _grow(item[1], region))  # type: ignore[index]
            for item in shape]


def cut_regions(tokens: list[LineToken]) -> Optional[tuple[list[LineToken], list[list[LineToken]]]]:
    """The outline's tokens (each table region reduced to its start and its TABLE_END) and the
    regions, in order; None when a region does not close where the grammar expects (a start inside
    a region, a TABLE_END outside one): the caller then parses the tokens as they are."""
    outline: list[LineToken] = []
    regions: list[list[LineToken]] = []
    region: Optional[list[LineToken]] = None
    for tok in tokens:
        kind = tok.type
        if region is not None:
            if kind in TABLE_RULES:
                return None
            region.append(tok)
            if kind == "TABLE_END":
                outline.append(tok)
                region = None
        elif kind in TABLE_RULES:
            region = [tok]
            regions.append(region)
            outline.append(tok)
        elif kind == "TABLE_END":
            return None
        else:
            outline.append(tok)
    if region is not None:
        return None
    return outline, regions


def fill_regions(tree: Tree, subtrees: list[Tree]) -> bool:
    """Give each (empty) table of the outline's tree its region's subtree, in document order;
    False when the tree does not hold one table per region."""
    tables = [node for node in _tables(tree)]
    if len(tables) != len(subtrees):
        return False
    for table, subtree in zip(tables, subtrees):
        if table.data != subtree.data:
            return False
        table.children = subtree.children
    return True


def _tables(tree: Tree):
    """The table subtrees, in document order (they are children of front and of the sections)."""
    for part in tree.children:
        if isinstance(part, Tree):
            for child in part.children:
                if isinstance(child, Tree) and child.data in _TABLE_DATA:
                    yield child


_TABLE_DATA = frozenset(TABLE_RULES.values())

__all__ = ["RegionShapes", "TABLE_RULES", "cut_regions", "fill_regions"]
