"""A decoded report and its line index: offsets → (line, column) in the user's file.

Every position govlint reports is an offset into ``Source.text``, the decoded
file exactly as the user wrote it (line endings included).  Lines and columns
are 1-based and count characters (code points), not bytes or display cells.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add, sub
from typing import NamedTuple

from govlint.source.decode import BOMS, decode

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_match_start = re.Match.start
_match_end = re.Match.end


class Span(NamedTuple):
    """A half-open range of character offsets into ``Source.text`` (start <= end)."""

    start: int
    end: int

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


class Source:
    """A decoded report with its line index.

    For a plain-text report ``text`` is the file itself.  A reader for another format
    (.docx, .pdf, .html) renders the document as text and sets ``kind`` and a
    ``locator``: offset → where that is in the original document ({"page": 3},
    {"paragraph": 12}, {"table": 2, "row": 5, "column": 3} …), shown beside line:column.
    Only plain-text sources can be fixed in place (``writable``).
    """

    def __init__(self, text: str, path: str = "<input>", encoding: str = "utf-8", bom: bool = False,
                 kind: str = "text", locator=None, bom_bytes: bytes = b""):
        self.text = text
        self.path = path
        self.encoding = encoding
        self.bom = bom
        self.bom_bytes = bom_bytes  # the exact byte-order mark read, written back by --fix
        self.kind = kind
        self.locator = locator
        # (start, end) of each line's content, without its line break.  Only \r\n, \r and \n end
        # a line, as in an editor: U+2028, \x0c, \x85 … are characters inside it (str.splitlines
        # would count them).  Arrays of machine integers, filled by C loops: a million-line
        # file costs 16 MB here, not 70.
        if "\r" in text:
            starts = array("q", [0])
            starts.extend(map(_match_end, _LINE_BREAK.finditer(text)))
            ends = array("q", map(_match_start, _LINE_BREAK.finditer(text)))
            ends.append(len(text))
            first = _LINE_BREAK.search(text)
            self.newline = first.group() if first else "\n"
        else:  # \n alone (most files): the lines' lengths, summed in C, without a match object per line
            # after[k]: where line k+1 starts, past line k's break (the last line: as if it had one).
            # The arrays are filled from lists: faster than from iterators.
            after = list(accumulate(map(add, map(len, text.split("\n")), repeat(1))))
            ends = array("q", list(map(sub, after, repeat(1))))
            after.insert(0, 0)
            after.pop()
            starts = array("q", after)
            self.newline = "\n"
        self.line_starts = starts
        self.line_ends = ends

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> "Source":
        text, encoding, bom = decode(data, path)
        bom_bytes = next((mark for mark, _ in BOMS if data.startswith(mark)), b"") if bom else b""
        return cls(text, path, encoding, bom, bom_bytes=bom_bytes)

    @property
    def writable(self) -> bool:
        """Can fixes be written back?  Only to a plain-text file govlint read as is."""
        return self.kind == "text" and self.path != "-"

    def locate(self, offset: int) -> dict:
        """Where an offset is in the original document, beyond line:column (empty for text)."""
        return self.locator(offset) if self.locator is not None else {}

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, number: int) -> str:
        """Content of 1-based line ``number`` without its line break."""
        return self.text[self.line_starts[number - 1]:self.line_ends[number - 1]]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect_right(self.line_starts, offset)
        column = offset - self.line_starts[line - 1] + 1
        # An offset inside a CRLF pair belongs to the end of the line.
        end_column = self.line_ends[line - 1] - self.line_starts[line - 1] + 1
        return line, min(column, end_column)

    def positions(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``position(start) + position(end)``, one search when both are on one line."""
        if end < start:
            return self.position(start) + self.position(end)
        line = bisect_right(self.line_starts, start)
        line_start, line_end = self.line_starts[line - 1], self.line_ends[line - 1]
        column = min(start, line_end) - line_start + 1
        if end <= line_end:  # the next line starts after this one's break: the same line
            return line, column, line, end - line_start + 1
        return (line, column) + self.position(end)

    def excerpt(self, span: Span) -> str:
        return self.text[span.start:span.end]
