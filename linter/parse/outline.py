"""Parse a report: line classifier → Lark LALR parser (grammar/report.lark, the outline) → document tree.

Tokens the grammar cannot place are skipped and recorded as ``unplaced``
(rule GL003) instead of stopping the parse: a draft is never rejected for its
shape alone.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Union, cast

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from govlint.grammar.parsers import load as load_grammar
from govlint.grammar.shapes import numeral_value, without_emphasis
from govlint.model import Document, Heading, Paragraph, Section, Subheading, Table, Title
from govlint.parse import tables
from govlint.parse.entities import scan_document
from govlint.parse.lines import LineClassifier, LineToken
from govlint.parse.sections import HEADLESS, resolve
from govlint.parse.body import find_body
from govlint.parse.dates import find_date
from govlint.parse.statements import find_statements
from govlint.parse.outline_parts import PART_RULES, PartShapes, assemble, cut_parts
from govlint.parse import quantities as _quantities  # noqa: F401  installs Document.quantities' builder
from govlint.source import Source, Span
from govlint.source.fold import MappedText

Node = Union[Tree, LineToken]  # what a parse tree holds: subtrees and the classifier's tokens
_MARKERS = frozenset(["_EOL", "TABLE_END", "T2_START", "T3_START", "T4_START"])  # no text to report


class _TokensAlreadyClassified(Lexer):
    """Lark needs a lexer class; the line classifier runs before Lark, and this feeds Lark its tokens."""

    def __init__(self, lexer_conf):  # noqa: D401 - lark's interface
        pass

    def lex(self, data):
        return iter(data)  # ``data`` is the LineClassifier's token list


@lru_cache(maxsize=1)
def report_parser() -> Lark:
    # Every part's rule is a start symbol too: the outline is parsed by parts (parse.outline_parts).
    return load_grammar("report", lexer=_TokensAlreadyClassified, start=list(PART_RULES))


def _parse_from(tokens: list[LineToken], start: str) -> Tree:
    return report_parser().parse(tokens, start=start)  # type: ignore[arg-type]  # tokens, not text


@lru_cache(maxsize=1)
def _part_shapes() -> PartShapes:
    return PartShapes(_parse_from)


def parse_tree(tokens: list[LineToken]) -> tuple[Tree, list[LineToken]]:
    """Parse the tokens; return the tree and the tokens the grammar had to skip."""
    parts = cut_parts(tokens)
    if parts is not None:  # each part from its shape's parse
        tree = assemble(_part_shapes(), parts)
        if tree is not None:
            return tree, []
    try:
        return _parse_from(tokens, "start"), []
    except UnexpectedInput:
        pass
    # Slow path, for shapes the grammar does not allow: feed token by token, skipping the misfits.
    interactive = report_parser().parse_interactive([], start="start")  # type: ignore[arg-type]
    skipped = []
    for tok in tokens:
        try:
            interactive.feed_token(tok)
        except UnexpectedInput:
            skipped.append(tok)
    return interactive.feed_eof(), skipped


def parse(source: Source, year: int | None = None, fmt: str | None = None) -> Document:
    """Parse a report; ``year`` and ``fmt`` override what the report says of itself."""
    tokens = LineClassifier(source).run()
    tree, skipped = parse_tree(tokens)
    doc = Document(source)
    _Builder(doc).build(tree)
    for tok in skipped:
        if tok.type not in _MARKERS:
            doc.unplaced.append((Span(tok.start_pos, tok.end_pos), f"unexpected {tok.type.lower()}"))
    if fmt is not None:
        doc.format, doc.format_source = fmt, "override"
    doc.entities = scan_document(doc)
    resolve(doc, year)  # year, format, sections (parse.sections)
    doc.statements = find_statements(doc)  # what the prose states (parse.statements): needs the year
    doc.body = find_body(doc)  # who the report is by (parse.body)
    doc.date = find_date(doc)  # the report's date: its sign-off, else its page metadata (parse.dates)
    return doc


def _children(node: Tree) -> list[Node]:
    return cast("list[Node]", node.children)


def _span(tok: LineToken) -> Span:
    return Span(tok.start_pos, tok.end_pos)


class _Builder:
    """Walks the Lark tree and builds the Document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.source = doc.source

    def build(self, tree: Tree) -> None:
        front, *sections = _children(tree)
        headless: Section | None = None  # a table before any heading, and what follows it
        for item in _children(cast(Tree, front)):
            if isinstance(item, Tree) and item.data != "title":
                table = tables.build(item, self.doc)
                headless = self._headless_section(table)
                self.doc.sections.append(headless)
            elif headless is not None:
                end = self._section_item(headless, item)
                headless.span = Span(headless.span.start, max(headless.span.end, end))
            else:
                self._front_item(item)
        for node in sections:
            self.doc.sections.append(self._section(cast(Tree, node)))

    # -- front matter -----------------------------------------------------------
    def _front_item(self, item: Node) -> None:
        doc = self.doc
        if isinstance(item, Tree):  # a title (tables are taken by build)
            doc.title = self._title(item)
        elif item.type == "TEXT":
            doc.preamble.append(self._paragraph(item))
        elif item.type == "SUBHEADING":
            # A sub-heading before any heading: keep its text as prose.
            doc.preamble.append(Paragraph(MappedText.join([(item.start_pos, str(item))]), item.folded))
        elif item.type == "META":
            doc.metadata.append((_span(item), item.folded))
        elif item.type == "LINK":
            doc.links.append((_span(item), str(item).strip()))

    def _title(self, node: Tree) -> Title:
        tokens = cast("list[LineToken]", node.children)
        lines = [tok for tok in tokens if tok.type == "TITLE"]
        byline = [(_span(tok), tok.folded) for tok in tokens if tok.type == "BYLINE"]
        spans = [_span(tok) for tok in lines]
        text = "".join(tok.folded for tok in lines)
        return Title(spans[0].cover(spans[-1]), text, spans, byline)

    # -- sections ---------------------------------------------------------------
    def _section(self, node: Tree) -> Section:
        head_tok, *items = _children(node)
        head_tok = cast(LineToken, head_tok)
        section = Section(self._heading(head_tok), _span(head_tok))
        end = head_tok.end_pos
        for item in items:
            end = max(end, self._section_item(section, item))
        section.span = Span(head_tok.start_pos, end)
        return section

    @staticmethod
    def _headless_section(table: Table) -> Section:
        """The section of a table that no heading opens (a table before the first heading): which
        section it is, parse.sections decides from the table's kind."""
        at = Span(table.span.start, table.span.start)
        heading = Heading(at, "", 0, "", at, "", canonical=None, quality=HEADLESS)
        section = Section(heading, table.span)
        section.tables.append(table)
        return section

    def _section_item(self, section: Section, item: Node) -> int:
        """Add a table, paragraph, sub-heading or link to the section; returns where the item ends
        (the caller grows the section's span once)."""
        if isinstance(item, Tree):  # a table
            table = tables.build(item, self.doc)
            section.tables.append(table)
            return table.span.end
        if item.type == "TEXT":
            paragraph = self._paragraph(item)
            section.paragraphs.append(paragraph)
            return paragraph.span.end
        if item.type == "SUBHEADING":
            section.subheadings.append(Subheading(_span(item), item.folded))
            return item.end_pos
        if item.type == "LINK":
            self.doc.links.append((_span(item), str(item).strip()))
        return section.span.end

    @staticmethod
    def _heading(tok: LineToken) -> Heading:
        """The heading the token stands for; the classifier matched its numbering (``tok.match``)."""
        numbering, folded = tok.match, tok.folded
        numeral, text_start = numbering.group(1), numbering.end()
        text = without_emphasis(folded[text_start:])
        text_span = Span(tok.start_pos + text_start, tok.start_pos + text_start + len(folded[text_start:].rstrip()))
        return Heading(_span(tok), numeral, numeral_value(numeral), text, text_span, str(tok))

    # -- prose ----------------------------------------------------------------------
    def _paragraph(self, tok: LineToken) -> Paragraph:
        """A TEXT token, one paragraph: its lines' prose joined, each piece mapped back."""
        if "**" not in tok and getattr(tok, "pieces", None) is None:  # one line, no emphasis: the usual
            return Paragraph(MappedText.single(tok.start_pos, tok.value), tok.folded)
        folded: list[str] = []
        text_of = self.source.text

        def lines() -> Iterator[tuple[int, str, str]]:
            """(start offset, text, folded text) of each line of the paragraph."""
            offsets = getattr(tok, "pieces", None)
            if offsets is None:
                yield tok.start_pos, tok, tok.folded  # tok is a str: joined as it is, not copied
                return
            first, folded_token = tok.start_pos, tok.folded
            for index in range(0, len(offsets), 2):  # a TEXT token of several lines
                start, end = offsets[index], offsets[index + 1]
                yield start, text_of[start:end], folded_token[start - first:end - first]

        def pieces() -> Iterator[tuple[int, str]]:  # a generator: a paragraph of a million lines makes no list
            for start, text, folded_text in lines():
                # Markdown emphasis (**一是**) is extraction residue: leave it out.
                if "**" in text:
                    position = 0
                    for part in text.split("**"):
                        yield start + position, part
                        folded.append(folded_text[position:position + len(part)])
                        position += len(part) + 2
                else:
                    yield start, text
                    folded.append(folded_text)

        mapped = MappedText.join(pieces())
        return Paragraph(mapped, "".join(folded))


__all__ = ["parse", "parse_tree", "report_parser"]
