"""The base of the cross-document check kinds (rules of packs/across.yaml: GL8xx).

A cross-document kind never looks at one report alone: ``check`` finds nothing.  Instead, while a
report's Document still exists (in the process that parsed it, ``--jobs``), ``extract(doc, fingerprint)``
keeps the few facts the kind needs in ``fingerprint.facts[name]`` — numbers, hashes — and the Places
its findings may point at (``fingerprint.place``: line:column in the user's file, whatever its format).
After the single-report pass the linter (govlint.lint.across) pairs this year's report with last
year's of the same body and calls ``check_pair(this, last, params)``: Findings whose spans are
offsets of THIS year's report (places kept by ``extract``).  Facts must be small and picklable.
"""
from __future__ import annotations

import re
import weakref
import zlib
from types import SimpleNamespace
from typing import Callable, ClassVar, Iterable

from govlint.grammar.shapes import SENTENCE, SENTENCE_ENDS
from govlint.rules.api import CheckKind, Finding
from govlint.rules.kinds._util import cell_place, cell_place_en, is_value


class AcrossKind(CheckKind):
    """A check kind over two reports of one body, this year's and last year's."""

    ACROSS: ClassVar[bool] = True

    def check(self, doc, params: dict) -> Iterable[Finding]:
        return ()  # one report alone: nothing to compare (the cross pass calls check_pair)

    # False: compares two reports of one body (check_pair); True: looks at the whole batch at once
    # (check_batch: reports of different bodies, GL806), in time linear in the number of reports.
    BATCH: ClassVar[bool] = False

    def extract(self, doc, fingerprint, params: dict) -> None:
        """Keep in ``fingerprint.facts[self.name]`` what check_pair needs of ``doc``."""
        raise NotImplementedError

    def check_pair(self, this, last, params: dict) -> Iterable[Finding]:
        """Findings on this year's report (``this``, a Fingerprint) given last year's (``last``)."""
        return ()

    def check_batch(self, fingerprints: list, params: dict) -> Iterable[tuple[int, Finding]]:
        """A BATCH kind: (index in ``fingerprints``, Finding on that report) over the whole batch, in the
        order of the reports (index ascending): the pass takes them report by report as it writes."""
        return ()


def number(cell) -> object | None:
    """A cell's value when it is a plain number, else None (blank, text, runs: not compared)."""
    if cell is None or not cell.is_number or not is_value(cell.value):
        return None
    return cell.value


def whole_rows(table) -> list | None:
    """The rows of a table read whole — no unknown or repeated row, no stray number, every row at its
    width with its columns; table 4's groups in their order, whatever order the report writes them in —
    or None (such a table is not compared across reports)."""
    if table is None or table.unknown_rows or table.duplicate_rows or table.leftovers or not table.row_order:
        return None
    for row in table.row_order:
        if len(row.cells) != row.expected_width or not row.columns:  # Row.width_ok, inline
            return None
    return table.row_order


def place_names(table_kind: str, key: str, column: str) -> tuple[str, str]:
    """表三“二、上年结转政府信息公开申请数量”行“自然人”列, and the same in English."""
    row = SimpleNamespace(key=key, label=key)
    return cell_place(table_kind, row, column), cell_place_en(table_kind, row, column)


def file_name(fingerprint) -> str:
    return fingerprint.path or "-"


_NOT_WORDS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def comparable(text: str) -> str:
    """Text as two copies of a passage are compared: letters, digits and CJK ideographs only (spaces a
    PDF inserted, punctuation swapped between 、 and ，, line breaks make no difference)."""
    return _NOT_WORDS.sub("", text)


def companion(fingerprint, name: str):
    """A batch kind's companion fact ``name`` (``"<kind name>:<what>"``): of a light copy, read back from
    disk apart from the whole (lint/across.py pack), else the fingerprint's own (None when absent)."""
    read = getattr(fingerprint, "companion", None)
    return read(name) if read is not None else fingerprint.facts.get(name)


def numberless_digest(text: str) -> int:
    """The digest of a comparable text with every number as 0 (two sentences that differ in numbers only)."""
    return digest(_DIGITS.sub("0", text))


def digest(text: str) -> int:
    """A stable 63-bit hash of a text: the same in every process (``--jobs``; str hashes are salted).
    CRC-32 and Adler-32 of its UTF-8 side by side (two C calls, a fifth of blake2b's cost per sentence,
    the hot loop of a fingerprint): only equality matters (GL803, GL806 compare digests within one run),
    and two texts that differ in a short burst never share a CRC."""
    return bytes_digest(text.encode("utf-8"))


