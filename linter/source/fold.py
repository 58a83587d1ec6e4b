"""Normalisation that never loses the way back to the user's text.

Three tools:

* ``fold`` maps one character to one character (fullwidth ASCII → ASCII,
  ideographic space → space, Kangxi radicals and CJK compatibility ideographs
  → unified ideographs, curly quotes → straight).  Because the length does not
  change, an index into a folded string is an index into the original.
* ``Squeezed`` removes the spaces PDF extraction puts between CJK characters and
  digits, with the way back.

``MappedText`` joins pieces of several lines (a paragraph re-flowed from hard
wraps, say) and keeps, for every character, its offset in the original.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from typing import Callable

from govlint.grammar.shapes import HAN
from govlint.source.text import Span


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = (
        (0xFF01, 0xFF5F),  # fullwidth ASCII
        (0x2F00, 0x2FD6),  # Kangxi radicals (PDF fonts emit them for 一 二 文 …)
        (0x2E80, 0x2EF4),  # CJK radicals supplement
        (0xF900, 0xFADA),  # CJK compatibility ideographs
    )
    for low, high in ranges:
        for code in range(low, high):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    for char in "\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff":
        table[ord(char)] = " "
    for char in "“”„‟＂":
        table[ord(char)] = '"'
    for char in "‘’‚‛＇":
        table[ord(char)] = "'"
    for char in "－—–―‐‑":
        table[ord(char)] = "-"
    table[ord("【")] = "["
    table[ord("】")] = "]"
    table[ord("［")] = "["
    table[ord("］")] = "]"
    table[ord("．")] = "."
    return table


FOLD_TABLE = _build_fold_table()
_FOLD_CHARS = {chr(code): folded for code, folded in FOLD_TABLE.items()}
# A regex finding the characters to fold is ~3× faster than str.translate on CJK text
# (translate looks every character up; the regex engine skips the ones it need not touch).
_FOLDABLE = re.compile("[" + "".join(re.escape(char) for char in _FOLD_CHARS) + "]")
# The foldable characters of nearly every report's prose (fullwidth punctuation): one str.replace
# each, a scan in C, folds a whole report ~3× faster than a regex calling back per character (and a
# line of a dozen characters ~2× faster than str.translate).
# Which characters are listed changes only the speed: the search after them finds any other.
_COMMON = tuple((char, _FOLD_CHARS[char]) for char in "，（）：；“”")
_find_foldable = _FOLDABLE.findall
# No character is folded into one that folds again: the replacements may go in any order.
assert not set(_FOLD_CHARS.values()) & set(_FOLD_CHARS)


def fold(text: str) -> str:
    """Fold characters one-to-one; ``len(fold(s)) == len(s)`` always."""
    if len(text) < 5:  # a few characters: one translate beats seven searches (from 5 on, ~2× slower)
        return text.translate(FOLD_TABLE)
    for char, folded in _COMMON:
        if char in text:
            text = text.replace(char, folded)
    if _FOLDABLE.search(text) is not None:  # a rarer one (—, a Kangxi radical …): each distinct one
        for char in set(_find_foldable(text)):
            text = text.replace(char, _FOLD_CHARS[char])
    return text


_new_span = tuple.__new__  # a Span from a tuple, without NamedTuple's keyword __new__
_ONE_RUN = array("q", (0,))  # the starts of a text of one run


class MappedText:
    """A string built from runs of the original text, with offsets back into it.

    ``runs`` holds (index in this text, offset in the original) for each run of
    characters copied one-to-one from the original.
    """

    __slots__ = ("text", "_starts", "_origins")

    def __init__(self, text: str, runs: list[tuple[int, int]]):
        self.text = text
        self._starts = array("q", [run[0] for run in runs])
        self._origins = array("q", [run[1] for run in runs])

    @classmethod
    def single(cls, origin: int, text: str) -> "MappedText":
        """One run of ``text`` copied from ``origin`` (a paragraph of one line, the most common):
        what ``join([(origin, text)])`` makes, without its loop."""
        mapped = cls.__new__(cls)
        mapped.text = text
        mapped._starts = _ONE_RUN  # shared: a MappedText never changes its runs
        mapped._origins = array("q", (origin,))
        return mapped

    @classmethod
    def join(cls, pieces) -> "MappedText":
        """Concatenate (original offset, text) pieces, each copied one-to-one."""
        parts = []
        starts = array("q")
        origins = array("q")
        length = 0
        first = None
        for origin, text in pieces:
            if first is None:
                first = origin
            if not text:
                continue
            starts.append(length)
            origins.append(origin)
            parts.append(text)
            length += len(text)
        if not parts:
            starts.append(0)
            origins.append(first or 0)
        mapped = cls.__new__(cls)
        mapped.text = "".join(parts)
        mapped._starts = starts
        mapped._origins = origins
        return mapped

    def origin(self, index: int) -> int:
        """Original offset of character ``index`` (or of the end, for len)."""
        if index >= len(self.text) and self.text:
            return self.origin(len(self.text) - 1) + 1
        run = bisect_right(self._starts, index) - 1
        return self._origins[run] + index - self._starts[run]

    def span(self, start: int, end: int) -> Span:
        """Original span of characters [start, end) of this text."""
        if end <= start:
            at = self.origin(start)
            return Span(at, at)
        starts = self._starts
        if len(starts) == 1 and end <= len(self.text):
            # One run (a paragraph of one line, the most common): no search.  Same as below.
            base = self._origins[0]
            return _new_span(Span, (base + start, base + end))
        if end <= len(self.text):  # both ends inside the text: origin() without its calls
            origins = self._origins
            run = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) - 1
            return _new_span(Span, (origins[run] + start - starts[run], origins[last] + end - starts[last]))
        return Span(self.origin(start), self.origin(end - 1) + 1)

    def spanner(self) -> Callable[[int, int], Span]:
        """``span`` for spans of one character or more inside the text, for a caller that maps many
        (a fingerprint maps every sentence): one run (a paragraph of one line, the most common) needs
        only an addition, not ``span``'s tests on each call."""
        if len(self._starts) != 1:
            return self.span
        base = self._origins[0]
        return lambda start, end: _new_span(Span, (base + start, base + end))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text


