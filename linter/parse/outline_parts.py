"""The outline parsed by parts, each part once per shape: a part's subtree depends on its tokens' types alone.

Lark's LALR parser spends a few microseconds of Python on each token, and a report has over a hundred
(three quarters of them table lines: a LABEL, CELLS, HEAD … per cell or line).  The grammar
(grammar/report.lark) reads only token *types*, and the outline falls into delimited parts that
an LR parse reduces without regard to what follows them: each table region (T2_START … TABLE_END),
the front matter (up to the first HEADING) and each section (a HEADING up to the next).  So a part's
subtree is a function of its sequence of types, and that function is memoised: a part is parsed once
by Lark, from its rule's own start symbol (table2 … section, front), and the tree's shape is kept as a
template of token positions; every later part of the same types is built from the template.  Parts
repeat from report to report: the mandated tables exported by the same systems, the same sections
with the same sub-headings (1,377 table regions of 159 layouts and 3,057 sections of 74 shapes in 500
generated reports; 18 regions of 13 layouts and 40 sections of 11 shapes in the six corpus reports).

A section or the front matter sees each of its tables as its two delimiters (an empty table, which the
grammar allows) and gets the region's subtree back.  Lark stays the only definition of the outline: a
part it rejects is remembered as rejected, and the caller parses the whole report the usual way (with
its recovery from misfits).
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from lark import Tree
from lark.exceptions import UnexpectedInput

from govlint.parse.lines import LineToken

# A region's start token, and the grammar's rule (and start symbol) of the table it opens.
TABLE_RULES = {"T2_START": "table2", "T3_START": "table3", "T4_START": "table4"}
# Every start symbol the parts are parsed from (the whole report's first).
PART_RULES = ("start", "front", "section", *TABLE_RULES.values())

# A tree's shape: per child, a token's position in its part or a subtree (rule, its shape).
Shape = tuple[Union[int, tuple[str, "Shape"]], ...]

_SHAPES_KEPT = 256  # distinct shapes remembered per rule (a few KB each); beyond, the memo starts again
_LONGEST_KEPT = 500  # a part of more tokens (a report without headings …) is parsed, not remembered


class PartShapes:
    """The memo: (rule, sequence of token types) → the shape of the part's subtree (None: Lark rejects it)."""

    def __init__(self, parse: Callable[[list[LineToken], str], Tree]):
        self._parse = parse  # parse(tokens, start symbol) → Tree; raises UnexpectedInput
        self._shapes: dict[str, dict[tuple[str, ...], Optional[Shape]]] = {}

    def subtree(self, rule: str, part: list[LineToken]) -> Optional[Tree]:
        """The ``rule`` subtree of the tokens ``part``; None if the grammar rejects them."""
        if len(part) > _LONGEST_KEPT:  # too long to repeat: its shape would only take memory
            try:
                return self._parse(part, rule)
            except UnexpectedInput:
                return None
        types = tuple([tok.type for tok in part])
        shapes = self._shapes.get(rule)
        if shapes is None:
            shapes = self._shapes[rule] = {}
        try:
            shape = shapes[types]
        except KeyError:
            shape = self._learn(rule, shapes, types, part)
        if shape is None:
            return None
        return Tree(rule, _grow(shape, part))

    def _learn(self, rule: str, shapes: dict, types: tuple[str, ...], part: list[LineToken]) -> Optional[Shape]:
        try:
            tree = self._parse(part, rule)
        except UnexpectedInput:
            shape = None
        else:
            positions = {id(tok): index for index, tok in enumerate(part)}
            try:
                shape = _shape_of(tree, positions)
            except KeyError:  # a child that is none of the part's tokens (none today): not replayable
                shape = None
        if len(shapes) >= _SHAPES_KEPT:
            shapes.clear()
        shapes[types] = shape
        return shape


def _shape_of(tree: Tree, positions: dict[int, int]) -> Shape:
    return tuple((child.data, _shape_of(child, positions)) if isinstance(child, Tree) else positions[id(child)]
                 for child in tree.children)


def _grow(shape: Shape, part: list[LineToken]) -> list:
    return [part[item] if item.__class__ is int else Tree(item[0], _grow(item[1], part))  # type: ignore[index]
            for item in shape]


Parts = tuple[list[LineToken], list[list[LineToken]], list[list[LineToken]]]


def cut_parts(tokens: list[LineToken]) -> Optional[Parts]:
    """The front matter's tokens, each section's (from its HEADING), each table region's, in order; in
    the first two, a table region is its start and its TABLE_END.  None when a region does not close
    where the grammar expects (a start inside a region, a TABLE_END outside one): the caller then
    parses the tokens as they are."""
    front: list[LineToken] = []
    sections: list[list[LineToken]] = []
    regions: list[list[LineToken]] = []
    part = front
    region: Optional[list[LineToken]] = None
    for tok in tokens:
        kind = tok.type
        if region is not None:
            if kind in TABLE_RULES:
                return None
            region.append(tok)
            if kind == "TABLE_END":
                part.append(tok)
                region = None
        elif kind in TABLE_RULES:
            region = [tok]
            regions.append(region)
            part.append(tok)
        elif kind == "HEADING":
            part = [tok]
            sections.append(part)
        elif kind == "TABLE_END":
            return None
        else:
            part.append(tok)
    if region is not None:
        return None
    return front, sections, regions


def assemble(shapes: PartShapes, parts: Parts) -> Optional[Tree]:
    """The report's tree from its parts' subtrees; None when the grammar rejects a part."""
    front_tokens, section_tokens, regions = parts
    tables = [shapes.subtree(TABLE_RULES[region[0].type], region) for region in regions]
    front = shapes.subtree("front", front_tokens)
    sections = [shapes.subtree("section", tokens) for tokens in section_tokens]
    if front is None or None in sections or None in tables:
        return None
    tree = Tree("start", [front, *sections])
    return tree if _fill_tables(tree, tables) else None  # type: ignore[arg-type]


def _fill_tables(tree: Tree, subtrees: list[Tree]) -> bool:
    """Give each (empty) table of the outline's tree its region's subtree, in document order;
    False when the tree does not hold one table per region."""
    tables = list(_tables(tree))
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

__all__ = ["PART_RULES", "PartShapes", "TABLE_RULES", "assemble", "cut_parts"]
