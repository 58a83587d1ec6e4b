#!/usr/bin/env python3
"""The long fuzz run: lint thousands of mutated reports and check govlint's promises.

Promises checked for every mutant (benchmarks/mutate.py makes them from the real reports in
../shared when present, the repository's examples and generated reports):

* linting in-process raises nothing, ``result.internal_errors`` is empty, and ``result.error``
  is None or a clean one-line message (no traceback, no bare exception text);
* it takes under 2 s (slower is reported as a hang; a worker is killed after ``--timeout`` s);
* every ``--cli-every``-th mutant also goes through the real CLI in each machine format (json,
  json-lines, sarif, junit): exit status 0, 1 or 2 and the one the in-process result implies,
  output that parses, nothing like a traceback on standard error.

Failures are grouped into classes (exception type + innermost frame; for internal errors the
rule and the innermost frame of the rule's own traceback).  For each class a repro is saved to
``--out`` (default /tmp/govlint-fuzz/): the mutant as found and, for exceptions, internal errors
and unclean messages, a version shrunk by deleting lines and halving bytes while the class stays
the same.  The run prints a short summary (no logs) and exits 1 when any promise failed.

Usage:  python benchmarks/fuzz.py [--count 20000] [--seed 1] [--jobs 2] [--out /tmp/govlint-fuzz]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import defaultdict
from multiprocessing.connection import wait
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import mutate  # noqa: E402

MACHINE_FORMATS = ("json", "json-lines", "sarif", "junit")
SLOW = 2.0
GOVLINT = str(Path(sys.executable).with_name("govlint"))


# -- checks shared with tests/test_fuzz.py ------------------------------------------------------

_EXCEPTION_TEXT = re.compile(r"Traceback|File \"|^\w+Error\b|\b(?:NoneType|object has no attribute|"
                             r"unsupported operand|not subscriptable|list index out of range|codec can't)\b")


def unclean_message(message) -> str | None:
    """Why ``result.error`` is not a clean message, or None when it is (None is clean)."""
    if message is None:
        return None
    if not isinstance(message, str) or not message.strip():
        return f"error is not a non-empty string: {message!r}"
    if len(message) > 2000 or message.count("\n") > 3:
        return f"error message of {len(message)} chars / {message.count(chr(10)) + 1} lines"
    match = _EXCEPTION_TEXT.search(message)
    if match:
        return f"error message looks like an exception: {match.group()!r}"
    return None


def check_output(fmt: str, stdout: str) -> str | None:
    """Why the output of ``--format fmt`` is invalid, or None."""
    try:
        if fmt == "json":
            document = json.loads(stdout)
            if not isinstance(document, dict) or not isinstance(document.get("files"), list):
                return "json: no 'files' list"
        elif fmt == "json-lines":
            for number, line in enumerate(stdout.splitlines(), 1):
                if line.strip():
                    try:
                        json.loads(line)
                    except ValueError as exc:
                        return f"json-lines: line {number}: {exc}"
        elif fmt == "sarif":
            document = json.loads(stdout)
            if not isinstance(document.get("runs"), list):
                return "sarif: no 'runs' list"
        elif fmt == "junit":
            root = ET.fromstring(stdout)
            if root.tag not in ("testsuites", "testsuite"):
                return f"junit: root element <{root.tag}>"
    except (ValueError, ET.ParseError, AttributeError) as exc:
        return f"{fmt}: does not parse: {type(exc).__name__}: {str(exc)[:120]}"
    return None


def run_cli(data: bytes, directory: str, name: str = "mutant.txt", formats=MACHINE_FORMATS,
            timeout: float = 30.0, expected_exit: int | None = None) -> list[tuple[str, str]]:
    """Run the CLI on ``data`` in each format: a list of (format, problem).  With ``expected_exit``
    (the status the in-process result implies), a different exit status is a problem too."""
    path = os.path.join(directory, name)
    with open(path, "wb") as handle:
        handle.write(data)
    problems = []
    for fmt in formats:
        try:
            done = subprocess.run([GOVLINT, "check", "--format", fmt, path], capture_output=True, timeout=timeout,
                                  cwd=directory, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            problems.append((fmt, f"CLI timed out after {timeout:.0f} s"))
            continue
        stderr = done.stderr.decode("utf-8", "replace")
        if "Traceback" in stderr:
            last = [line for line in stderr.strip().splitlines() if line.strip()][-1]
            problems.append((fmt, f"traceback on stderr: {last[:160]}"))
        if done.returncode not in (0, 1, 2):
            problems.append((fmt, f"exit status {done.returncode}"))
        elif expected_exit is not None and done.returncode != expected_exit:
            problems.append((fmt, f"exit status {done.returncode} where the in-process result implies "
                                  f"{expected_exit}"))
        try:
            stdout = done.stdout.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append((fmt, f"output is not UTF-8: {exc}"))
            continue
        problem = check_output(fmt, stdout)
        if problem:
            problems.append((fmt, problem))
    return problems


# -- one mutant, in a worker ------------------------------------------------------------------

def _relative(filename: str) -> str:
    for root in (str(REPO) + os.sep, sys.prefix + os.sep, sys.base_prefix + os.sep):
        if filename.startswith(root):
            return filename[len(root):]
    return filename


def _frames(tb) -> tuple[str, str]:
    """(innermost frame, innermost frame in govlint's own code) as file:line."""
    frames = traceback.extract_tb(tb)
    innermost = f"{_relative(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
    own = next((f"{_relative(f.filename)}:{f.lineno}" for f in reversed(frames)
                if f"{os.sep}linter{os.sep}" in f.filename), innermost)
    return innermost, own


def _rule_failure(linter, data: bytes, path: str, message: str) -> tuple[str, str]:
    """The innermost frames of a rule's internal error, found by running that rule again."""
    code = re.search(r"internal error in (\S+)", message)
    try:
        from govlint.source import readers
        from govlint.parse.outline import parse

        source = readers.read(data, path)
        config = linter.finder.for_file(source.path)
        doc = parse(source, year=linter.options.report_year or config.report_year)
        for rule in linter.active_rules(config, doc.format, source.path):
            if code and rule.code != code.group(1):
                continue
            try:
                for finding in rule.run(doc):
                    rule.render(finding, "zh", linter.severity_for(rule, config))
            except Exception:  # noqa: BLE001 - that is the point
                return _frames(sys.exc_info()[2])
    except Exception:  # noqa: BLE001 - the API moved: fall back to the message
        pass
    return "?", "?"


def _wrapped_failure(linter, data: bytes, path: str) -> tuple[str, str]:
    """(exception type, innermost govlint frame) of an exception the engine turned into
    ``result.error``, found by running the stages again without the engine's guard."""
    try:
        from govlint.source import readers

        source = readers.read(data, path)
        (getattr(linter, "_lint", None) or linter.lint_source)(source)
    except Exception as exc:  # noqa: BLE001 - that is the point
        return type(exc).__name__, _frames(exc.__traceback__)[1]
    return "?", "?"


def lint_one(linter, data: bytes, path: str = "mutant.txt") -> dict:
    """Lint ``data`` in-process: elapsed time and the failures, each with a class signature."""
    failures = []
    start = time.perf_counter()
    result = None
    try:
        result = linter.lint_bytes(data, path)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - anything is a finding
        innermost, own = _frames(exc.__traceback__)
        failures.append({"kind": "exception", "signature": f"{type(exc).__name__} at {own}"
                         + (f" (innermost {innermost})" if innermost != own else ""),
                         "detail": f"{type(exc).__name__}: {str(exc)[:200]}"})
    elapsed = time.perf_counter() - start
    if result is not None:
        for message in result.internal_errors:
            rule = re.search(r"internal error in (\S+) \(([^)]*)\): (\w+)", message)
            innermost, own = _rule_failure(linter, data, path, message)
            name = f"{rule.group(1)} {rule.group(3)}" if rule else message[:60]
            failures.append({"kind": "internal", "signature": f"internal error {name} at {own}",
                             "detail": message[:300]})
        wrapped = re.search(r"internal error while ([^:]*): (\w+)", result.error or "")
        if wrapped or "please report this bug" in (result.error or ""):
            name, own = _wrapped_failure(linter, data, path)
            stage = wrapped.group(1) if wrapped else "?"
            failures.append({"kind": "internal", "signature": f"{name} at {own} (internal error while {stage})",
                             "detail": result.error[:300]})
        problem = None if wrapped else unclean_message(result.error)
        if problem:
            failures.append({"kind": "message", "signature": "unclean error: " + re.sub(r"[0-9]+", "N", problem)[:70],
                             "detail": str(result.error)[:300]})
    expected_exit = None
    if result is not None:
        expected_exit = 2 if result.error else 1 if any(d.severity == "error" for d in result.diagnostics) else 0
    return {"elapsed": elapsed, "failures": failures, "exit": expected_exit, "size": len(data)}


def _mutant(sources, seed: int, index: int) -> mutate.Mutant:
    rng = random.Random(f"fuzz:{seed}:{index}")
    name, text = rng.choice(sources)
    return mutate.mutate(text, rng.getrandbits(32), source=name)


def _worker(connection, sources, seed: int, workdir: str) -> None:
    from govlint.lint.linter import Linter, Options

    linter = Linter(Options(), keep_documents=False)
    while True:
        task = connection.recv()
        if task is None:
            return
        kind, index = task[0], task[1]
        if kind == "shrink":
            connection.send(("shrink", index, shrink(linter, task[2], task[3], task[4])))
            continue
        if kind == "isolate":
            connection.send(("isolate", index, isolate(linter, _mutant(sources, seed, index), task[2])))
            continue
        mutant = _mutant(sources, seed, index)
        outcome = lint_one(linter, mutant.data)
        if kind == "cli":
            outcome["cli"] = run_cli(mutant.data, workdir, f"mutant-{index}.txt", expected_exit=outcome["exit"])
            os.unlink(os.path.join(workdir, f"mutant-{index}.txt"))
        connection.send((kind, index, outcome))


# -- shrinking --------------------------------------------------------------------------------

def _signatures(linter, data: bytes) -> set:
    return {f["signature"] for f in lint_one(linter, data)["failures"]}


def shrink(linter, data: bytes, signature: str, budget: float) -> bytes:
    """A smaller input with the same failure class: delete chunks of lines, then halve lines."""
    deadline = time.monotonic() + budget

    def fails(candidate: bytes) -> bool:
        return time.monotonic() < deadline and signature in _signatures(linter, candidate)

    lines = data.split(b"\n")
    chunk = max(1, len(lines) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        index = 0
        while index < len(lines) and time.monotonic() < deadline:
            candidate = lines[:index] + lines[index + chunk:]
            if candidate and fails(b"\n".join(candidate)):
                lines = candidate
            else:
                index += chunk
        chunk //= 2
    for number in range(len(lines)):
        line = lines[number]
        cut = len(line) // 2
        while cut >= 1 and time.monotonic() < deadline:
            for candidate_line in (line[:len(line) - cut], line[cut:]):
                candidate = lines[:number] + [candidate_line] + lines[number + 1:]
                if fails(b"\n".join(candidate)):
                    line = candidate_line
                    lines = candidate
                    break
            else:
                cut //= 2
    data = b"\n".join(lines)
    for run in sorted(set(re.findall(rb"[0-9]{16,}", data)), key=len, reverse=True):
        candidate = data.replace(run, b"1" * len(run))
        if fails(candidate):
            data = candidate
    return data


def isolate(linter, mutant: mutate.Mutant, budget: float) -> tuple[float, bytes] | None:
    """The slowest line of a slow mutant, linted alone: (seconds, the line in UTF-8)."""
    deadline = time.monotonic() + budget
    try:
        text = mutant.data.decode("utf-16" if mutant.encoding.startswith("utf-16") else
                                  "gb18030" if mutant.encoding in ("gbk", "gb18030") else "utf-8-sig", "replace")
    except LookupError:
        return None
    best = None
    for line in sorted(set(text.splitlines()), key=len, reverse=True):
        if time.monotonic() > deadline:
            break
        data = line.encode("utf-8", "replace")
        seconds = lint_one(linter, data)["elapsed"]
        if best is None or seconds > best[0]:
            best = (seconds, data)
    return best


# -- the pool ---------------------------------------------------------------------------------

class Pool:
    """Worker processes, each killed and replaced when a task overruns its deadline."""

    def __init__(self, jobs: int, sources, seed: int, workdir: str):
        self.context = multiprocessing.get_context("fork")
        self.args = (sources, seed, workdir)
        self.workers = [self._start() for _ in range(jobs)]

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child,) + self.args, daemon=True)
        process.start()
        child.close()
        return {"process": process, "conn": parent, "task": None, "deadline": None, "started": None}

    def run(self, tasks, on_result, on_timeout, timeout_for) -> None:
        tasks = iter(tasks)
        pending = True
        while True:
            for number, worker in enumerate(self.workers):
                if worker["task"] is None and pending:
                    task = next(tasks, None)
                    if task is None:
                        pending = False
                        continue
                    worker["conn"].send(task)
                    worker["task"], worker["started"] = task, time.monotonic()
                    worker["deadline"] = worker["started"] + timeout_for(task)
            busy = [w for w in self.workers if w["task"] is not None]
            if not busy:
                return
            timeout = max(0.0, min(w["deadline"] for w in busy) - time.monotonic())
            ready = wait([w["conn"] for w in busy], timeout)
            for number, worker in enumerate(self.workers):
                if worker["task"] is None:
                    continue
                if worker["conn"] in ready:
                    try:
                        message = worker["conn"].recv()
                    except EOFError:  # the worker died (out of memory, a crash in C)
                        on_timeout(worker["task"], time.monotonic() - worker["started"], died=True)
                        self._replace(number)
                        continue
                    worker["task"] = None
                    on_result(message)
                elif time.monotonic() >= worker["deadline"]:
                    on_timeout(worker["task"], time.monotonic() - worker["started"], died=False)
                    self._replace(number)

    def _replace(self, number: int) -> None:
        worker = self.workers[number]
        worker["process"].kill()
        worker["process"].join()
        worker["conn"].close()
        self.workers[number] = self._start()

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker["conn"].send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker["process"].join(5)
            if worker["process"].is_alive():
                worker["process"].kill()


