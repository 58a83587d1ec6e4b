"""Parse a report: line lexer → Lark LALR parser (grammar/report.lark) → document tree.

Tokens the grammar cannot place are skipped and recorded as ``unplaced``
(rule GL003) instead of stopping the parse: a draft is never rejected for its
shape alone.
"""
from __future__ import annotations

from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from govlint.grammar.loader import load as load_grammar
from govlint.parse import sections as structure, tables
from govlint.parse.labels import canon
from govlint.parse.lines import LineLexer, LineToken
from govlint.model import Document, Heading, Paragraph, Section, Subheading, Title
from govlint.source.fold import MappedText, fold
from govlint.source import Source, Span

_HEADING_PREFIX = structure.HEADING_PREFIX


class _TokensAlreadyLexed(Lexer):
    """Lark needs a lexer class; ours runs before Lark and feeds it tokens."""

    def __init__(self, lexer_conf):  # noqa: D401 - lark's interface
        pass

    def lex(self, data):
        return iter(data)  # ``data`` is the LineLexer's token list


@lru_cache(maxsize=1)
def report_parser() -> Lark:
    return load_grammar("report", lexer=_TokensAlreadyLexed)


def parse_tree(tokens: list[LineToken]) -> tuple[Tree, list[LineToken]]:
    """Parse the tokens; return the tree and the tokens the grammar had to skip."""
    parser = report_parser()
    try:
        return parser.parse(tokens), []
    except UnexpectedInput:
        pass
    # Slow path, for shapes the grammar does not allow: feed token by token, skipping the misfits.
    interactive = parser.parse_interactive([])
    skipped = []
    for tok in tokens:
        try:
            interactive.feed_token(tok)
        except UnexpectedInput:
            skipped.append(tok)
    return interactive.feed_eof(), skipped


def parse(source: Source, year: int | None = None, fmt: str | None = None) -> Document:
    """Parse a report; ``year`` and ``fmt`` override what the report says of itself."""
    tokens = LineLexer(source).run()
    tree, skipped = parse_tree(tokens)
    doc = Document(source)
    builder = _Builder(doc)
    builder.build(tree)
    for tok in skipped:
        if tok.type in ("_EOL", "TABLE_END", "T2_START", "T3_START", "T4_START"):
            continue
        doc.unplaced.append((Span(tok.start_pos, tok.end_pos), f"unexpected {tok.type.lower()}"))
    if fmt is not None:
        doc.format, doc.format_source = fmt, "override"
    structure.resolve(doc, year)
    return doc


def _text_of(tok: LineToken) -> str:
    return tok.folded


class _Builder:
    """Walks the Lark tree and builds the Document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.source = doc.source

    def build(self, tree: Tree) -> None:
        front, *sections = tree.children
        for item in front.children:
            self._front_item(item)
        for node in sections:
            self.doc.sections.append(self._section(node))

    # -- front matter -----------------------------------------------------------
    def _front_item(self, item) -> None:
        doc = self.doc
        if isinstance(item, Tree):
            if item.data == "title":
                doc.title = self._title(item)
            elif item.data == "paragraph":
                doc.preamble.append(self._paragraph(item))
        elif item.type == "SUBHEADING":
            # A sub-heading before any heading: keep its text as prose.
            doc.preamble.append(Paragraph(MappedText.join([(item.start_pos, str(item))]), item.folded))
        elif item.type == "META":
            doc.metadata.append((Span(item.start_pos, item.end_pos), _text_of(item)))
        elif item.type == "LINK":
            doc.links.append((Span(item.start_pos, item.end_pos), str(item).strip()))

    def _title(self, node: Tree) -> Title:
        lines = [tok for tok in node.children if tok.type == "TITLE"]
        byline = [(Span(tok.start_pos, tok.end_pos), _text_of(tok)) for tok in node.children if tok.type == "BYLINE"]
        spans = [Span(tok.start_pos, tok.end_pos) for tok in lines]
        text = "".join(_text_of(tok) for tok in lines)
        return Title(spans[0].cover(spans[-1]), text, spans, byline)

    # -- sections ---------------------------------------------------------------
    def _section(self, node: Tree) -> Section:
        head_tok = node.children[0]
        heading = self._heading(head_tok)
        section = Section(heading, Span(head_tok.start_pos, head_tok.end_pos))
        end = head_tok.end_pos
        for item in node.children[1:]:
            if isinstance(item, Tree):
                if item.data == "paragraph":
                    paragraph = self._paragraph(item)
                    section.paragraphs.append(paragraph)
                    end = max(end, paragraph.span.end)
                elif item.data in ("table2", "table3", "table4"):
                    table = tables.build(item, self.doc)
                    section.tables.append(table)
                    end = max(end, table.span.end)
            elif item.type == "SUBHEADING":
                section.subheadings.append(Subheading(Span(item.start_pos, item.end_pos), item.folded))
                end = max(end, item.end_pos)
            elif item.type == "LINK":
                self.doc.links.append((Span(item.start_pos, item.end_pos), str(item).strip()))
        section.span = Span(head_tok.start_pos, end)
        return section

    @staticmethod
    def _heading(tok: LineToken) -> Heading:
        raw = str(tok)
        folded = fold(raw)
        match = _HEADING_PREFIX.match(folded)
        numeral = match.group(1)
        text_start = match.end()
        text = folded[text_start:].strip().strip("*").strip()
        span = Span(tok.start_pos, tok.end_pos)
        text_span = Span(tok.start_pos + text_start, tok.start_pos + text_start + len(folded[text_start:].rstrip()))
        from govlint.parse.labels import numeral_value
        return Heading(span, numeral, numeral_value(numeral), text, text_span, raw)

    # -- prose ----------------------------------------------------------------------
    def _paragraph(self, node: Tree) -> Paragraph:
        folded = []
        text_of = self.source.text

        def lines():
            """(start offset, text, folded text) of each line of the paragraph."""
            for tok in node.children:
                offsets = getattr(tok, "pieces", None)
                if offsets is None:
                    yield tok.start_pos, tok, tok.folded  # tok is a str: joined as it is, not copied
                    continue
                first, folded_token = tok.start_pos, tok.folded
                for index in range(0, len(offsets), 2):  # a TEXT token of several lines
                    start, end = offsets[index], offsets[index + 1]
                    yield start, text_of[start:end], folded_token[start - first:end - first]

        def pieces():  # a generator: a paragraph of a million lines makes no list of pieces
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


__all__ = ["parse", "parse_tree", "report_parser", "canon"]
