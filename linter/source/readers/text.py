"""Plain text (.txt) and OCR Markdown (.md): the file is the text.

Limits: the file's size (``source.MAX_BYTES``) and, as for every reader, 5 million characters
of text (``render.MAX_TEXT``), so that what the line classifier reads is bounded."""
from __future__ import annotations

from govlint.source import Source
from govlint.support import i18n
from govlint.source.readers import reader
from govlint.source.readers import render


@reader("text", (".txt", ".md", ".markdown", ".text"))
def read_text(data: bytes, path: str) -> Source:
    source = Source.from_bytes(data, path)
    render.Budget(path, i18n.msg("the text", "文本")).text(len(source.text))
    return source
