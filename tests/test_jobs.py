"""``-j/--jobs N``: files checked in worker processes give the same output, byte for byte and in the
same order, as one process; every option still works; a file that kills its worker is reported.
The progress bar appears on stderr only when stderr is a terminal."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.lint import session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate_corpus  # noqa: E402

FORK = sys.platform.startswith("linux")  # the workers inherit this test's monkeypatches only when forked
GOVLINT = [str(Path(sys.executable).with_name("govlint"))]  # the installed command


def run(*args, input=None):
    return cli_runner().invoke(cli, [*map(str, args), "--no-color"], input=input)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """30 generated reports (about a fifth with an injected defect) and the examples, in one folder."""
    folder = tmp_path_factory.mktemp("batch")
    generate_corpus(str(folder / "generated"), n=30, seed=7)
    (folder / "generated" / "manifest.json").unlink()
    shutil.copytree(EXAMPLES, folder / "examples")
    return folder


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "json-lines", "csv", "sarif", "junit", "github"])
def test_the_output_is_the_same_bytes_with_one_or_two_jobs(batch, fmt):
    one = run(batch, "--format", fmt, "-j", "1")
    two = run(batch, "--format", fmt, "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and len(one.stdout) > 1000
    assert one.stderr == two.stderr


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_statistics_are_the_same_with_one_or_two_jobs(batch, fmt):
    one = run(batch, "--format", fmt, "--statistics", "-j", "1", "--lang", "en")
    two = run(batch, "--format", fmt, "--statistics", "-j", "2", "--lang", "en")
    assert one.stdout == two.stdout
    if fmt == "json":
        document = json.loads(two.stdout)
        assert sum(entry["files"] for entry in document["statistics_by_body"].values()) == document["summary"]["files"]
    else:
        assert " files   error  warning    info  body" in two.stdout  # the table per body follows the one per rule


def test_results_come_in_the_order_the_files_were_named(batch):
    files = sorted((batch / "generated").glob("*.txt"))
    shuffled = files[1::2] + files[0::2][::-1]
    out = run(*shuffled, "--format", "json", "-j", "2")
    assert [entry["path"] for entry in json.loads(out.stdout)["files"]] == [str(path) for path in shuffled]


def test_standard_input_among_files_keeps_its_place(batch):
    files = sorted((batch / "generated").glob("*.txt"))[:4]
    text = (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8")
    out = run(files[0], files[1], "-", files[2], files[3], "--format", "json", "-j", "2",
              "--stdin-filename", "piped.txt", input=text)
    paths = [entry["path"] for entry in json.loads(out.stdout)["files"]]
    assert paths == [str(files[0]), str(files[1]), "piped.txt", str(files[2]), str(files[3])]
    assert any(d["code"] == "GL303" for d in json.loads(out.stdout)["files"][2]["diagnostics"])


def test_an_unreadable_file_in_a_batch_is_reported_in_its_place_and_exits_2(batch, tmp_path):
    files = sorted((batch / "generated").glob("*.txt"))[:3]
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    out = run(files[0], binary, files[1], files[2], "--format", "json", "-j", "2")
    assert out.exit_code == 2
    entries = json.loads(out.stdout)["files"]
    assert [entry["path"] for entry in entries] == [str(files[0]), str(binary), str(files[1]), str(files[2])]
    assert "error" in entries[1] and "error" not in entries[0]
    assert str(binary) in out.stderr


@pytest.mark.skipif(not FORK, reason="the crashing check is a monkeypatch the workers inherit only when forked")
@pytest.mark.parametrize("chunk", [1, 3], ids=["one file a submission", "three files a submission"])
def test_a_file_that_kills_its_worker_is_reported_and_the_others_are_not_lost(batch, monkeypatch, chunk):
    # a large batch sends several files a submission: the victim's chunk-mates are run again, not lost
    monkeypatch.setattr(session, "chunk_size", lambda files, jobs: chunk)
    files = sorted((batch / "generated").glob("*.txt"))[:8]
    victim = files[3]
    check = session.Run.check

    def crash_on_victim(self, path):
        if path == str(victim) and os.getpid() != parent:
            os._exit(9)  # what a segfault or the out-of-memory killer does: no exception, no goodbye
        return check(self, path)

    parent = os.getpid()
    monkeypatch.setattr(session.Run, "check", crash_on_victim)
    out = run(*files, "--format", "json", "-j", "2")
    assert out.exit_code == 2
    entries = json.loads(out.stdout)["files"]
    assert [entry["path"] for entry in entries] == [str(path) for path in files]
    assert "worker process stopped" in entries[3]["error"] or "工作进程意外终止" in entries[3]["error"]
    assert all("error" not in entry for index, entry in enumerate(entries) if index != 3)
    assert f"{victim}: " in out.stderr


def test_fix_with_two_jobs_writes_the_same_files_as_with_one(batch, tmp_path):
    for jobs in ("1", "2"):
        shutil.copytree(batch / "examples" / "defects", tmp_path / jobs)
        out = run(tmp_path / jobs, "--fix", "--format", "concise", "-j", jobs)
        assert out.exit_code == 1
        (tmp_path / f"{jobs}.out").write_text(out.stdout.replace(str(tmp_path / jobs), "DIR"), encoding="utf-8")
    assert (tmp_path / "1.out").read_text(encoding="utf-8") == (tmp_path / "2.out").read_text(encoding="utf-8")
    assert "fixed" in (tmp_path / "2.out").read_text(encoding="utf-8") or "已修复" in (tmp_path / "2.out").read_text(
        encoding="utf-8")
    for name in os.listdir(tmp_path / "1"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
    changed = [name for name in os.listdir(tmp_path / "2")
               if (tmp_path / "2" / name).read_bytes() != (batch / "examples" / "defects" / name).read_bytes()]
    assert changed  # the fixes were written by the workers


def test_diff_is_the_same_with_two_jobs(batch):
    one, two = run(batch, "--diff", "-j", "1"), run(batch, "--diff", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout.startswith("---")


def test_baselines_work_with_two_jobs(batch, tmp_path):
    base = tmp_path / "baseline.json"
    written = run(batch / "generated", "--write-baseline", base, "-j", "2")
    assert written.exit_code == 0 and base.exists()
    after = run(batch / "generated", "--baseline", base, "--format", "json", "-j", "2")
    assert after.exit_code == 0
    assert all(not entry["diagnostics"] for entry in json.loads(after.stdout)["files"])
    assert run(batch / "generated", "--baseline", base, "-j", "1").stdout == \
        run(batch / "generated", "--baseline", base, "-j", "2").stdout


def test_exit_codes_follow_fail_on_with_two_jobs(batch):
    clean = EXAMPLES / "clean-2021.txt"
    assert run(clean, clean, "-j", "2").exit_code == 0
    assert run(clean, clean, "-j", "2", "--fail-on", "info").exit_code == (
        run(clean, clean, "-j", "1", "--fail-on", "info").exit_code)
    assert run(batch / "generated", "-j", "2", "--exit-zero").exit_code == 0


def test_the_summary_with_o_counts_the_streamed_batch(batch, tmp_path):
    out = run(batch / "generated", "--format", "json-lines", "-o", tmp_path / "out.jsonl", "-j", "2", "--lang", "en")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    errors = sum(1 for line in lines if json.loads(line)["severity"] == "error")
    assert f"Checked 30 file(s): {errors} error(s)" in out.stderr


def test_each_result_carries_its_body_and_a_fingerprint_hook():
    from govlint.lint.linter import Linter, Options

    result = Linter(Options(), keep_documents=False).lint_path(str(EXAMPLES / "clean-2021.txt"))
    assert result.body and "某某县" in result.body
    assert result.fingerprint is None  # the hook for the cross-document pass: nothing uses it yet


def _govlint_with_stderr_on_a_terminal(args, cwd) -> tuple[bytes, bytes]:
    """Run govlint with stdout to a pipe and stderr on a pseudo-terminal: (stdout, what the terminal got)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([*GOVLINT, *args], stdout=subprocess.PIPE, stderr=follower, cwd=cwd)
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    stdout = process.stdout.read()
    process.wait()
    os.close(leader)
    return stdout, terminal


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_a_progress_bar_on_stderr_only_when_it_is_a_terminal(batch):
    args = ["generated", "--format", "json-lines", "-j", "2"]
    stdout, terminal = _govlint_with_stderr_on_a_terminal(args, batch)
    assert b"govlint" in terminal and b"30/30" in terminal  # the bar, at its end
    assert b"30/30" not in stdout and b"\r" not in stdout
    piped = subprocess.run([*GOVLINT, *args], cwd=batch, capture_output=True)
    assert piped.stdout == stdout  # the bar changes nothing on stdout
    assert b"30/30" not in piped.stderr and b"\r" not in piped.stderr
    quiet_stdout, quiet_terminal = _govlint_with_stderr_on_a_terminal([*args, "-q"], batch)
    assert b"30/30" not in quiet_terminal


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_no_progress_bar_for_a_few_files(batch):
    files = [str(path) for path in sorted((batch / "generated").glob("*.txt"))[:3]]
    _, terminal = _govlint_with_stderr_on_a_terminal([*files, "--format", "json-lines"], batch)
    assert b"3/3" not in terminal


