"""Plain text (.txt) and OCR Markdown (.md): the file is the text."""
from __future__ import annotations

from ..source import Source
from . import reader


@reader("text", (".txt", ".md", ".markdown", ".text"))
def read_text(data: bytes, path: str) -> Source:
    return Source.from_bytes(data, path)
