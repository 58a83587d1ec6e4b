#!/usr/bin/env python3
"""Hostile and pathological inputs through the real CLI: exit status, time, memory, first error line.

Each case builds its input in a temporary folder (nothing is committed; the .docx/.pdf/HTML builders
of tests/readers_support.py are reused where it has them) and runs ``govlint check`` on it in a
subprocess under ``prlimit --as`` (3 GB) with a 60 s timeout (5 s for the FIFO).  The result is one
markdown table: case, input size, exit status, wall time, CPU time (user + system: the wall time
depends on the machine's load), peak RSS (``os.wait4``'s ru_maxrss of the child), the first line
of standard error, and a verdict:

* ``ok``: exit status 0, 1 or 2 (or the one the case expects), no traceback, under 2 s of CPU;
* ``SLOW``: a correct exit status but 2 s of CPU or more (a normal report takes 0.2 s);
* ``FAIL``: a traceback or "internal error", another exit status, a timeout or a kill.

Usage:  python benchmarks/hostile.py [--only SUBSTRING] [--timeout 60] [--keep DIR]
It exits 1 when a case FAILs.  Building every input takes about 15 s (the 4 GB flate stream is
assembled from one repeated deflate block, not compressed byte by byte).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

GOVLINT = str(Path(sys.executable).with_name("govlint"))
MEMORY = 3_000_000_000
SLOW = 2.0  # seconds of CPU; a normal report takes about 0.2 s, interpreter start included
BASE = (REPO / "examples" / "clean-2021.txt").read_text(encoding="utf-8")

try:
    import readers_support as support
except Exception:  # noqa: BLE001 - without it, the document cases say so
    support = None


class Skip(Exception):
    """The case cannot be built here (a builder or library is missing)."""


def _support(name: str):
    builder = getattr(support, name, None)
    if builder is None:
        raise Skip(f"tests/readers_support.py has no {name}()")
    return builder


# -- text inputs ------------------------------------------------------------------------------

def report_with(line: str, after: int = 3) -> str:
    """The clean example report with ``line`` inserted after its ``after``-th line."""
    lines = BASE.split("\n")
    return "\n".join(lines[:after] + [line] + lines[after:])


def with_table_cell(value: str) -> str:
    """The clean example report with the first number of table 3's first data row replaced."""
    lines = BASE.split("\n")
    for index, line in enumerate(lines):
        if "\t" in line and "本年新收" in line:
            cells = line.split("\t")
            for position, cell in enumerate(cells):
                if cell.strip().isdigit():
                    cells[position] = value
                    lines[index] = "\t".join(cells)
                    return "\n".join(lines)
    raise Skip("no table-3 row in examples/clean-2021.txt")


def bomb_yaml(levels: int = 9, width: int = 9) -> str:
    """Billion laughs: each alias level multiplies by ``width`` (9^9 = 387 million strings)."""
    lines = [f'l0: &l0 [{", ".join(["lol"] * width)}]']
    for level in range(1, levels + 1):
        lines.append(f'l{level}: &l{level} [{", ".join([f"*l{level - 1}"] * width)}]')
    return "\n".join(lines) + "\n"


# -- PDF: a content stream that inflates to gigabytes ------------------------------------------------

def flate_gigabytes(gigabytes: int = 4, double: bool = False) -> bytes:
    """A one-page PDF whose content stream inflates to ``gigabytes`` GB of spaces after a line of text.

    The zlib stream is a real one: the text, then one deflate block for 1 MB of spaces (each ends in
    a full flush, so every block is the same bytes) repeated, then the Adler-32 of it all.  Deflate
    cannot do better than about 1:1000, so 4 GB take 4 MB; ``double``: that stream deflated again
    (/Filter [/FlateDecode /FlateDecode]), a few KB."""
    text = b"BT /F1 12 Tf 72 720 Td (Bomb page 2022) Tj ET\n"
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(text) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    count = gigabytes * 1024
    adler = zlib.adler32(text)
    for _ in range(count):
        adler = zlib.adler32(chunk, adler)
    stream = b"\x78\xda" + head + block * count + tail + adler.to_bytes(4, "big")
    assert zlib.decompressobj().decompress(stream[:4096], len(text) + 10) == text + b" " * 10
    filters = b"/FlateDecode"
    if double:
        stream = zlib.compress(stream, 9)
        filters = b"[/FlateDecode /FlateDecode]"
    return _support("one_page_pdf")(stream, b" /Filter " + filters)


# -- the cases --------------------------------------------------------------------------------
# Each case: (name, build(folder) -> (argv after "govlint check", input path or None), expected
# exit statuses or None for "0, 1 or 2", timeout or None).

def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def text_case(name: str, text_or_bytes, *options: str, file: str = "report.txt"):
    def build(folder: Path):
        path = _write(folder, file, text_or_bytes() if callable(text_or_bytes) else text_or_bytes)
        return [*options, str(path)], path
    return build