def test_jobs_default_and_zero_mean_the_cores():
    assert session.default_jobs() >= 1
    assert run(EXAMPLES / "clean-2021.txt", "-j", "0").exit_code == 0
    assert run(EXAMPLES / "clean-2021.txt", "-j", "-1").exit_code == 2  # a usage error


def test_a_word_document_in_a_batch_keeps_where_each_diagnostic_is(tmp_path):
    """A .docx's locator (paragraph, table cell) does not pickle: the worker sends the places instead."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in (EXAMPLES / "defects" / "citation.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    for index in range(3):
        document.save(str(tmp_path / f"report{index}.docx"))
    one = run(tmp_path, "--format", "json", "-j", "1")
    two = run(tmp_path, "--format", "json", "-j", "2")
    assert two.exit_code == one.exit_code == 1, two.output
    assert one.stdout == two.stdout
    assert all(d.get("location", {}).get("paragraph") for entry in json.loads(two.stdout)["files"]
               for d in entry["diagnostics"])


def test_a_pool_found_broken_when_more_files_are_sent_loses_none(batch, monkeypatch):
    # a worker can die while the results before it go out: the next submission finds the pool broken
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    files = sorted((batch / "generated").glob("*.txt"))[:8]
    submit, calls = ProcessPoolExecutor.submit, []

    def breaks_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise BrokenProcessPool("a worker died")
        return submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", breaks_once)
    out = run(*files, "--format", "json", "-j", "2")
    entries = json.loads(out.stdout)["files"]
    assert [entry["path"] for entry in entries] == [str(path) for path in files]
    assert all("error" not in entry for entry in entries) and len(calls) > 8
    assert out.stdout == run(*files, "--format", "json", "-j", "1").stdout
