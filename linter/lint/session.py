"""One run of the ``check`` command over its files: lint, or fix, then filter by the baseline.

Kept apart from the CLI so that the order of things (fix, re-lint, baseline) is in one place.

``Run.results(paths, jobs)`` is the batch: the files' results one at a time, in the order of
``paths``, each as soon as it and the ones before it are ready, so a format that writes as it reads
(text, concise, json-lines, csv, json) never holds the batch.  With ``jobs`` > 1 the files are linted
in worker processes (``concurrent.futures``; forked where the platform can, so the workers start with
the rules already loaded; spawn-safe: a worker needs only the picklable options).  A large batch
goes to the workers a few files a submission (``chunk_size``; one with --fix or the documents
kept); at most 4 files or 2 submissions per worker, whichever is more, are in flight, whatever the
batch's size.  With pairing, each report's fingerprint goes
to a temporary file as its result goes out (lint/across.py ``Spill``); what stays is a light copy per
report (names, year, the GL806 digests in an array).  A file that kills its worker (a crash in
a C extension, the out-of-memory killer) never vanishes: the files that were in flight are run again
one at a time in a fresh pool, and the one that kills it alone is reported as that file's error.

The garbage collector: a batch allocates and frees millions of small objects per second while a large
heap lives on (the rules, the parser tables, the lexer caches of parse/lines.py and labels.py, bounded
LRUs that fill up in the first hundred reports).  With the default thresholds each full collection
walks all of it and finds nothing to free: 8 % of a 5,000-report run.  ``tuned_gc`` moves what exists
after the warm-up to the permanent generation (``gc.freeze``: also kind to forked workers' shared
pages) and collects the young generation less often; reference counting frees almost everything
anyway (the parse makes few cycles).
"""
from __future__ import annotations

import gc
import os
import sys
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, cast

from govlint.support import i18n
from govlint.lint.baseline import Baseline
from govlint.lint.across import Entry, Spill, cross_results, entry_of, pack
from govlint.lint.linter import FileResult, Linter, internal_error
from govlint.model import Fingerprint
from govlint.support.yamlio import ConfigError
from govlint.lint.fixes import WriteRefused, encode, fix_source, unified_diff, write_atomically
from govlint.source import InputError


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None       # --baseline (else the configuration's)
    stdin_filename: str | None = None
    pairing: bool = True              # the cross-document pass (lint/across.py); --no-pairing: off
    previous: str | None = None       # --previous FILE: last year's report, named explicitly
    # The output prints the report's text (excerpts, snippets): a plain-text file the cross-document
    # pass has something to say about is read again for it; off: its places alone (lint/across.py sketch)
    excerpts: bool = True


GC_THRESHOLDS = (20_000, 50, 100)  # young objects between collections, then older generations' ratios
IN_FLIGHT = 4                      # files submitted per worker ahead of the one the output waits for
CHUNK = 8                          # files per submission, at most (see chunk_size)
STDOUT_NAME = i18n.msg("standard output", "标准输出")


