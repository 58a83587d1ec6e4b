"""--fix, --diff, --unsafe-fixes: safe by default, atomic, encoding- and line-ending-preserving, idempotent."""
from __future__ import annotations

import os
import stat

import pytest


from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.lint.linter import Linter, Options
from govlint.lint.fixes import apply_edits
from govlint.diagnostics import Edit, Fix

CITATION = (EXAMPLES / "defects" / "citation.txt").read_text(encoding="utf-8")
STRUCTURE = (EXAMPLES / "defects" / "structure.txt").read_text(encoding="utf-8")


def run(*args, input=None):
    result = cli_runner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"), ("gb18030", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\n"), ("utf-16-be", b"\xfe\xff", "\r"),
])
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, encoding, bom, newline):
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + CITATION.replace("\n", newline).encode(encoding))
    code, out = run(str(path), "--fix", "--select", "GL2")
    data = path.read_bytes()
    assert data.startswith(bom)
    text = data[len(bom):].decode(encoding)
    assert "国办公开办函〔2021〕30号" in text and "〔2019〕60号" not in text
    assert "某政办发〔2022〕5号" in text                        # GL203 brackets and leading zero
    assert text.count(newline) == CITATION.count("\n") and (newline == "\n" or "\n" not in text.replace("\r\n", ""))
    assert code == 0 and "已修复 2 个问题" in out


def test_second_fix_run_changes_nothing(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(STRUCTURE, encoding="utf-8")
    run(str(path), "--fix", "--unsafe-fixes")
    once = path.read_bytes()
    run(str(path), "--fix", "--unsafe-fixes")
    assert path.read_bytes() == once


def test_unsafe_fixes_need_the_flag(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(STRUCTURE, encoding="utf-8")
    code, out = run(str(path), "--fix", "--select", "GL104")
    assert "五、存在问题及下一步打算" in path.read_text(encoding="utf-8")   # reworded heading: unsafe
    assert "需 --unsafe-fixes" in out
    run(str(path), "--fix", "--unsafe-fixes", "--select", "GL104")
    assert "五、存在的主要问题及改进情况" in path.read_text(encoding="utf-8")


def test_diff_prints_and_does_not_write(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(CITATION, encoding="utf-8")
    before = path.read_bytes()
    code, out = run(str(path), "--diff")
    assert path.read_bytes() == before
    assert code == 1
    assert f"--- a/{path}" in out and "-" in out and "+根据" in out and "国办公开办函〔2021〕30号" in out
    clean = tmp_path / "clean.txt"
    clean.write_text((EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(str(clean), "--diff")[0] == 0


def test_fix_is_atomic_and_keeps_permissions(tmp_path, monkeypatch):
    path = tmp_path / "draft.txt"
    path.write_text(CITATION, encoding="utf-8")
    os.chmod(path, 0o640)
    run(str(path), "--fix")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]  # no temporary file left behind
    # A write that fails leaves the original untouched.
    path.write_text(CITATION, encoding="utf-8")
    import govlint.lint.fixes as fixes

    def broken(handle, data):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(fixes.os, "fsync", lambda fd: broken(None, None))
    code, out = run(str(path), "--fix", "--lang", "en")
    assert code == 2 and "No space left" in out
    assert path.read_text(encoding="utf-8") == CITATION
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_from_stdin_writes_the_fixed_report_to_stdout():
    result = cli_runner().invoke(cli, ["-", "--fix", "--select", "GL201"], input=CITATION.encode("utf-8"))
    assert "国办公开办函〔2021〕30号" in result.stdout_bytes.decode("utf-8")


def test_fix_from_stdin_with_nothing_to_fix_still_writes_the_report():
    """A filter (govlint - --fix < in > out) must not turn a report without fixes into an empty file."""
    clean = (EXAMPLES / "clean-2021.txt").read_bytes()
    result = cli_runner().invoke(cli, ["-", "--fix"], input=clean)
    assert result.stdout_bytes == clean


def test_overlapping_fixes_wait_for_the_next_round():
    text = "abcdef"
    fixes = [Fix("one", [Edit(1, 3, "X")]), Fix("two", [Edit(2, 4, "Y")]), Fix("three", [Edit(5, 5, "!")])]
    assert apply_edits(text, fixes) == ("aXdef!"[:4] + "e!f", 2) or apply_edits(text, fixes)[1] == 2
    fixed, count = apply_edits(text, fixes)
    assert count == 2 and fixed == "aXde!f"


def test_documents_are_not_fixed_in_place(tmp_path):
    linter = Linter(Options())
    result = linter.lint_bytes(CITATION.encode("utf-8"), "draft.txt")
    assert any(d.fix and d.fix.safe for d in result.diagnostics)
    assert result.source.writable