# -- the run ----------------------------------------------------------------------------------

def _slug(signature: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", signature).strip("-")[:80]


def _literal(data: bytes, limit: int = 400) -> str:
    """A Python expression for ``data``, runs of one character written as ``'1' * 4301``:
    a str expression ``(...).encode()`` when the bytes are UTF-8, else a bytes expression."""
    try:
        text, encode = data.decode("utf-8"), True
    except UnicodeDecodeError:
        text, encode = data, False
    pattern = r"(.)\1{7,}|(?:(.)(?!\2{7}))+"
    parts = []
    for match in re.finditer(pattern.encode() if not encode else pattern, text, re.S):
        if match.group(1) is not None:
            parts.append(f"{match.group(1)!r} * {len(match.group())}")
        else:
            parts.append(repr(match.group()))
    expression = " + ".join(parts) or ("''" if encode else "b''")
    if encode:
        expression = f"({expression}).encode()" if " " in expression else f"{expression}.encode()"
    return expression if len(expression) <= limit else f"{expression[:limit]}... ({len(data)} bytes)"


def _slowest_line(found) -> str:
    if found == "timeout":
        return "slowest line alone: a line alone hung (the isolation was killed)"
    if not found:
        return "slowest line alone: not isolated"
    seconds, line = found
    return f"slowest line alone: {seconds:.2f} s: {_literal(line, 200)}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20000, help="mutants to lint (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="run seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="worker processes (1 or 2; default 2)")
    parser.add_argument("--timeout", type=float, default=10.0, help="hard kill per mutant, seconds (default 10)")
    parser.add_argument("--cli-every", type=int, default=50, help="every Nth mutant also through the CLI (0: never)")
    parser.add_argument("--generated", type=int, default=40, help="generated reports among the sources (default 40)")
    parser.add_argument("--shrink-budget", type=float, default=20.0, help="seconds to shrink each class's repro")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "govlint-fuzz"),
                        help="folder for the repros (default /tmp/govlint-fuzz; its old repros are removed)")
    args = parser.parse_args(argv)

    begin = time.monotonic()
    sources = mutate.sources(args.generated)
    os.makedirs(args.out, exist_ok=True)
    for stale in Path(args.out).glob("*"):  # only what an earlier run wrote
        if stale.is_file() and (stale.suffix in (".bin", ".txt") or stale.name == "summary.json"):
            stale.unlink()
    workdir = tempfile.mkdtemp(prefix="govlint-fuzz-cli-")

    times: list[float] = []
    classes: dict[str, dict] = {}
    hangs: list[tuple[float, int]] = []
    killed: list[tuple[float, int, bool]] = []
    invalid: dict[str, list] = defaultdict(list)
    cli_runs = 0

    def add_class(signature: str, kind: str, detail: str, index: int, size: int) -> None:
        entry = classes.setdefault(signature, {"kind": kind, "detail": detail, "count": 0, "index": index,
                                               "size": None})
        entry["count"] += 1
        if entry["size"] is None or size < entry["size"]:
            entry.update(index=index, size=size, detail=detail)

    def on_result(message) -> None:
        nonlocal cli_runs
        kind, index, outcome = message
        if kind == "shrink":
            shrunk[index] = outcome
            return
        if kind == "isolate":
            isolated[index] = outcome
            return
        times.append(outcome["elapsed"])
        if outcome["elapsed"] > SLOW:
            hangs.append((outcome["elapsed"], index))
        for failure in outcome["failures"]:
            add_class(failure["signature"], failure["kind"], failure["detail"], index, outcome["size"])
        if kind == "cli":
            cli_runs += 1
            for fmt, problem in outcome["cli"]:
                problem = re.sub(r"\b(line|column|char|value has|after) [0-9]+", r"\1 N", problem)
                problem = problem.split(": ", 1)[1] if problem.startswith(f"{fmt}: ") else problem
                invalid[problem[:100]].append((index, fmt))

    def on_timeout(task, elapsed, died) -> None:
        if task[0] == "isolate":
            isolated[task[1]] = "timeout"
        if task[0] in ("shrink", "isolate"):
            return
        killed.append((elapsed, task[1], died))

    def timeout_for(task) -> float:
        if task[0] == "shrink":
            return task[4] + args.timeout
        if task[0] == "isolate":
            return task[2] + 60.0
        return args.timeout + (150.0 if task[0] == "cli" else 0.0)

    tasks = (("cli" if args.cli_every and index % args.cli_every == 0 else "lint", index)
             for index in range(args.count))
    shrunk: dict = {}
    isolated: dict = {}
    pool = Pool(args.jobs, sources, args.seed, workdir)
    try:
        pool.run(tasks, on_result, on_timeout, timeout_for)
        shrinkable = [(signature, entry) for signature, entry in classes.items()]
        shrink_tasks = [("shrink", signature, _mutant(sources, args.seed, entry["index"]).data, signature,
                         args.shrink_budget) for signature, entry in shrinkable]
        pool.run(iter(shrink_tasks), on_result, on_timeout, timeout_for)
        slow = [index for _, index in sorted(hangs, reverse=True)[:5]] + [index for _, index, _ in killed[:5]]
        pool.run(iter([("isolate", index, args.shrink_budget) for index in slow]), on_result, on_timeout,
                 timeout_for)
    finally:
        pool.close()
        shutil.rmtree(workdir, ignore_errors=True)

    # -- the summary ------------------------------------------------------------------------------
    elapsed = time.monotonic() - begin
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0.0
    print(f"# govlint fuzz: {len(times) + len(killed)} mutants (seed {args.seed}, {len(sources)} sources, "
          f"{args.jobs} jobs) in {elapsed:.0f} s")
    print(f"time per mutant: median {times[len(times) // 2] * 1000 if times else 0:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, max {times[-1] if times else 0:.2f} s")
    print(f"CLI checks: {cli_runs} mutants x {len(MACHINE_FORMATS)} formats ({', '.join(MACHINE_FORMATS)})")
    failed = bool(classes or hangs or killed or invalid)
    summary = {"count": args.count, "seed": args.seed, "classes": [], "hangs": [], "killed": [], "invalid": {}}

    print(f"\nfailure classes: {len(classes)}")
    for number, (signature, entry) in enumerate(sorted(classes.items(), key=lambda item: -item[1]["count"]), 1):
        mutant = _mutant(sources, args.seed, entry["index"])
        slug = f"{number:02d}-{_slug(signature)}"
        Path(args.out, f"{slug}.found.bin").write_bytes(mutant.data)
        small = shrunk.get(signature) or mutant.data
        Path(args.out, f"{slug}.min.bin").write_bytes(small)
        print(f"{number:2d}. [{entry['kind']}] {signature}  x{entry['count']}")
        print(f"    {entry['detail'][:160]}")
        print(f"    mutant #{entry['index']}: {mutant.source} {mutant.describe()}")
        print(f"    repro ({len(small)} bytes): {_literal(small)}  -> {args.out}/{slug}.min.bin")
        summary["classes"].append({"signature": signature, **entry, "source": mutant.source,
                                   "mutant": mutant.describe(), "repro": f"{slug}.min.bin"})

    print(f"\nhangs (> {SLOW:.0f} s in-process): {len(hangs)}")
    for seconds, index in sorted(hangs, reverse=True)[:10]:
        mutant = _mutant(sources, args.seed, index)
        name = f"hang-{index}.bin"
        Path(args.out, name).write_bytes(mutant.data)
        print(f"  {seconds:6.2f} s  #{index} {mutant.source} {mutant.describe()} ({len(mutant.data)} bytes) "
              f"-> {args.out}/{name}")
        print(f"    {_slowest_line(isolated.get(index))}")
        summary["hangs"].append({"seconds": seconds, "index": index, "mutant": mutant.describe()})
    print(f"killed (> {args.timeout:.0f} s, or the worker died): {len(killed)}")
    for seconds, index, died in sorted(killed, reverse=True)[:10]:
        mutant = _mutant(sources, args.seed, index)
        name = f"killed-{index}.bin"
        Path(args.out, name).write_bytes(mutant.data)
        print(f"  {'died' if died else 'killed'} after {seconds:.1f} s  #{index} {mutant.source} "
              f"{mutant.describe()} -> {args.out}/{name}")
        print(f"    {_slowest_line(isolated.get(index))}")
        summary["killed"].append({"seconds": seconds, "index": index, "died": died, "mutant": mutant.describe()})

    print(f"invalid CLI outputs: {sum(len(v) for v in invalid.values())} (mutant, format) pairs")
    for problem, pairs in sorted(invalid.items()):
        indexes = sorted({index for index, _ in pairs})
        formats = sorted({fmt for _, fmt in pairs})
        mutant = _mutant(sources, args.seed, indexes[0])
        name = f"cli-{indexes[0]}.txt"
        Path(args.out, name).write_bytes(mutant.data)
        print(f"  {len(indexes)} mutants, {','.join(formats)}: {problem}")
        print(f"    first: #{indexes[0]} {mutant.source} {mutant.describe()} -> {args.out}/{name}")
        summary["invalid"][problem] = {"mutants": indexes, "formats": formats}
    Path(args.out, "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{'FAILED' if failed else 'OK'}: repros and summary.json in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