def default_jobs() -> int:
    """The cores this process may use (``-j`` by default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@contextmanager
def tuned_gc() -> Iterator[None]:
    """For the length of a batch: freeze the heap that exists now and collect less often (see the
    module docstring; measured by benchmarks/batch.py).  The thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class Run:
    def __init__(self, linter: Linter, options: RunOptions):
        self.linter = linter
        self.options = options
        self._baselines: dict = {}
        self.notes: list = []            # things to tell the user on stderr (i18n.Message)
        # Per-file problems that make the run exit 2 without hiding the file's diagnostics: a fix that
        # could not be written back ("draft.txt: is read-only (mode 0444); not fixed").
        self.errors: list = []

    # -- the batch --------------------------------------------------------------------------------
    def results(self, paths: Iterable[str], jobs: int = 1) -> Iterator[FileResult]:
        """Each file's result, in the order of ``paths``; ``jobs`` > 1: linted in worker processes.
        A file's notes and errors (``self.notes``, ``self.errors``) are added before its result is
        yielded.  Raises ConfigError (a configuration's mistake stops the run)."""
        paths = list(paths)
        # The cross-document pass needs two reports: a report checked alone is checked as it always was.
        pairing = self.options.pairing and (len(paths) > 1 or bool(self.options.previous))
        # A roster (GL807) makes one report a batch too: the roster's other bodies have none.
        pairing = pairing or (self.options.pairing and len(paths) == 1
                              and self.linter.finder.for_file(paths[0]).roster is not None)
        self.linter.options.pairing = pairing  # before the workers start: they make the fingerprints
        with tuned_gc():
            previous = self._previous() if pairing and self.options.previous else None
            if jobs <= 1 or sum(1 for path in paths if path != "-") <= 1:
                checked: Iterator[FileResult] = (self.check_safely(path) for path in paths)
            else:
                checked = _Pool(self, jobs).results(paths)
            entries: list[Entry] = []
            spill, batch_kinds = Spill(), _batch_kinds()
            try:
                for order, result in enumerate(checked):
                    if pairing and result.fingerprint is not None:
                        entry = self._entry(result, order)
                        entry.spill(spill, batch_kinds)  # on disk but what pairing and GL806 index
                        entries.append(entry)
                        result.fingerprint = None  # kept by the entry; the result goes to the output
                    yield result
                if pairing:
                    yield from self._cross(entries, previous)
            finally:
                spill.close()

    # -- the cross-document pass (lint/across.py) -----------------------------------------------------
    def _entry(self, result: FileResult, order: int) -> Entry:
        return entry_of(self.linter, result, order)

    def _previous(self) -> Entry | None:
        """--previous FILE: read and fingerprinted, its own diagnostics not reported."""
        path = cast(str, self.options.previous)
        result = self.linter.lint_path(path)
        if result.error is not None:
            self.errors.append(i18n.join("--previous: ", result.error))
            return None
        if result.fingerprint is None:
            self.notes.append(i18n.fmt("--previous {path}: not an annual report; nothing is paired with it",
                                       "--previous {path}：不是年度报告，不与任何报告配对", path=path))
            return None
        return self._entry(result, -1)

    def _cross(self, entries: list[Entry], previous: Entry | None) -> Iterator[FileResult]:
        """The cross-document results (lint/across.py), each with its file read again (only the files
        it has something to say about, one at a time) and filtered by the baseline like any result."""
        try:
            for result in cross_results(self.linter, entries, previous, self.notes, self._reread):
                self._apply_baseline(result)
                yield result
        except ConfigError:
            raise
        except Exception as exc:  # a bug of the pass: said, and the single-report results stand
            self.errors.append(internal_error("govlint", "checking it", exc))

    def _reread(self, path: str, kind: str = "text"):
        """A file's Source again, for the cross-document pass's excerpts (None: standard input, or a
        plain-text file whose results need no text: a format that prints places only, no baseline —
        the pass's sketch then gives the same line:column)."""
        if path == "-" or (self.options.stdin_filename and path == self.options.stdin_filename):
            return None
        if kind == "text" and not self.options.excerpts and not self._baseline_path(path):
            return None
        return self.linter.read(path)

    def check_safely(self, path: str) -> FileResult:
        """One file's result; whatever goes wrong with it is its error, and the run goes on."""
        try:
            return self.check(path)
        except ConfigError:
            raise  # the configuration's mistake: reported once, for the whole run
        except OSError as exc:  # writing the fixed file (or, for -, the fixed report on stdout)
            target = STDOUT_NAME if path == "-" else path
            return FileResult(path, error=i18n.join(path, ": ", i18n.fmt(
                "cannot write {target}: {reason}", "无法写入 {target}：{reason}", target=target,
                reason=i18n.os_error(exc))))
        except Exception as exc:
            return FileResult(path, error=internal_error(path, "checking it", exc))

    def check(self, path: str) -> FileResult:
        options = self.options
        writing = options.fix and not options.diff and path != "-"
        try:
            # What the file was when read: a file changed meanwhile is not overwritten by --fix.
            before = os.stat(path) if writing else None
        except OSError:
            before = None
        try:
            source = self.linter.read(path)
        except InputError as exc:
            return FileResult(self._name(path), error=i18n.of(exc))
        if path == "-" and options.stdin_filename:
            source.path = options.stdin_filename
        if not (options.fix or options.diff):
            result = self.linter.lint_source(source)
        elif not (source.writable or (path == "-" and source.kind == "text")):
            self.notes.append(i18n.fmt("{path}: not a plain-text file ({kind}); reported, not fixed",
                                       "{path}: 不是纯文本文件（{kind}）；只报告问题，不修复", path=source.path,
                                       kind=source.kind))
            result = self.linter.lint_source(source)
        else:
            result = self._fix(path, source, before)
        self._apply_baseline(result)
        return result

    def _fix(self, path: str, source, before) -> FileResult:
        options = self.options
        outcome = fix_source(self.linter, source, options.unsafe_fixes)
        # FileResults: fixes.FixOutcome types them as object (fixes.py does not import the linter).
        result, original = cast(FileResult, outcome.result), cast(FileResult, outcome.original)
        for diag, added in outcome.skipped:
            self.notes.append(i18n.fmt("{path}: the fix of {code} ({message}) was not applied: it would add {added} "
                                       "(please report this bug)",
                                       "{path}: 未应用 {code}（{message}）的修复：它会新增 {added}（这是 govlint 的缺陷，请报告）",
                                       path=source.path, code=diag.code, message=diag.message,
                                       added=", ".join(sorted(added))))
        if path == "-" and not options.diff:
            # A filter: the report goes to stdout, fixed or not (nothing to fix must not mean no report).
            sys.stdout.buffer.write(encode(source, outcome.text))
            sys.stdout.buffer.flush()
        if not outcome.applied:
            return result
        if options.diff:
            result.diff = unified_diff(source.path, source.text, outcome.text, source)
        elif path != "-":
            try:
                write_atomically(path, encode(source, outcome.text), before)
            except OSError as exc:
                # Refused or failed: the file is as it was, so its diagnostics are the original ones.
                self.errors.append(exc.message if isinstance(exc, WriteRefused)
                                   else i18n.fmt("{path}: not fixed: cannot write it: {reason}",
                                                 "{path}: 未修复：无法写入：{reason}", path=path,
                                                 reason=i18n.os_error(exc)))
                return original
        result.fixed = outcome.applied
        return result

    def _name(self, path: str) -> str:
        return self.options.stdin_filename if path == "-" and self.options.stdin_filename else path

    def _baseline_path(self, path: str) -> str | None:
        """The baseline that filters a file's results (--baseline, else its configuration's), or None."""
        baseline = self.options.baseline
        if baseline is None:
            config = self.linter.finder.for_file(path)
            if config.baseline_error is not None:
                raise config.baseline_error
            baseline = config.baseline
        return baseline or None

    def _apply_baseline(self, result: FileResult) -> None:
        path = self._baseline_path(result.path)
        if not path or result.source is None:
            return
        path = os.path.abspath(path)
        if path not in self._baselines:
            self._baselines[path] = Baseline(path)
        result.baselined = self._baselines[path].filter(result)


