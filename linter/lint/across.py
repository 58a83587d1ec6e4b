"""The cross-document pass (issue 11, GL8xx): reports of one body for consecutive years, paired.

After the single-report pass, each report is known by its Fingerprint (model.py: body names, year,
the compact facts of the cross-document kinds, the Places their findings may point at), made in the
process that parsed it while its Document existed.  Nothing else is kept, and the pass is linear in
the number of reports: an index (body name, year) → reports, then one look-up per report.

Pairing.  Two reports are paired when they are by the same body — the normalised organ of the title
(``Document.body``), else the organ that signs the report off — and this year's report is for the year
after last year's.  A name the configuration's ``aliases:`` maps (a renamed body) counts as its new
name.  A report with two candidates for last year (two files of one body and year) is not paired:
say less rather than compare the wrong file.  ``--previous FILE`` names last year's report explicitly:
every input for the year after it is paired with it when the body is the same, and a single input is
paired with it whatever the names (a draft whose title is still unfinished).

Batch kinds (GL806, ``BATCH``): one ``check_batch`` over the fingerprints of every report selecting the
rule, by hash index (linear); their findings go to the files they are about, paired or not.

Memory.  While the single-report pass runs, a report's fingerprint is pickled to a temporary file
(``Spill``: appended through its buffer, without a seek per report; read back for a pair or a finding);
what stays in memory is an ``Entry`` (slots) and a light copy: names, year, format and the GL806 digests
(an array of 8-byte ints), and where to read the rest back (no reference cycle).  A batch kind's companion
facts (GL806's sentence places, read only for a finding) are written apart from the whole, right after
it: a finding reads those alone, not the whole fingerprint.  GL806 deals its
digests into arrays by their low bits and reads them a bucket at a time (rules/kinds/across_text.py), so
that no structure with a Python object per sentence of the batch is ever built.

Output.  The diagnostics of the pass belong to this year's file and point at its cells (line:column in
the user's file).  A streaming format has written that file's result long before, so the pass gives
each file it has something to say about a second result (``FileResult.cross``: only the pass's
diagnostics, and ``paired_with``), after every file, in input order.  Its Source is the file read
again (``reread``: only these files, one at a time), checked against the text the fingerprint saw
at each place; when that is impossible (standard input, a file changed meanwhile) or needless (a
plain-text file, a format that prints places only: json, csv …, no baseline) a sketch (``sketch``)
holding just the lines of those places, each place's text at its column, so that every format still
prints the same line:column at both ends (and, for a .docx/.pdf/.html, the same place in the document).  A format that takes the whole list gets the pass merged into each file's own result
(``merged``); the JSON format writes the second results in a ``cross`` array after ``files``.
"""
from __future__ import annotations

import inspect
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import partial
from typing import Any, Collection, Iterable, Iterator

from govlint.diagnostics import Diagnostic
from govlint.model import Fingerprint
from govlint.source import Source, Span
from govlint.support import i18n

ALIAS_DEPTH = 8  # a chain of renamings followed at most this far (a cycle in aliases: stops)