def docx_case(builder_name: str, *args, **kwargs):
    def build(folder: Path):
        path = folder / "report.docx"
        _support(builder_name)(path, *args, **kwargs)
        return [str(path)], path
    return build


def bytes_case(builder_name: str, suffix: str, *args, **kwargs):
    def build(folder: Path):
        data = _support(builder_name)(*args, **kwargs)
        return [str(_write(folder, f"report{suffix}", data))], folder / f"report{suffix}"
    return build


def pdf_flate(double: bool):
    def build(folder: Path):
        return [str(_write(folder, "report.pdf", flate_gigabytes(4, double)))], folder / "report.pdf"
    return build


def rule_pack_bomb(folder: Path):
    _write(folder, "bomb.yaml", "pack: bomb\n" + bomb_yaml() + "rules: *l9\n")
    config = _write(folder, "config.yaml", "rule-packs: [bomb.yaml]\n")
    report = _write(folder, "report.txt", BASE)
    return ["--config", str(config), str(report)], folder / "bomb.yaml"


def config_bomb(folder: Path):
    config = _write(folder, ".govlint.yaml", bomb_yaml() + "select: *l9\n")
    report = _write(folder, "report.txt", BASE)
    return [str(report)], config


def config_nesting(folder: Path):
    config = _write(folder, ".govlint.yaml", "select: " + "[" * 5000 + "]" * 5000 + "\n")
    report = _write(folder, "report.txt", BASE)
    return [str(report)], config


def dev_zero(folder: Path):
    report = _write(folder, "report.txt", BASE)
    return ["--config", "/dev/zero", str(report)], None


def fifo(folder: Path):
    path = folder / "draft.txt"
    os.mkfifo(path)
    return [str(path)], None


def dev_full(folder: Path):
    report = _write(folder, "report.txt", BASE)
    return ["-o", "/dev/full", str(report)], report


def many_lines(folder: Path):
    return [str(_write(folder, "report.txt", "1\n" * 1_000_000))], folder / "report.txt"


DOCUMENT_NUMBERS = ["国办公开办函〔2021〕30号", "〔2021〕30号", "[2021]30号", "（2021）30号", "〔2021〕第30号",
                    "〔 2021 〕 30 号", "〔2021〕３０号", "〔2021〕"]