# -- worker processes ------------------------------------------------------------------------------

_WORKER: Run | None = None  # the worker process's Run (set by _start_worker)
_FORKED: Run | None = None  # the parent's Run while it starts a forked pool: the children inherit it warm


@lru_cache(maxsize=1)
def _batch_kinds() -> frozenset:
    """The names of the cross-document kinds that read the whole batch (GL806): their facts stay in
    memory when a fingerprint is spilled (found once per process: a worker packs many)."""
    from govlint.rules.registry import all_kinds

    return frozenset(name for name, kind in all_kinds().items() if getattr(kind, "BATCH", False))


def _start_worker(linter_options: Any, keep_documents: bool, run_options: RunOptions) -> None:
    global _WORKER
    if _FORKED is not None:  # forked: the parent's Run, its rules and parser already loaded
        _WORKER = _FORKED
        _WORKER.notes, _WORKER.errors = [], []
    else:  # spawned: a fresh Run from the options
        _WORKER = Run(Linter(linter_options, keep_documents=keep_documents), run_options)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _work(paths: list) -> list:
    """In a worker: per path, ("ok", result, notes, errors), or ("config", …) for a configuration error
    (a ConfigError does not survive pickling: it is rebuilt in the parent).  A few paths a call: each
    call costs the main process a submission, a wake-up of the executor's thread and a pickled reply."""
    return [_work_one(path) for path in paths]


def _work_one(path: str) -> tuple:
    run = _WORKER
    assert run is not None, "the worker was not started"
    try:
        result = run.check_safely(path)
    except ConfigError as exc:
        return ("config", exc.path, exc.line, exc.column, exc.message)
    notes, errors = run.notes, run.errors
    run.notes, run.errors = [], []
    _portable(result)
    if isinstance(result.fingerprint, Fingerprint):  # packed here: the main process only writes it out
        result.fingerprint = pack(result.fingerprint, _batch_kinds())
    return ("ok", result, notes, errors)


class Places:
    """A Source's locator that crosses to the main process: the readers' locators (.docx, .pdf, .html)
    are closures over the rendered document, which pickle cannot send; the formats only ask where
    each diagnostic starts, so the worker looks those up and sends them."""

    def __init__(self, places: dict):
        self.places = places

    def __call__(self, offset: int) -> dict:
        return dict(self.places.get(offset, {}))


def _portable(result: FileResult) -> None:
    source = result.source
    if source is None or source.locator is None or isinstance(source.locator, Places):
        return
    places = {diag.span.start: source.locate(diag.span.start) for diag in result.diagnostics}
    fingerprint = result.fingerprint  # the places the cross-document pass may point at (lint/across.py)
    if isinstance(fingerprint, Fingerprint):
        for start, place in fingerprint.places.items():
            if place.where:
                places.setdefault(start, dict(place.where))
    source.locator = Places(places)