def bytes_digest(data: bytes) -> int:
    """digest() of bytes."""
    return (zlib.crc32(data) << 31) ^ zlib.adler32(data) ^ (len(data) << 48 & _BIT63)


_BIT63 = (1 << 63) - 1  # digests are non-negative 63-bit ints (array('q'))


def _nothing() -> None:
    """A dead weak reference's answer, before any document was seen."""
    return None


def _reference(doc) -> Callable[[], object]:
    """A weak reference to the document; a strong one for an object that has none (slots)."""
    try:
        return weakref.ref(doc)
    except TypeError:
        return lambda: doc


class SentenceCache:
    """The sentences of the mandated sections of the document seen last, cut and hashed once for every
    text kind (text-reuse, problems-repeated, copied-from-another-body) that extracts from it.

    The document is held by a weak reference: it is let go where the linter lets it go, not when the
    next report's fingerprint is made (it would be freed there, its whole tree at the next report's
    cost, and a batch would hold two documents at once)."""

    def __init__(self) -> None:
        self._doc: Callable[[], object] = _nothing  # a weak reference to the document, or _nothing
        self._sentences: list = []
        self._matching: tuple = (_nothing, None, [])  # (document's weak reference, pattern, which sentences match)

    def of(self, doc) -> list:
        """[(section id, comparable text, digest, its Span in the source)] in document order
        (numberless_digest() gives the digest with every number as 0, for who asks) (the preamble — the
        mandated template of legal basis, period and contact — is not prose of the body's own)."""
        if self._doc() is not doc:
            found: list = []
            add, cut, strip = found.append, SENTENCE.finditer, _NOT_WORDS.sub
            paragraphs = [(section, paragraph) for section in range(1, 7) for paragraph in doc.paragraphs(section)]
            texts = [paragraph.text for _, paragraph in paragraphs]
            # The words of every paragraph at once (_words: a few C scans of the whole prose), then
            # paragraph by paragraph; a paragraph holding the separator itself: one at a time.
            words = _words(_APART.join(texts)).split(_APART)
            if len(words) != len(texts):
                words = [_words(text) for text in texts]
            for (section, paragraph), kept, whole in zip(paragraphs, words, texts):
                span_of = paragraph.mapped.spanner()  # Paragraph.span_of, Sentence.span without their objects
                # The k-th sentence of ``whole`` ends at its k-th end (SENTENCE), and the ends, like the
                # closers after them, are no word characters: the comparable text of the k-th sentence
                # is the k-th piece of the paragraph's words split at the ends.
                for text, match in zip(kept.split(_END), cut(whole)):
                    if text and not text.isalnum():  # a character _COMMON leaves: the regex
                        text = strip("", text)
                    if text:
                        start, end = match.span()
                        add((section, text, digest(text), span_of(start, end)))
            self._doc, self._sentences = _reference(doc), found
        return self._sentences

    def matching(self, doc, pattern) -> list:
        """Per sentence of ``of(doc)``: does ``pattern`` (None: nothing) match its comparable text?  Asked
        by several kinds with one pattern (the mandated formulas): searched once."""
        sentences = self.of(doc)
        seen_doc, seen_pattern, found = self._matching
        if seen_doc() is not doc or seen_pattern is not pattern:
            search = pattern.search if pattern is not None else None
            found = [search(text) is not None for _, text, _, _ in sentences] if search else [False] * len(sentences)
            self._matching = (_reference(doc), pattern, found)
        return found


# The ends of a SENTENCE (shapes.py: a semicolon also ends one), all made the first.
_ENDS = SENTENCE_ENDS + ";"
_END = _ENDS[0]
_APART = "\0"  # between two paragraphs' texts while their words are taken together
# The characters [\W_] matches most often in reports (folded text), removed by str.replace (a C scan
# each, several times faster than the regex).  [\W_] is exactly what str.isalnum() rejects
# (Py_UNICODE_ISALNUM, and the underscore): a piece that is not isalnum() after them goes to the regex.
_COMMON = ", 、:\"%.《》()"
assert not any(char.isalnum() for char in _ENDS + _COMMON + _APART)  # all [\W_]: comparable() removes them
assert all(SENTENCE.findall("a" + end + "b")[0] == "a" + end for end in _ENDS)  # each ends a sentence


def _words(text: str) -> str:
    """``text`` without the _COMMON characters, every sentence end made _END."""
    for char in _COMMON:
        text = text.replace(char, "")
    for char in _ENDS[1:]:
        text = text.replace(char, _END)
    return text


SENTENCES = SentenceCache()