# A run of spaces between digits or CJK characters: (?<=[\d HAN 〔〕])[ \t]+(?=[\d HAN 〔〕]), written to
# start with the space (the engine then skips to the spaces; a leading lookbehind is tried at
# every character, ~2× slower).  HAN: grammar/shapes.py.
_DIGITS_SPACE = re.compile(r"[ \t](?<=[\d%s〔〕][ \t])[ \t]*(?=[\d%s〔〕])" % (HAN, HAN))


class Squeezed:
    """A text with the PDF-inserted spaces between CJK characters and digits removed
    (``2021 年`` → ``2021年``), and the way back: ``origin(i)`` is the index in the
    unsqueezed text of squeezed character i."""

    __slots__ = ("text", "_starts", "_origins", "unchanged")

    def __init__(self, text: str):
        self.unchanged = True  # no space removed: every index is its own origin
        if " " not in text and "\t" not in text:
            self.text, self._starts, self._origins = text, None, None
            return
        # Runs of kept characters: (index in the squeezed text, index in this text), in arrays
        # (a paragraph of a million "1<tab>2" lines makes a million runs).
        starts = array("q", [0])
        origins = array("q", [0])
        kept = []  # the text between the runs removed: one pass, not a second one to sub()
        previous = removed = 0
        for match in _DIGITS_SPACE.finditer(text):
            start, end = match.span()
            kept.append(text[previous:start])
            previous = end
            removed += end - start
            starts.append(end - removed)
            origins.append(end)
        if removed:
            kept.append(text[previous:])
            self.text = "".join(kept)
            self.unchanged = False
        else:
            self.text = text
        self._starts, self._origins = starts, origins

    def origin(self, index: int) -> int:
        starts, origins = self._starts, self._origins
        if starts is None or origins is None:  # no space was removed
            return index
        run = bisect_right(starts, index) - 1
        return origins[run] + index - starts[run]