def chunk_size(files: int, jobs: int) -> int:
    """Files per submission: up to CHUNK in a large batch (a submission costs the main process about
    0.2 ms: a fifth of the run's time in it at one file each), one in a small one, where spreading
    the files evenly over the workers matters more."""
    return max(1, min(CHUNK, files // (jobs * 16)))


def _chunks(paths: list[str], size: int) -> Iterator[list[str]]:
    """The paths in runs of ``size``; standard input ("-") alone, as it is read by the main process."""
    chunk: list[str] = []
    for path in paths:
        if path == "-":
            if chunk:
                yield chunk
                chunk = []
            yield [path]
            continue
        chunk.append(path)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_crashed(path: str) -> i18n.Message:
    return i18n.fmt("{path}: internal error while checking it: the worker process stopped (crashed or was killed) "
                    "(please report this bug)",
                    "{path}: 检查时发生内部错误：工作进程意外终止（崩溃或被杀死）（这是 govlint 的缺陷，请报告）", path=path)


class _Pool:
    """The worker processes of one batch, and the order of their results (see the module docstring)."""

    def __init__(self, run: Run, jobs: int):
        self.run = run
        self.jobs = jobs
        self.executor: Any = None

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _FORKED
        methods = multiprocessing.get_all_start_methods()
        # fork only where it is the platform's way (Linux): macOS's frameworks are not fork-safe
        method = "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"
        linter = self.run.linter
        _FORKED = self.run if method == "fork" else None
        self.executor = ProcessPoolExecutor(
            self.jobs, mp_context=multiprocessing.get_context(method), initializer=_start_worker,
            initargs=(linter.options, linter.keep_documents, self.run.options))

    def _stop(self) -> None:
        global _FORKED
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
        _FORKED = None

    def results(self, paths: list[str]) -> Iterator[FileResult]:
        from concurrent.futures.process import BrokenProcessPool

        # one file a submission when a worker writes the file (--fix: a crash re-runs only the files in
        # flight, not chunk-mates already fixed) or keeps its Document (HTML: memory per file in flight)
        options = self.run.options
        one_by_one = options.fix or self.run.linter.keep_documents
        size = 1 if one_by_one else chunk_size(len(paths), self.jobs)
        chunks = _chunks(paths, size)
        in_flight = self.jobs * max(2, IN_FLIGHT // size)  # chunks; two a worker at least: one ready, one to do
        pending: deque = deque()   # (paths, future or None for "-", read here) in input order
        retry: deque = deque()     # (path, its chunk's future or None, its place in it) after a worker died
        self._start()
        try:
            while True:
                while not retry and len(pending) < in_flight:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    if chunk == ["-"]:
                        pending.append((chunk, None))
                        continue
                    try:
                        pending.append((chunk, self.executor.submit(_work, chunk)))
                    except BrokenProcessPool:  # a worker died while the results before went out
                        for waiting, its_future in [*pending, (chunk, None)]:
                            retry.extend((path, its_future, index) for index, path in enumerate(waiting))
                        pending.clear()
                        self._stop()
                        self._start()
                        break
                if retry:
                    yield self._alone(*retry.popleft())
                    continue
                if not pending:
                    return
                chunk, future = pending.popleft()
                if future is None:
                    yield self.run.check_safely(chunk[0])  # standard input is read by this process
                    continue
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    for waiting, its_future in [(chunk, None), *pending]:
                        retry.extend((path, its_future, index) for index, path in enumerate(waiting))
                    pending.clear()
                    self._stop()
                    self._start()
                    continue
                except Exception as exc:  # a result could not be sent back (pickling): each file alone
                    if len(chunk) > 1:
                        retry.extend((path, None, index) for index, path in enumerate(chunk))
                    else:
                        yield FileResult(chunk[0], error=internal_error(chunk[0], "checking it", exc))
                    continue
                for outcome in outcomes:
                    yield self._receive(outcome)
        finally:
            self._stop()

    def _alone(self, path: str, future: Any, index: int) -> FileResult:
        """A file that was in flight when a worker died: its result if its chunk's was ready, else it runs
        alone in the fresh pool: if the pool breaks again, this file is the one that kills it."""
        from concurrent.futures.process import BrokenProcessPool

        if path == "-":
            return self.run.check_safely(path)
        if future is not None and future.done() and not future.cancelled() and future.exception() is None:
            return self._receive(future.result()[index])
        try:
            return self._receive(self.executor.submit(_work, [path]).result()[0])
        except BrokenProcessPool:
            self._stop()
            self._start()
            return FileResult(path, error=worker_crashed(path))
        except ConfigError:
            raise
        except Exception as exc:
            return FileResult(path, error=internal_error(path, "checking it", exc))

    def _receive(self, outcome: tuple) -> FileResult:
        if outcome[0] == "config":
            raise ConfigError(*outcome[1:])
        _, result, notes, errors = outcome
        self.run.notes.extend(notes)
        self.run.errors.extend(errors)
        return result
