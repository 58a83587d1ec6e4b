"""Reading: bytes (text, .docx, .pdf, .html) → a ``Source``, the report as text with its line index.

``decode`` turns bytes into text, ``fold`` normalises characters one-to-one with the way back,
``readers/`` render other formats as text with a locator back into the original document.
"""
from __future__ import annotations

from govlint.source.decode import MAX_BYTES, InputError, decode
from govlint.source.text import Source, Span

__all__ = ["MAX_BYTES", "InputError", "Source", "Span", "decode"]