def document_number_run() -> str:
    run = "".join(DOCUMENT_NUMBERS)
    return report_with((run * (20 * 1024 // len(run.encode("utf-8")) + 1))[:20 * 1024 // 3])


CASES = [
    ("48 dashes + 'x'", text_case("dashes", report_with("-" * 48 + "x")), None, None),
    ("80 KB e-mail-like run (a.a.…@)", text_case("email", report_with("a." * 40960 + "@")), None, None),
    ("GL205 nested title marks, 120 KB", text_case("marks", report_with("《" * 20000 + "条例" + "》" * 20000)),
     None, None),
    ("文号-like run 〔2021〕30号…, 20 KB", text_case("docno", document_number_run), None, None),
    ("one million short lines", many_lines, None, None),
    ("5,000-char line, --format text",
     text_case("long", report_with("截止目前，" + "本机关依法公开政府信息" * 500), "--format", "text"), None, None),
    ("5,000-digit number in a table cell", text_case("digits", lambda: with_table_cell("9" * 5000)), None, None),
    (".docx list numbering starting at 10⁹", docx_case("numbered_docx"), None, None),
    (".docx with 60 identical tables", docx_case("identical_tables_docx", 60), None, None),
    (".docx zip bomb (200 MB of zeros)", docx_case("zip_bomb", 200), {2}, None),
    (".docx zip lying about its size", bytes_case("lying_zip", ".docx"), {2}, None),
    ("PDF page with 50,000 glyphs", bytes_case("dense_pdf", ".pdf", 50_000), None, None),
    ("PDF stream inflating to 4 GB (4 MB deflate)", pdf_flate(False), {2}, None),
    ("PDF stream inflating to 4 GB (double deflate)", pdf_flate(True), {2}, None),
    ("encrypted PDF (user password)", bytes_case("encrypted_pdf", ".pdf"), {2}, None),
    ("encrypted PDF (owner password only)", bytes_case("encrypted_pdf", ".pdf", user=""), None, None),
    ("HTML: 3.9 MB of '<'", bytes_case("html_of_brackets", ".html", 3.9, b"<"), None, None),
    ("HTML: 3.9 MB of '<?'", bytes_case("html_of_brackets", ".html", 3.9, b"<?"), None, None),
    ("HTML: 490 tables with rowspan/colspan", bytes_case("html_of_span_tables", ".html", 490), None, None),
    ("YAML alias bomb rule pack (--config)", rule_pack_bomb, {2}, None),
    ("YAML alias bomb in .govlint.yaml", config_bomb, {2}, None),
    ("5,000-deep nesting in .govlint.yaml", config_nesting, {2}, None),
    ("--config /dev/zero", dev_zero, {2}, None),
    ("FIFO named draft.txt (5 s timeout)", fifo, {2}, 5.0),
    ("-o /dev/full", dev_full, {2}, None),
]


# -- running ----------------------------------------------------------------------------------

def run(argv: list, timeout: float, folder: Path) -> dict:
    """Run ``govlint check ARGV`` under prlimit in ``folder``: status, wall time, peak RSS, stderr."""
    prefix = ["prlimit", f"--as={MEMORY}"] if shutil.which("prlimit") else []
    limit = None if prefix else (lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY)))
    out_path, err_path = folder / "_stdout", folder / "_stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(prefix + [GOVLINT, "check", *argv], stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL, cwd=folder, preexec_fn=limit, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(process.pid, 9)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.monotonic() - start
    process.returncode = 0  # reaped above: keep Popen from waiting again
    stderr = err_path.read_bytes().decode("utf-8", "replace")
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
    else:
        code = -os.WTERMSIG(status)
    stderr = stderr.replace(f"{folder}{os.sep}", "")
    return {"exit": code, "timed_out": timed_out, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 1024, "stderr": stderr, "stdout_bytes": out_path.stat().st_size}


def verdict(result: dict, expected) -> str:
    if result["timed_out"]:
        return "FAIL (timeout)"
    if "Traceback" in result["stderr"]:
        return "FAIL (traceback)"
    if "internal error" in result["stderr"]:
        return "FAIL (internal error)"
    allowed = expected or {0, 1, 2}
    if result["exit"] not in allowed:
        return f"FAIL (exit {result['exit']}, expected {'/'.join(map(str, sorted(allowed)))})"
    if result["cpu"] >= SLOW:
        return "SLOW"
    return "ok"


def first_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        line = lines[-1]  # the exception itself
    else:
        line = lines[0] if lines else ""
    line = line.replace("|", "\\|")
    return line if len(line) <= 110 else line[:107] + "…"


def size(path) -> str:
    if path is None or not Path(path).exists() or not Path(path).is_file():
        return "–"
    value = Path(path).stat().st_size
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return "?"


def row(name: str, input_size: str, result: dict | None, expected, note: str = "") -> tuple[str, str]:
    if result is None:
        return f"| {name} | {input_size} | – | – | – | – | skipped: {note} | skip |", "skip"
    status = "timeout" if result["timed_out"] else str(result["exit"])
    check = verdict(result, expected)
    message = first_line(result["stderr"])
    return (f"| {name} | {input_size} | {status} | {result['wall']:.2f} s | {result['cpu']:.2f} s | "
            f"{result['rss']:.0f} MB | "
            f"{message}{note} | {check} |"), check


def punctuation_row(folder: Path, timeout: float) -> tuple[str, str]:
    """A 100 KB line of each ASCII punctuation character in the report: the worst run, and how many failed."""
    worst = None
    failed = []
    for char in string.punctuation:
        path = _write(folder, "report.txt", report_with(char * 100_000))
        result = run([str(path)], timeout, folder)
        if verdict(result, None) != "ok":
            failed.append(char)
        key = (verdict(result, None) != "ok", result["wall"])
        if worst is None or key > worst[0]:
            worst = (key, char, result)
    _, char, result = worst
    note = f" (worst of {len(string.punctuation)}: {char!r}; not ok: {''.join(failed) or 'none'})"
    return row("100 KB line of each ASCII punctuation char", "105 KB", result, None, note)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case (default 60)")
    parser.add_argument("--keep", help="build the inputs in this folder and keep them")
    args = parser.parse_args(argv)

    begin = time.monotonic()
    print("| case | input | exit | wall | CPU | peak RSS | first line of stderr | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    verdicts = []
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govlint-hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        if not args.only or args.only.lower() in "100 kb line of each ascii punctuation char":
            folder = root / "punctuation"
            folder.mkdir(exist_ok=True)
            line, check = punctuation_row(folder, args.timeout)
            print(line, flush=True)
            verdicts.append(check)
        for number, (name, build, expected, timeout) in enumerate(CASES):
            if args.only and args.only.lower() not in name.lower():
                continue
            folder = root / f"case{number:02d}"
            folder.mkdir(exist_ok=True)
            try:
                case_argv, path = build(folder)
            except Skip as exc:
                line, check = row(name, "–", None, expected, str(exc))
            else:
                result = run(case_argv, timeout or args.timeout, folder)
                line, check = row(name, size(path), result, expected)
            print(line, flush=True)
            verdicts.append(check)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    failed = sum(1 for v in verdicts if v.startswith("FAIL"))
    slow = verdicts.count("SLOW")
    print(f"\n{len(verdicts)} cases: {verdicts.count('ok')} ok, {slow} slow, {failed} failed, "
          f"{verdicts.count('skip')} skipped ({time.monotonic() - begin:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
