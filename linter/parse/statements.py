"""What the prose states: 均获维持, 未发生行政复议和行政诉讼, 均已办结, 无行政处罚和行政强制 …

The statements, their phrasings, subjects and scope words are data (grammar/statements.yaml, read
through govlint.grammar.spec.statement_lexicon()); this module finds them once per document, into
``Document.statements``, and rules query those (GL405 compares them with the tables).

Each paragraph's folded text without PDF spaces (``Paragraph.squeezed``) is cut into sentences
(grammar/shapes.py SENTENCE: a semicolon ends one too) and each sentence into clause groups: the
text between clause ends (CLAUSE_END) other than the enumeration comma 、, and before the lexicon's
part mark (其中).  A phrasing matches inside one clause group.  Its subjects are the subject words
of the window the lexicon names (the clause group, or the sentence up to the clause group's end);
a ``not_if`` word in that window cancels it.  Its scope is read from the sentence's first clause
group and the clause group before the match, as GL401 reads a claim: after 其中 or with a part word
it is a part of the body's; with a year word or another year than the report's, another year's;
with an area word, a wider area's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional, Tuple

from govlint.grammar.shapes import SENTENCE, clause_end_pattern, whose
from govlint.grammar.spec import StatementKind, StatementLexicon, statement_lexicon
from govlint.model import STATEMENT_FINDER, Document, Paragraph, Statement

ENUMERATION_COMMA = "、"  # a clause end that continues the clause: "行政复议、行政诉讼" is one subject list


def find_statements(doc: Document, lexicon: StatementLexicon | None = None) -> list[Statement]:
    """Every statement of the lexicon the document's prose makes, in document order."""
    lexicon = lexicon or statement_lexicon()
    patterns, any_word = _compiled(lexicon)
    found: list[Statement] = []
    for paragraph in doc.paragraphs():
        text = paragraph.squeezed.text
        # A statement's words (literal) say where its phrasings may match: most paragraphs have
        # none and are not read further (one search of all the words, then each statement's).
        if any_word is not None and not any_word.search(text):
            continue
        present = [(kind, pattern) for kind, words, compiled in patterns
                   if words is None or words.search(text) for pattern in compiled]
        if present and any(pattern.search(text) for _kind, pattern in present):
            found.extend(_in_paragraph(doc, paragraph, lexicon, present, any_word))
    return found


STATEMENT_FINDER[:] = [find_statements]  # Document.statements_of(lexicon) asks this


Compiled = Tuple[Tuple[Tuple[StatementKind, Optional[re.Pattern], Tuple[re.Pattern, ...]], ...], Optional[re.Pattern]]


@lru_cache(maxsize=4)
def _compiled(lexicon: StatementLexicon) -> Compiled:
    """Each statement, its words (one alternation: found ⇔ one of them in; None when it has none)
    and its phrasings compiled; and one regex of every statement's words (None when a statement has
    none: every paragraph is then searched)."""
    kinds = tuple((kind, re.compile("|".join(map(re.escape, kind.words))) if kind.words else None,
                   tuple(re.compile(phrasing) for phrasing in kind.phrasings))
                  for kind in lexicon.statements.values())
    if not kinds or not all(kind.words for kind in lexicon.statements.values()):
        return kinds, None
    words = sorted({word for kind in lexicon.statements.values() for word in kind.words}, key=len, reverse=True)
    return kinds, re.compile("|".join(map(re.escape, words)))


# CLAUSE_END but the enumeration comma: each of its matches is one character, so leaving 、 out of
# the pattern finds the same cuts as leaving its matches out, without a Python test per match.
_CLAUSE_CUT = re.compile(clause_end_pattern(leave_out=ENUMERATION_COMMA))


def clause_groups(sentence: str, part_mark: str) -> list[tuple[int, int]]:
    """(start, end) of the clause groups of a sentence: cut at every clause end but 、, and
    before ``part_mark``; empty pieces left out.  A list, not a generator: a sentence has few
    groups and resuming a generator per group cost more than the list."""
    if part_mark not in sentence:  # most often: the cuts are the clause ends alone, split in C (one
        # character each and no group in the pattern: piece ends plus one are the next piece's starts)
        groups = []
        start = 0
        for piece in _CLAUSE_CUT.split(sentence):
            end = start + len(piece)
            if piece.strip():
                groups.append((start, end))
            start = end + 1  # past the clause end
        return groups
    cuts = [mark.span() for mark in _CLAUSE_CUT.finditer(sentence)]  # and the zero-width cuts before the mark
    cuts += [(at.start(), at.start()) for at in _literal(part_mark).finditer(sentence) if at.start() > 0]
    groups = []
    start = 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start < start:
            continue
        if sentence[start:cut_start].strip():
            groups.append((start, cut_start))
        start = cut_end
    if sentence[start:].strip():
        groups.append((start, len(sentence)))
    return groups


@lru_cache(maxsize=8)
def _literal(word: str) -> re.Pattern:
    return re.compile(re.escape(word))


def _in_paragraph(doc: Document, paragraph: Paragraph, lexicon: StatementLexicon, patterns,
                  any_word: Optional[re.Pattern]) -> Iterator[Statement]:
    """The statements of a paragraph; ``any_word``: _compiled's alternation of every statement's words."""
    text = paragraph.squeezed.text
    taken: list[tuple[str, int, int]] = []  # (id, start, end) of the statements found: one per place
    for sentence in SENTENCE.finditer(text):
        body, base = sentence.group(), sentence.start()
        if any_word is not None and any_word.search(body) is None:
            continue  # a phrasing's match holds one of its statement's words: none matches here
        topic: str | None = None
        in_part = False
        for start, end in clause_groups(body, lexicon.part_mark):
            group = body[start:end]
            in_part = in_part or group.startswith(lexicon.part_mark)
            for kind, pattern in patterns:
                for match in pattern.finditer(group):
                    at, until = base + start + match.start(), base + start + match.end()
                    if any(id_ == kind.id and at < other_end and other_start < until
                           for id_, other_start, other_end in taken):
                        continue
                    window = body[:end] if kind.subjects_in == "sentence" else group
                    if any(word in window for word in kind.not_if):
                        continue
                    subjects = tuple(name for name in kind.subjects
                                     if any(word in window for word in lexicon.subjects[name].words))
                    if not subjects:
                        if kind.unnamed == "skip":
                            continue
                        subjects = kind.subjects
                    taken.append((kind.id, at, until))
                    span = paragraph.squeezed_span(at, until)
                    written = "".join(doc.source.text[span.start:span.end].split())
                    scope, word = _scope(doc, lexicon, (topic or "") + group[:match.start()], in_part)
                    yield Statement(kind.id, span, written, subjects, scope, word)
            if topic is None:
                topic = group


def _scope(doc: Document, lexicon: StatementLexicon, context: str, in_part: bool) -> tuple[str, str]:
    """Whose statement of which year: ("body", "") or ("part" | "year" | "area", the word that says so)."""
    if in_part:
        return "part", lexicon.part_mark
    return whose(context, doc.year, lexicon.part_words, lexicon.past_words, lexicon.area_words)