class Spill:
    """Fingerprints kept on disk while the batch is checked (a temporary file, deleted when closed):
    a batch of 50,000 keeps in memory only what pairing and the batch kinds index, and the cyclic
    garbage collector never walks the rest.  A pair reads its two fingerprints back when it is compared."""

    def __init__(self) -> None:
        self._file: Any = None
        self._end = 0          # where the next fingerprint goes
        self._reading = False  # the file position is not at the end (a read came between)
        self._names: dict[tuple, tuple] = {}  # one tuple of names per body, not one per report

    def intern(self, names: tuple) -> tuple:
        return self._names.setdefault(names, names)

    def put(self, data: bytes) -> tuple:
        """Keep a pickled fingerprint; (this spill, offset, length) to read it back.  Written through
        the file's buffer: no seek (a seek flushes, one system call per report) unless a read came between."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="govlint-")
        if self._reading:
            self._file.seek(self._end)
            self._reading = False
        offset = self._end
        self._file.write(data)
        self._end += len(data)
        return self, offset, len(data)

    def get(self, offset: int, length: int) -> Any:
        self._reading = True
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


@dataclass
class Packed:
    """A fingerprint ready for the spill, made where the report was parsed (a ``--jobs`` worker): its
    light copy, the whole pickled, and its companion facts pickled apart (``pack``) — the main process
    neither unpickles nor pickles it again."""

    light: Fingerprint
    data: bytes
    apart: bytes = b""


def pack(whole: Fingerprint, batch_kinds: Collection[str]) -> Packed:
    """The light copy (path, names, year, format, the batch kinds' facts), the pickled whole, and a batch
    kind's companion facts (``"<kind name>:<what>"``: GL806's sentence places) pickled apart, out of the
    whole: a batch kind reads them for a finding (``Light.companion``) without unpickling the whole."""
    kept, apart, rest = {}, {}, {}
    for name, facts in whole.facts.items():
        if name in batch_kinds:
            kept[name] = rest[name] = facts
        elif name.partition(":")[0] in batch_kinds:
            apart[name] = facts
        else:
            rest[name] = facts
    light = Fingerprint(path=whole.path, names=whole.names, year=whole.year, format=whole.format, facts=kept)
    if not apart:
        return Packed(light, pickle.dumps(whole, pickle.HIGHEST_PROTOCOL))
    whole = Fingerprint(path=whole.path, names=whole.names, year=whole.year, format=whole.format, facts=rest,
                        places=whole.places)
    return Packed(light, pickle.dumps(whole, pickle.HIGHEST_PROTOCOL), pickle.dumps(apart, pickle.HIGHEST_PROTOCOL))


class Light:
    """What stays in memory of a spilled fingerprint (slots, no ``__dict__``: a few hundred bytes a
    report besides GL806's digests): the path, names, year and format pairing reads, the batch kinds'
    facts, the places they add for their findings, and where the whole is on disk (``load``)."""

    __slots__ = ("path", "names", "year", "format", "_facts", "_places", "_spill", "_offset", "_length", "_apart")

    def __init__(self, light: Fingerprint, spill: Spill, offset: int, length: int, apart: int = 0) -> None:
        self.path, self.year, self.format = light.path, light.year, light.format
        self.names = spill.intern(light.names)
        self._facts = tuple(light.facts.items())  # one or two batch kinds: a tuple, not a dict per report
        self._places: dict | None = None
        self._spill, self._offset, self._length = spill, offset, length
        self._apart = apart  # the companion facts' length, right after the whole on disk

    @property
    def facts(self) -> dict:
        return dict(self._facts)

    @property
    def places(self) -> dict:
        """The places a batch kind added (GL806's sentences): made on first use."""
        if self._places is None:
            self._places = {}
        return self._places

    def added(self) -> dict:
        return self._places or {}

    def load(self) -> Fingerprint:
        """The whole fingerprint, read back from the spill (not kept), without its companion facts."""
        return self._spill.get(self._offset, self._length)

    def companion(self, name: str) -> Any:
        """A batch kind's companion fact (``pack``), read back from the spill (not kept)."""
        return self._spill.get(self._offset + self._length, self._apart)[name] if self._apart else None


class Entry:
    """One report of the batch as the pass knows it.  ``held``: its fingerprint, or — once the rest is
    spilled (``spill``) — its Light copy with what pairing and the batch kinds read.  Slots: a batch of
    50,000 holds 50,000 of them (a plain class: ``dataclass(slots=True)`` needs Python 3.10)."""

    __slots__ = ("path", "held", "kind", "order", "names", "aliases", "_whole")

    def __init__(self, path: str, held: Any, kind: str = "text", order: int = 0, names: tuple = (),
                 aliases: dict | None = None) -> None:
        self.path = path              # as the run names it (FileResult.path)
        self.held = held              # Fingerprint, or Light once spilled
        self.kind = kind              # the Source's kind (text, docx, pdf, html)
        self.order = order            # input order (-1: the --previous file, not an input)
        self.names = names            # the body's names, aliases applied
        self.aliases = {} if aliases is None else aliases
        self._whole: Fingerprint | None = None

    @property
    def fingerprint(self) -> Fingerprint:
        """The whole fingerprint (read back from disk once until ``release``)."""
        held = self.held
        if not isinstance(held, Light):
            return held
        if self._whole is None:
            whole = held.load()
            whole.names = held.names
            whole.places.update(held.added())  # the places the batch kinds added
            self._whole = whole
        return self._whole

    def place(self, start: int) -> Any:
        """The Place at ``start``: one a batch kind added (GL806's) without reading the whole back."""
        held = self.held
        if isinstance(held, Light) and self._whole is None:
            added = held.added().get(start)
            if added is not None:
                return added
        return self.fingerprint.places[start]

    def release(self) -> None:
        self._whole = None

    def spill(self, spill: Spill, batch_kinds: Collection[str]) -> None:
        """Keep only the Light copy in memory (``batch_kinds``: the names of the kinds whose facts stay);
        a fingerprint a worker packed (``Packed``) is written as it came."""
        held: Any = self.held
        packed = held if isinstance(held, Packed) else pack(held, batch_kinds)
        _spill, offset, _length = spill.put(packed.data + packed.apart if packed.apart else packed.data)
        self.held = Light(packed.light, spill, offset, len(packed.data), len(packed.apart))
        if self.path == self.held.path:
            self.path = self.held.path  # one string for both


def canonical(name: str, aliases: dict) -> str:
    for _ in range(ALIAS_DEPTH):
        if name not in aliases or aliases[name] == name:
            break
        name = aliases[name]
    return name


def pair(entries: list[Entry], previous: Entry | None = None) -> tuple[dict[int, Entry], list]:
    """``{id(this year's entry): last year's entry}`` and the notes to tell the user (i18n.Messages)."""
    notes: list = []
    for entry in entries + ([previous] if previous else []):
        entry.names = tuple(dict.fromkeys(canonical(name, entry.aliases) for name in entry.held.names))
        entry.held.names = entry.names  # what the batch kinds (GL806) compare too
    index: dict[tuple, list[Entry]] = {}
    for entry in entries:
        if entry.held.year is None:
            continue
        for name in entry.names:
            index.setdefault((name, entry.held.year), []).append(entry)
    pairs: dict[int, Entry] = {}
    for entry in entries:
        year = entry.held.year
        if previous is not None and previous.path != entry.path and _explicit(entry, previous, len(entries)):
            if year is not None and previous.held.year == year - 1:
                pairs[id(entry)] = previous
            else:
                notes.append(i18n.fmt(
                    "{path}: not paired with --previous {previous}: its year is {last}, this report's {year}",
                    "{path}：未与 --previous {previous} 配对：其年度为 {last}，本报告为 {year}",
                    path=entry.path, previous=previous.path, last=_year(previous.held.year),
                    year=_year(year)))
            continue
        if year is None:
            continue
        candidates = {id(other): other for name in entry.names for other in index.get((name, year - 1), ())
                      if other.path != entry.path}
        if len(candidates) == 1:
            pairs[id(entry)] = next(iter(candidates.values()))
    return pairs, notes


def _explicit(entry: Entry, previous: Entry, inputs: int) -> bool:
    """Is ``entry`` meant to be compared with the --previous file?  A single input always; in a batch,
    the inputs of the same body."""
    return inputs == 1 or bool(set(entry.names) & set(previous.names))


def _year(year) -> str:
    return "?" if year is None else str(year)


def check_pair(this: Entry, last: Entry, rules: Iterable, lang: str, severity_for) -> list[Diagnostic]:
    """The diagnostics of the cross-document ``rules`` (selected for this year's file) on one pair,
    at offsets of this year's report."""
    diagnostics = []
    for rule in rules:
        for finding in rule.kind.check_pair(this.fingerprint, last.fingerprint, rule.params):
            if finding.span.start not in this.fingerprint.places:
                continue  # a kind must point at a place it kept; anything else cannot be shown
            # related places (GL803's reused passages) are offsets of this year's file: shown when the
            # file is read again, dropped from a sketch (sketch())
            diagnostics.append(rule.render(finding, lang, severity_for(rule)))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def sketch(entry: Entry, diagnostics: list[Diagnostic]) -> tuple[Source, list[Diagnostic]]:
    """A Source holding only the lines the diagnostics point at (each place's text at its column, the
    other lines empty, a line padded to where a place ends on it) and the diagnostics moved onto it:
    the same line:column, start and end, as in the full report."""
    places = sorted({d.span.start: entry.place(d.span.start) for d in diagnostics}.values(),
                    key=lambda place: (place.line, place.column))
    lines: dict[int, str] = {}
    for place in places:
        text = lines.get(place.line, "")
        if len(text) < place.column - 1:
            text += " " * (place.column - 1 - len(text))
        if len(text) == place.column - 1:  # overlapping places keep the first one's text
            text += place.text.split("\n")[0].split("\r")[0]
        lines[place.line] = text
    for place in places:  # the line a place ends on is there and reaches its end column
        lines[place.end_line] = lines.get(place.end_line, "").ljust(place.end_column - 1)
    # the lines up to the last place's, those without a place empty: breaks, not a string per line
    parts: list[str] = []
    starts: dict[int, int] = {}
    offset, at_line = 0, 1
    for number in sorted(lines):
        if number > at_line:
            parts.append("\n" * (number - at_line))
            offset += number - at_line
            at_line = number
        starts[number] = offset
        parts.append(lines[number])
        offset += len(lines[number])
    body = "".join(parts)
    where: dict[int, dict] = {}
    moved: dict[int, tuple[int, int]] = {}  # a place's start in the report → its span in the sketch
    for place in places:
        start = starts[place.line] + place.column - 1
        moved[place.start] = (start, max(start, starts[place.end_line] + place.end_column - 1))
        if place.where:
            where[start] = dict(place.where)
    source = Source(body, entry.path, kind=entry.kind, locator=_Where(where) if where else None)
    shifted = []
    for diag in diagnostics:
        start, end = moved[diag.span.start]
        shifted.append(Diagnostic(diag.code, diag.name, diag.severity, diag.message, Span(start, end), diag.fix,
                                  diag.help, [], diag.family, diag.data))
    return source, shifted


def _again(entry: Entry, diagnostics: list[Diagnostic], reread) -> Source | None:
    """The file's Source read again, when its text at every place the diagnostics point at is still what
    the fingerprint saw (the excerpts, the baseline's fingerprints and the document places are then
    exactly those of a single-report diagnostic); else None."""
    try:
        source = reread(entry.path, entry.kind)
    except Exception:  # unreadable now, or a reader's bug: the sketch will do
        return None
    if source is None:
        return None
    for diag in diagnostics:
        place = entry.place(diag.span.start)
        if place.text.strip() and not source.text.startswith(place.text, place.start):
            return None
        if source.position(place.start) != (place.line, place.column):
            return None
    return source


class _Where:
    """A sketch's locator: the original document's place of each diagnostic (picklable)."""

    def __init__(self, places: dict):
        self.places = places

    def __call__(self, offset: int) -> dict:
        return dict(self.places.get(offset, {}))


def merged(results: list) -> list:
    """The results of a format that takes the whole list: each ``cross`` result folded into its file's
    own result (the diagnostics at their original offsets, ``paired_with``), so that SARIF, JUnit, GitHub
    and HTML list them with the file's other diagnostics."""
    own: dict[str, Any] = {}
    kept = []
    for result in results:
        if not result.cross:
            own.setdefault(result.path, result)
            kept.append(result)
            continue
        target = own.get(result.path)
        if target is None or target.source is None:
            kept.append(result)
            continue
        target.paired_with = result.paired_with
        target.diagnostics.extend(result.original)
        target.diagnostics.sort(key=Diagnostic.sort_key)
    return kept


def cross_results(linter, entries: list[Entry], previous: Entry | None, notes: list, reread=None) -> Iterator:
    """The pass: a ``cross`` FileResult per input it has something to say about (paired, or GL806), in
    input order, with the cross-document rules each file's configuration selects, in its language and
    severities (``linter``: a lint.Linter).  ``reread(path, kind)``: the file's Source read again, or None
    (then, and when the file changed meanwhile, the result's Source is a sketch)."""
    from govlint.lint.linter import FileResult

    options = linter.options

    asked: list = [None, None]  # the last path asked and its configuration: asked again for each of its findings

    def config_of(entry: Entry):
        if asked[0] != entry.path:
            asked[:] = entry.path, linter.finder.for_file(entry.path)
        return asked[1]

    # (id of an active rule list, batch) → (the list, its cross-document rules): the list is held, so
    # that its id cannot pass to another list while the memo lives
    kinds: dict[tuple, tuple] = {}

    def rules_of(entry: Entry, batch: bool) -> list:
        rules = linter.active_rules(config_of(entry), entry.held.format, entry.path)
        key = (id(rules), batch)
        if key not in kinds:
            kinds[key] = (rules, [rule for rule in rules if getattr(rule.kind, "ACROSS", False)
                                  and bool(getattr(rule.kind, "BATCH", False)) == batch])
        return kinds[key][1]

    def render(entry: Entry, rule, finding) -> Diagnostic:
        config = config_of(entry)
        finding.related = []
        return rule.render(finding, options.lang or config.lang or "zh", linter.severity_for(rule, config))

    pairs, told = pair(entries, previous)
    notes.extend(told)
    # The batch kinds (GL806): each rule once over the reports that select it.
    groups: dict[int, tuple] = {}
    for entry in entries:
        for rule in rules_of(entry, True):
            groups.setdefault(id(rule), (rule, []))[1].append(entry)
    # Their findings come in the order of the reports (check_batch's contract) and are taken report by
    # report as the results go out: a batch of 50,000 never holds them all rendered.
    streams = [[rule, {id(entry): number for number, entry in enumerate(group)},
                iter(rule.kind.check_batch([entry.held for entry in group], rule.params)), None]
               for rule, group in groups.values()]

    def batch_found(entry: Entry) -> list:
        out = []
        for state in streams:
            rule, position, stream, pending = state
            mine = position.get(id(entry))
            if mine is None:
                continue
            while True:
                if pending is None:
                    pending = next(stream, False)
                if pending is False or pending[0] > mine:
                    break
                number, finding = pending
                pending = None
                if number == mine and finding.span.start in entry.held.places:
                    out.append(render(entry, rule, finding))
            state[3] = pending
        return out

    for entry in entries:
        last = pairs.get(id(entry))
        found = batch_found(entry)
        if last is None and not found:
            continue
        config = config_of(entry)
        diagnostics = [] if last is None else check_pair(
            entry, last, rules_of(entry, False), options.lang or config.lang or "zh",
            lambda rule: linter.severity_for(rule, config))
        diagnostics = sorted(diagnostics + found, key=Diagnostic.sort_key)
        full = _again(entry, diagnostics, reread) if diagnostics and reread is not None else None
        source, shown = (full, diagnostics) if full is not None else sketch(entry, diagnostics)
        entry.release()
        if last is not None:
            last.release()
        held = entry.held
        yield FileResult(entry.path, source, diagnostics=shown, year=held.year, format=held.format,
                         body=held.names[0] if held.names else None,
                         paired_with=None if last is None else last.path,
                         cross=True, original=diagnostics)
    yield from roster_results(linter, entries, notes)


ROSTER_NOTE_NAMES = 5  # bodies of the batch not on the roster named in the note, at most


def roster_results(linter, entries: list[Entry], notes: list) -> Iterator:
    """GL807 (rules/kinds/across_roster.py): per roster (``roster:`` of the reports' configurations), a
    result on the roster file itself — its Source the roster's text, the diagnostics at the names of the
    bodies without a report for a year of the batch — after every report's.  The batch of a roster is
    the reports whose configuration names it; their bodies are matched as pairing matches them (``pair``
    has applied the aliases).  A body of the batch the roster does not list is told in a note."""
    from govlint.lint.linter import FileResult

    options = linter.options
    groups: dict[str, tuple] = {}
    for entry in entries:
        config = linter.finder.for_file(entry.path)
        roster = getattr(config, "roster", None)
        if roster is not None:
            groups.setdefault(roster.path, (roster, config, []))[2].append(entry)
    for roster, config, group in groups.values():
        rules = [rule for rule in linter.active_rules(config, None, roster.path)
                 if getattr(rule.kind, "ROSTER", False)]
        if not rules:
            continue
        reported: dict[str, set] = {}
        for entry in group:
            for name in entry.names:
                if entry.held.year is not None:
                    reported.setdefault(name, set()).add(entry.held.year)
        years = {entry.held.year for entry in group if entry.held.year is not None}
        keys = getattr(rules[0].kind, "keys", lambda name: (name,))  # the names a report may give
        listed = {canonical(key, config.aliases) for body in roster.bodies for key in keys(body.key)}
        strangers = sorted({entry.names[0] for entry in group if entry.names and not set(entry.names) & listed})
        if strangers:
            notes.append(i18n.fmt(
                "{roster}: bodies of the batch not on the roster ({count}): {names}",
                "{roster}：本次检查中有 {count} 个单位不在单位名单中：{names}", roster=roster.shown,
                count=len(strangers), names="、".join(strangers[:ROSTER_NOTE_NAMES])
                + (" …" if len(strangers) > ROSTER_NOTE_NAMES else "")))
        by_body: dict[tuple, list[Entry]] = {}  # (name, year) → the reports, for the hierarchy
        for entry in group if getattr(roster, "has_parents", True) else ():
            for name in entry.names:
                by_body.setdefault((name, entry.held.year), []).append(entry)

        def reports(name: str, year: int, kind: str) -> list:
            """[(path, the kind's facts)] of a body's reports of a year (read back from the spill)."""
            found = []
            for entry in by_body.get((name, year), ()):
                found.append((entry.path, entry.fingerprint.facts.get(kind)))
                entry.release()
            return found

        lang = options.lang or config.lang or "zh"
        diagnostics = []
        for rule in rules:
            # the reports' facts for a kind that asks for them (GL807's hierarchy; a plug-in written before
            # may take five arguments)
            more = ({"reports": partial(reports, kind=rule.kind.name)}
                    if "reports" in inspect.signature(rule.kind.check_roster).parameters else {})
            for finding in rule.kind.check_roster(roster, reported, years,
                                                  lambda name: canonical(name, config.aliases), rule.params, **more):
                finding.related = []
                diagnostics.append(rule.render(finding, lang, linter.severity_for(rule, config)))
        if diagnostics:
            diagnostics.sort(key=Diagnostic.sort_key)
            source = Source(roster.text, roster.shown)
            yield FileResult(roster.shown, source, diagnostics=diagnostics, cross=True, original=list(diagnostics))


def entry_of(linter, result, order: int = 0) -> Entry:
    """The pass's Entry of a FileResult that has a fingerprint."""
    config = linter.finder.for_file(result.path)
    kind = result.source.kind if result.source is not None else "text"
    return Entry(result.path, result.fingerprint, kind, order, aliases=config.aliases)


def compare(linter, this, last=None, others=()):
    """``this`` (a FileResult of a Linter with ``Options.pairing``) with the cross-document diagnostics
    it gets beside ``last`` (last year's, as with ``--previous``) and ``others`` (other reports of the
    same run) added in place: for tests and library users."""
    if this.fingerprint is None:
        return this
    notes: list = []
    entries = [entry_of(linter, this)] + [entry_of(linter, other, number + 1) for number, other in enumerate(others)
                                          if other.fingerprint is not None]
    previous = entry_of(linter, last, -1) if last is not None and last.fingerprint is not None else None
    results = [result for result in cross_results(linter, entries, previous, notes) if result.path == this.path]
    return merged([this, *results])[0]
