"""Reading a report: bytes → text, and offsets → (line, column) in the user's file.

Every position govlint reports is an offset into ``Source.text``, the decoded
file exactly as the user wrote it (line endings included).  Lines and columns
are 1-based and count characters (code points), not bytes or display cells.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from typing import NamedTuple

# Encodings tried, in order, for files without a BOM.  GB18030 is a superset of
# GBK and GB2312, which many offices still save drafts in.
_FALLBACK_ENCODINGS = ("utf-8", "gb18030")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls other than tab, LF, CR, FF: text files do not contain them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """The input cannot be read as a report (exit code 2, never a traceback)."""


class Span(NamedTuple):
    """A half-open range of character offsets into ``Source.text`` (start <= end)."""

    start: int
    end: int

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


def decode(data: bytes, name: str = "<input>") -> tuple[str, str, bool]:
    """Decode report bytes; return (text, encoding, had_bom).

    Raises InputError for empty-of-text binary data or undecodable bytes.
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file is {len(data) // 1024 // 1024} MB; reports larger than "
                         f"{MAX_BYTES // 1024 // 1024} MB are not read")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {encoding.upper()} byte-order mark but byte "
                                 f"{exc.start} cannot be decoded") from None
            text = text.lstrip("\ufeff")
            _reject_binary(text, name)
            return text, encoding, True
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (contains NUL bytes); expected a text report "
                         "in UTF-8, GB18030/GBK or UTF-16 with a byte-order mark")
    last_error = None
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            last_error = exc
            continue
        _reject_binary(text, name)
        return text, encoding, False
    raise InputError(f"{name}: cannot be decoded as UTF-8 or GB18030 (byte {last_error.start}: "
                     f"0x{data[last_error.start]:02x}); save the report as UTF-8 text")


def _reject_binary(text: str, name: str) -> None:
    sample = text[:8192]
    if _CONTROL.search(sample) is None:
        return
    controls = len(_CONTROL.findall(sample))
    if controls and controls * 50 > len(sample):
        raise InputError(f"{name}: binary file ({controls} control characters in the first "
                         f"{len(sample)} characters); expected a text report")


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
        # (start, end) of each line's content, without its line break.
        starts = [0]
        ends = []
        newline = None
        for match in _LINE_BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
            if newline is None:
                newline = match.group()
        ends.append(len(text))
        self.line_starts = starts
        self.line_ends = ends
        self.newline = newline or "\n"

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> "Source":
        text, encoding, bom = decode(data, path)
        bom_bytes = next((mark for mark, _ in _BOMS if data.startswith(mark)), b"") if bom else b""
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

    def excerpt(self, span: Span) -> str:
        return self.text[span.start:span.end]
