"""govlint as a dependable pre-submission gate: what users see (exit codes, messages, files written)
when the input, the command line or the output is not what govlint expects."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.lint.walk import GlobSet, compile_glob

GOVLINT = str(Path(sys.executable).with_name("govlint"))
REPORT = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
BAD = REPORT.replace("〔2021〕30号", "〔2019〕60号")  # GL201: an error
NOT_A_REPORT = "# 草稿仓库\n每个单位一个文件夹，提交前请先运行检查工具。\n"
HAS_DEV_FULL = os.path.exists("/dev/full")


def run(*args, input=None):
    result = cli_runner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def real(*args, cwd=None, env=None, **kwargs):
    """The installed console script, as a shell or pre-commit runs it."""
    return subprocess.run([GOVLINT, *map(str, args)], capture_output=True, cwd=cwd, env=env, timeout=120, **kwargs)


@pytest.fixture
def tree(tmp_path):
    def make(files: dict) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return tmp_path
    return make


def checked(stdout: str) -> list[str]:
    """The files a JSON report lists, relative names."""
    return [f["path"] for f in json.loads(stdout)["files"]]


# -- 1. unknown rule codes -------------------------------------------------------------------------

@pytest.mark.parametrize("option,value,hint", [
    ("--select", "G303", "did you mean 'GL303'"),
    ("--ignore", "GL3O3", "did you mean 'GL303'"),       # letter O
    ("--extend-select", "GL2O1", "did you mean 'GL201'"),
    ("--select", "foo", "unknown rule code or prefix 'FOO'"),
])
def test_an_unknown_rule_code_is_a_usage_error(tree, option, value, hint):
    root = tree({"draft.txt": BAD})
    code, out, err = run(root / "draft.txt", option, value, "--lang", "en")
    assert code == 2 and hint in err and option in err
    assert out == ""  # nothing was checked


def test_known_codes_and_prefixes_include_the_configured_packs(tree):
    pack = ("pack: local\nformats: all\nrules:\n  - code: LC101\n    name: local-title\n    severity: warning\n"
            "    kind: title\n    summary: {zh: 标题, en: title}\n    message: {zh: 标题, en: title}\n"
            "    description: 标题。\n")
    root = tree({"draft.txt": BAD, "local.yaml": pack, ".govlint.yaml": "rule-packs: [local.yaml]\n"})
    assert run(root / "draft.txt", "--select", "GL3,GL201,ALL", "--ignore", "LC1")[0] == 1
    assert run(root / "draft.txt", "--select", "LC101", "--format", "json")[0] == 0


def test_rule_page_of_an_unknown_code_suggests_one():
    code, out, err = run("rule", "G303", "--lang", "en")
    assert code == 2 and "no rule G303; did you mean GL303?" in err


# -- 2. nothing to check is not a pass ---------------------------------------------------------------

def test_a_named_folder_without_reports_is_an_input_error_and_the_others_are_checked(tree):
    root = tree({"empty/.keep": "", "old/draft.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
                 "old/table.csv": "a,b\n", "new/draft.txt": BAD})
    (root / "void").mkdir()
    code, out, err = run(root / "void", root / "old", root / "new", "--format", "json", "--lang", "en")
    assert code == 2
    assert f"{root / 'void'}: no report files in this folder" in err
    assert f"{root / 'old'}: no report files" in err and ".doc files are not read: save them as .docx" in err
    entry = next(f for f in json.loads(out)["files"] if f["path"].endswith("draft.txt"))
    assert any(d["code"] == "GL201" for d in entry["diagnostics"])


def test_only_excluded_files_named_with_force_exclude_is_a_pass(tree):
    root = tree({"README.md": NOT_A_REPORT})
    code, out, err = run(root / "README.md", "--force-exclude")
    assert code == 0 and "nothing to check: 1 file(s) excluded" not in err and "没有要检查的报告" in err


# -- 3. only reports are checked -------------------------------------------------------------------

def test_folders_skip_tool_folders_documentation_and_gitignored_files(tree):
    root = tree({
        "2023/draft.txt": BAD, "README.md": NOT_A_REPORT, "docs/CHANGELOG.md": NOT_A_REPORT,
        "node_modules/pkg/notes.txt": NOT_A_REPORT, "venv/lib/x.txt": NOT_A_REPORT,
        ".gitignore": "# scratch\n/scratch/\n*.tmp.txt\nbuild/\n!keep.tmp.txt\n",
        "scratch/a.txt": BAD, "2023/b.tmp.txt": BAD, "2023/keep.tmp.txt": BAD,
        "sub/scratch/c.txt": BAD,                     # /scratch/ is anchored: not this one
        "sub/.gitignore": "*.md\n", "sub/notes.md": NOT_A_REPORT, "build/out.txt": BAD,
    })
    code, out, err = run(root, "--format", "json")
    names = sorted(os.path.relpath(p, root) for p in checked(out))
    assert names == ["2023/draft.txt", "2023/keep.tmp.txt", "sub/scratch/c.txt"], err
    assert code == 1


def test_gitignore_files_above_a_named_folder_count_up_to_the_repository_root(tree):
    root = tree({"repo/.gitignore": "drafts/old/\n", "repo/drafts/new/a.txt": BAD, "repo/drafts/old/b.txt": BAD,
                 ".gitignore": "*.txt\n"})                     # above the repository: not ours
    (root / "repo" / ".git").mkdir()
    code, out, err = run(root / "repo" / "drafts", "--format", "json")
    assert [os.path.relpath(p, root) for p in checked(out)] == ["repo/drafts/new/a.txt"], err


def test_exclude_options_replace_or_extend_the_defaults(tree, monkeypatch):
    root = tree({"a/draft.txt": BAD, "a/README.md": NOT_A_REPORT, "archive/2019/old.txt": BAD})
    monkeypatch.chdir(root)  # globs with a slash given on the command line are relative to the working directory
    names = lambda *extra: sorted(os.path.relpath(p, root) for p in checked(run(root, "--format", "json", *extra)[1]))
    assert names() == ["a/draft.txt", "archive/2019/old.txt"]
    assert names("--extend-exclude", "archive") == ["a/draft.txt"]
    assert names("--exclude", "archive/**,nothing") == ["a/README.md", "a/draft.txt"]   # defaults replaced
    assert names("--no-respect-gitignore", "--extend-exclude", "**/2019/*.txt") == ["a/draft.txt"]


def test_exclude_globs_of_the_configuration(tree):
    root = tree({"a/draft.txt": BAD, "archive/old.txt": BAD, "a/README.md": NOT_A_REPORT,
                 ".govlint.yaml": "extend-exclude: [archive/]\n"})
    code, out, err = run(root, "--format", "json")
    assert [os.path.relpath(p, root) for p in checked(out)] == ["a/draft.txt"], err


def test_a_named_file_is_checked_even_if_excluded_unless_force_exclude(tree):
    root = tree({"README.md": NOT_A_REPORT, "node_modules/x/draft.txt": BAD, "draft.txt": BAD})
    code, out, _ = run(root / "README.md", root / "node_modules/x/draft.txt", "--format", "json")
    assert len(checked(out)) == 2 and code == 1
    code, out, _ = run(root / "README.md", root / "node_modules/x/draft.txt", root / "draft.txt",
                       "--format", "json", "--force-exclude")
    assert checked(out) == [str(root / "draft.txt")] and code == 1


@pytest.mark.parametrize("glob,path,is_dir,ignored", [
    ("*.txt", "a/b/c.txt", False, True),
    ("*.txt", "a/b.txt/c", False, None),        # a name glob matches the name only
    ("a/*.txt", "a/b.txt", False, True),
    ("a/*.txt", "x/a/b.txt", False, None),      # a slash anchors the glob to the base
    ("/b.txt", "a/b.txt", False, None),
    ("**/b.txt", "a/c/b.txt", False, True),
    ("a/**", "a/c/b.txt", False, True),
    ("a/**/b.txt", "a/b.txt", False, True),
    ("a/**/b.txt", "a/x/y/b.txt", False, True),
    ("d?ft.txt", "daft.txt", False, True),
    ("d?ft.txt", "d/ft.txt", False, None),
    ("[ab].txt", "b.txt", False, True),
    ("[!ab].txt", "b.txt", False, None),
    ("out/", "out", False, None),               # a trailing slash: folders only
    ("out/", "x/out", True, True),
    ("\\#draft.txt", "#draft.txt", False, True),
])
def test_gitignore_globs(tmp_path, glob, path, is_dir, ignored):
    assert GlobSet(tmp_path, [glob]).decide(str(tmp_path / path), is_dir) is ignored


def test_gitignore_negation_comments_and_last_match():
    assert compile_glob("# comment") is None and compile_glob("   ") is None
    globs = GlobSet("/base", ["*.txt", "!keep.txt", "keep.txt"])
    assert globs.decide("/base/keep.txt", False) is True
    globs = GlobSet("/base", ["*.txt", "!keep.txt"])
    assert globs.decide("/base/keep.txt", False) is False and globs.decide("/base/x.txt", False) is True


def test_a_file_that_is_no_report_gets_one_info_diagnostic(tree):
    root = tree({"notes.md": NOT_A_REPORT, "blank.txt": "\n\n"})
    code, out, err = run(root / "notes.md", "--format", "json")
    [entry] = json.loads(out)["files"]
    assert [(d["code"], d["severity"]) for d in entry["diagnostics"]] == [("GL001", "info")]
    assert code == 0
    # With GL001 ignored the gate is off: every rule runs (a silent file would be a silent pass).
    code, out, err = run(root / "notes.md", "--ignore", "GL001", "--format", "json")
    found = {d["code"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert {"GL101", "GL501"} <= found and "GL001" not in found and code == 1
    code, out, err = run(root / "blank.txt", "--format", "json")  # an empty draft is an unfinished report
    assert "GL001" not in out and code == 1


# -- 4. formats govlint does not read --------------------------------------------------------------

def _ole(stream: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + stream.encode("utf-16-le") + bytes(100)


def _odf(kind: str) -> bytes:
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name,data,words", [
    ("draft.doc", _ole("WordDocument"), "an old Word .doc file (Word 97-2003 or WPS): govlint cannot read it; "
                                        "save it as .docx (Word/WPS: 另存为 → Word 文档 .docx) or as text"),
    ("draft.txt", _ole("WordDocument"), "an old Word .doc file"),   # misnamed: the content decides
    ("tables.xls", _ole("Workbook"), "an old Excel .xls workbook"),
    ("draft.odt", _odf("text"), "an OpenDocument text (.odt) file: govlint cannot read it; save it as .docx"),
    ("tables.ods", _odf("spreadsheet"), "an OpenDocument spreadsheet (.ods)"),
    ("draft.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl} \\u25919? report}", "an RTF (rich text) file"),
    ("draft.txt", b"{\\rtf1\\ansi report}", "an RTF (rich text) file"),
])
def test_old_and_other_office_formats_say_what_they_are(tree, name, data, words):
    root = tree({name: data})
    code, out, err = run(root / name, "--lang", "en")
    assert code == 2 and f"{root / name}: {words}" in err
    assert "binary file" not in err


def _failing_import(tmp_path, module: str) -> dict:
    """An environment in which importing ``module`` fails, as in a broken installation."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(f"import sys\nsys.modules[{module!r}] = None\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(site) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_reader_that_fails_to_import_is_reported_not_called_binary(tree, tmp_path):
    env = _failing_import(tmp_path, "govlint.source.readers.pdf")
    root = tree({"r/report.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 4, "r/draft.txt": BAD})
    done = real(root / "r", "--lang", "en", env=env)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    # The folder walk still finds the .pdf (the reader's suffixes are read from its source) ...
    assert f"{root / 'r' / 'report.pdf'}: the pdf reader failed to load (ModuleNotFoundError: " in err
    assert "please report this bug" in err and "binary" not in err
    # ... the broken installation is a warning even before a file needs the reader ...
    assert "govlint: warning: the built-in reader module 'pdf' could not be loaded: ModuleNotFoundError" in err
    assert "GL201" in done.stdout.decode()  # ... and the other file is checked


def test_a_misnamed_document_of_a_reader_that_failed_says_which_reader(tree, tmp_path):
    """A Word document saved as .txt is recognised by the Word reader's sniffer; with that reader
    broken, plain text refuses it, and the error names the reader that may have read it."""
    env = _failing_import(tmp_path, "govlint.source.readers.docx")
    archive = tmp_path / "word.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("word/document.xml", "<w:document/>")
    root = tree({"draft.txt": archive.read_bytes()})
    done = real(root / "draft.txt", "--lang", "en", env=env)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert ("(it may be for the docx reader, which failed to load: ModuleNotFoundError: import of "
            "govlint.source.readers.docx halted; None in sys.modules; reinstall govlint") in err


def test_an_output_format_that_fails_to_import_is_reported(tree, tmp_path):
    env = _failing_import(tmp_path, "govlint.output.junit")
    root = tree({"draft.txt": BAD})
    reason = ("the built-in output format module 'junit' could not be loaded: ModuleNotFoundError: "
              "import of govlint.output.junit halted; None in sys.modules")
    asked = real(root / "draft.txt", "--format", "junit", "--lang", "en", env=env)
    assert asked.returncode == 2 and "Traceback" not in asked.stderr.decode()
    assert "unknown format 'junit'; choose from concise, csv, github, html, json" in asked.stderr.decode()
    assert reason in asked.stderr.decode()
    # A run imports only the format it writes: the others work.
    other = real(root / "draft.txt", "--format", "concise", "--lang", "en", env=env)
    assert other.returncode == 1 and "GL201" in other.stdout.decode()


# -- 5. only regular files are read ---------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_blocks(tree):
    root = tree({"reports/draft.txt": BAD})
    os.mkfifo(root / "reports" / "pipe.txt")
    done = real(root / "reports" / "pipe.txt", root / "reports", "--format", "json", "--lang", "en")
    assert done.returncode == 2
    assert f"{root / 'reports' / 'pipe.txt'}: a named pipe (FIFO), not a report file" in done.stderr.decode()
    # In the folder walk it is skipped: the report beside it is checked once.
    paths = [f["path"] for f in json.loads(done.stdout)["files"] if "error" not in f]
    assert paths == [str(root / "reports" / "draft.txt")]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_not_read(tree):
    code, out, err = run("/dev/zero", "--lang", "en")
    assert code == 2 and "/dev/zero: a character device, not a report file" in err


def test_the_size_limit_does_not_trust_the_file_size(tree, monkeypatch):
    import govlint.lint.linter as engine

    root = tree({"big.txt": BAD})
    monkeypatch.setattr(engine, "MAX_BYTES", 1000)
    code, out, err = run(root / "big.txt", "--lang", "en")
    assert code == 2 and "big.txt: file is larger than" in err
    with open(root / "huge.txt", "wb") as handle:  # sparse: nothing to read but zeros
        handle.truncate(50 * 1024 * 1024)
    monkeypatch.undo()
    code, out, err = run(root / "huge.txt", "--lang", "en")
    assert code == 2 and "huge.txt: file is larger than 20 MB" in err


# -- 6. output errors --------------------------------------------------------------------------------

@pytest.mark.skipif(not HAS_DEV_FULL, reason="no /dev/full")
@pytest.mark.parametrize("extra", [["-o", "/dev/full"], ["--format", "json", "-o", "/dev/full"],
                                   ["--diff", "-o", "/dev/full"], ["--write-baseline", "/dev/full"]])
def test_a_full_disk_is_a_message_not_a_traceback(tree, extra):
    root = tree({"draft.txt": BAD})
    done = real(root / "draft.txt", *extra, "--lang", "en")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert "govlint: error: cannot write /dev/full: " in err


@pytest.mark.skipif(not HAS_DEV_FULL, reason="no /dev/full")
@pytest.mark.parametrize("args,stdin", [
    (["{draft}"], None), (["{draft}", "--format", "json"], None), (["{draft}", "--diff"], None),
    (["-", "--fix"], BAD.encode("utf-8")), (["rules"], None), (["rule", "GL303"], None),
])
def test_standard_output_on_a_full_disk(tree, args, stdin):
    root = tree({"draft.txt": BAD})
    args = [a.format(draft=root / "draft.txt") for a in args]
    with open("/dev/full", "wb") as full:
        done = subprocess.run([GOVLINT, *args, "--lang", "en"], stdout=full, stderr=subprocess.PIPE, input=stdin,
                              timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and "None" not in err
    assert "cannot write standard output: No space left on device" in err


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    name = os.fsencode(str(folder)) + b"/\xb1\xa8\xb8\xe6.txt"  # 报告 in GBK
    with open(name, "wb") as handle:
        handle.write(b"\x00\x01binary")
    (folder / "draft.txt").write_text(BAD, encoding="utf-8")
    out_name = os.fsencode(str(tmp_path)) + b"/\xb1\xa8.json"
    done = subprocess.run([os.fsencode(GOVLINT), os.fsencode(str(folder)), b"--format", b"json", b"-o", out_name,
                           b"--lang", b"en"],
                          capture_output=True, timeout=120)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "Traceback" not in err
    assert "\\udcb1\\udca8\\udcb8\\udce6.txt: binary file" in err
    with open(out_name, "rb") as handle:
        files = json.loads(handle.read().decode("utf-8"))["files"]
    assert len(files) == 2


# -- 7. one file's internal error is that file's -----------------------------------------------------

def test_an_internal_error_in_one_file_leaves_the_others_reported(tree, monkeypatch):
    import govlint.lint.linter as engine

    parse = engine.parse

    def fragile(source, **kwargs):
        if source.path.endswith("boom.txt"):
            raise RuntimeError("the parser fell over")
        return parse(source, **kwargs)

    monkeypatch.setattr(engine, "parse", fragile)
    root = tree({"a/boom.txt": BAD, "a/draft.txt": BAD})
    code, out, err = run(root / "a", "--format", "json", "--lang", "en")
    assert code == 2
    assert (f"{root / 'a' / 'boom.txt'}: internal error while checking it: RuntimeError: the parser fell over "
            "(please report this bug)") in err
    files = {os.path.basename(f["path"]): f for f in json.loads(out)["files"]}
    assert "internal error" in files["boom.txt"]["error"]
    assert any(d["code"] == "GL201" for d in files["draft.txt"]["diagnostics"])


def test_an_internal_error_in_a_reader_is_that_files_error(tree, monkeypatch):
    import govlint.source.readers as readers

    def broken(data, path):
        raise ValueError("reader bug")
    monkeypatch.setattr(readers, "read", broken)
    root = tree({"draft.txt": BAD})
    code, out, err = run(root / "draft.txt", "--format", "sarif", "--lang", "en")
    assert code == 2 and "internal error while reading it: ValueError: reader bug (please report this bug)" in err
    json.loads(out)  # still a valid SARIF document


def test_keyboard_interrupt_still_stops(monkeypatch):
    import govlint.lint.linter as engine
    from govlint.lint.linter import Linter, Options

    def interrupted(source, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(engine, "parse", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Linter(Options()).lint_bytes(BAD.encode("utf-8"), "draft.txt")


# -- 8. help --------------------------------------------------------------------------------------------

def test_top_level_help_shows_how_to_check_and_the_exit_codes():
    code, out, _ = run("--help")
    assert code == 0
    for words in ("Usage: govlint [OPTIONS] PATH...", "--select", "--format", "--exclude", "--fix",
                  "--version", "Commands:", "rules", "Exit codes:", "2  usage, configuration, input or output"):
        assert words in out
    code, out, _ = run("check", "--help")
    assert code == 0 and "Exit codes:" in out and "--force-exclude" in out


# -- 9, 10, 12. statistics, -o, languages ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_statistics_with_text_and_concise(tree, fmt):
    root = tree({"draft.txt": BAD})
    code, out, _ = run(root / "draft.txt", "--statistics", "--format", fmt)
    lines = out.splitlines()
    assert code == 1 and re.fullmatch(r" +1  GL201  error +notice-year-mismatch", lines[-2])
    assert lines[-1].startswith("检查了 1 个文件")


@pytest.mark.parametrize("fmt", ["json-lines", "github", "junit"])
def test_statistics_with_a_format_that_has_no_place_for_it_is_a_usage_error(tree, fmt):
    root = tree({"draft.txt": BAD})
    code, out, err = run(root / "draft.txt", "--statistics", "--format", fmt, "--lang", "en")
    assert code == 2 and f"--format {fmt} has no place for --statistics" in err and out == ""


def test_statistics_in_json_and_sarif(tree):
    root = tree({"draft.txt": BAD})
    code, out, _ = run(root / "draft.txt", "--statistics", "--format", "json")
    assert code == 1 and json.loads(out)["statistics"] == {"GL201": 1}
    code, out, _ = run(root / "draft.txt", "--statistics", "--format", "sarif")
    assert code == 1 and json.loads(out)["runs"][0]["properties"]["statistics"] == {"GL201": 1}


def test_output_to_a_file_prints_the_summary(tree):
    root = tree({"draft.txt": BAD})
    code, out, err = run(root / "draft.txt", "--format", "json", "-o", root / "report.json")
    assert code == 1 and out == "" and err.startswith("检查了 1 个文件：错误 1 个")
    assert json.loads((root / "report.json").read_text(encoding="utf-8"))["files"]
    code, out, err = run(root / "draft.txt", "-o", root / "report.txt", "--lang", "en")
    assert err.startswith("Checked 1 file(s): 1 error(s)")
    assert run(root / "draft.txt", "-o", root / "report.txt", "-q")[2] == ""


def test_notes_follow_the_language(tree):
    root = tree({"draft.txt": BAD})
    code, _, err = run(root / "draft.txt", "--write-baseline", root / "b.json")
    assert code == 0 and "已将 1 个文件的 1 个问题写入基线文件" in err
    code, _, err = run(root / "draft.txt", "--write-baseline", root / "b.json", "--lang", "en")
    assert "wrote 1 diagnostic(s) of 1 file(s)" in err and not re.search(r"[\u4e00-\u9fff]", err)
    code, out, err = run(root / "draft.txt", "--diff", "--lang", "en")
    assert err.strip() == "govlint: 1 fix(es) would be applied to 1 file(s)"
    code, out, err = run(root / "draft.txt", "--diff")
    assert err.strip() == "govlint: 可应用 1 处修复，涉及 1 个文件"


# -- 11. what govlint init suggests runs ------------------------------------------------------------

def test_every_command_init_suggests_runs(tmp_path):
    project = tmp_path / "drafts"
    done = real("init", project, cwd=tmp_path)
    assert done.returncode == 0
    (project / "draft.txt").write_text(BAD, encoding="utf-8")
    printed = done.stdout.decode()
    template = (project / ".govlint.yaml").read_text(encoding="utf-8")
    suggested = [(line.split("    ")[0].strip(), tmp_path) for line in printed.splitlines()
                 if line.strip().startswith("govlint ")]
    suggested += [(command, project) for command in re.findall(r"`(govlint [^`]*)`", template)]
    assert len(suggested) >= 5 and any("--write-baseline" in c for c, _ in suggested)
    for command, cwd in suggested:
        args = shlex.split(command)[1:]
        if args == ["init"]:
            args = ["init", "--force"]
        ran = real(*args, cwd=cwd)
        assert ran.returncode in (0, 1), (command, ran.stderr.decode())
    assert (project / "govlint-baseline.json").exists()


def test_fix_on_standard_input_keeps_machine_output_apart(tmp_path):
    # stdout carries the fixed report: a machine format must go to a file, never be mixed into it.
    code, out, err = run("-", "--fix", "--format", "json", input=BAD.encode("utf-8"))
    assert code == 2 and "-o FILE" in err and out == ""
    target = tmp_path / "out.json"
    code, out, err = run("-", "--fix", "--format", "json", "-o", target, input=BAD.encode("utf-8"))
    assert "国办公开办函〔2021〕30号" in out
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["path"] == "-"


def test_default_excludes_skip_a_repositorys_documents_not_report_folders(tree):
    root = tree({"2021.txt": REPORT, "history/2019年报.txt": BAD, "notices/a.txt": BAD,
                 "README-2023年报.txt": BAD, "README.md": "# drafts\n", "CHANGELOG.txt": "v1\n",
                 "venv/x.txt": BAD, "node_modules/y.md": BAD})
    code, out, err = run(root, "--format", "json")
    checked = sorted(Path(f["path"]).relative_to(root).as_posix() for f in json.loads(out)["files"])
    assert checked == ["2021.txt", "README-2023年报.txt", "history/2019年报.txt", "notices/a.txt"] and code == 1


def test_linked_folders_are_walked_once(tree):
    root = tree({"drafts/2021.txt": REPORT, "archive/bad.txt": BAD})
    os.symlink("../archive", root / "drafts" / "2022")
    os.symlink("..", root / "drafts" / "loop")  # a loop back to the folder walked
    code, out, err = run(root / "drafts", "--format", "json")
    checked = sorted(Path(f["path"]).relative_to(root / "drafts").as_posix() for f in json.loads(out)["files"])
    assert checked == ["2021.txt", "2022/bad.txt"] and code == 1  # each folder once, whatever the links


def test_standard_input_named_twice_is_read_once():
    code, out, err = run("-", "-", "--format", "json", input=REPORT.encode("utf-8"))
    assert len(json.loads(out)["files"]) == 1 and code == 0


@pytest.mark.parametrize("value", ["", ","])
def test_an_empty_select_is_a_usage_error(tree, value):
    root = tree({"draft.txt": BAD})
    code, out, err = run(root / "draft.txt", "--select", value, "--lang", "en")
    assert code == 2 and "--select names no rule" in err and out == ""


@pytest.mark.parametrize("text", ["select:\n", "select: []\n", "select: ''\n"])
def test_an_empty_select_in_the_configuration_is_an_error(tree, text):
    root = tree({"draft.txt": BAD, ".govlint.yaml": text})
    code, out, err = run(root / "draft.txt", "--lang", "en")
    assert code == 2 and ".govlint.yaml:1:1: 'select' names no rule" in err


# -- the gate rule runs once per file; what it finds, and how it fails, is what the file gets --------
def _linter():
    from govlint.lint.linter import Linter, Options
    return Linter(Options(), keep_documents=False)


def test_the_gate_rule_is_run_once_and_its_findings_are_the_files(monkeypatch):
    from govlint.rules.kinds.not_a_report import NotAReport
    calls = []
    original = NotAReport.check

    def counted(self, doc, params):
        calls.append(doc)
        yield from original(self, doc, params)

    monkeypatch.setattr(NotAReport, "check", counted)
    result = _linter().lint_bytes(NOT_A_REPORT.encode(), "notes.md")
    assert len(calls) == 1
    assert [d.code for d in result.diagnostics] == ["GL001"] and not result.internal_errors
    calls.clear()
    result = _linter().lint_bytes(REPORT.encode(), "report.txt")
    assert len(calls) == 1 and "GL001" not in [d.code for d in result.diagnostics]


def test_a_gate_rule_that_fails_after_a_finding_keeps_it_and_reports_its_error(monkeypatch):
    from govlint.rules.kinds.not_a_report import NotAReport
    original = NotAReport.check

    def failing(self, doc, params):
        yield from original(self, doc, params)
        raise RuntimeError("gate bug")

    monkeypatch.setattr(NotAReport, "check", failing)
    result = _linter().lint_bytes(NOT_A_REPORT.encode(), "notes.md")
    assert [d.code for d in result.diagnostics] == ["GL001"]
    assert len(result.internal_errors) == 1 and "gate bug" in str(result.internal_errors[0])


def test_a_gate_rule_that_fails_before_any_finding_fails_the_file(monkeypatch):
    from govlint.rules.kinds.not_a_report import NotAReport

    def failing(self, doc, params):
        raise RuntimeError("gate bug")
        yield  # a generator, as check kinds are

    monkeypatch.setattr(NotAReport, "check", failing)
    result = _linter().lint_bytes(REPORT.encode(), "report.txt")
    assert result.error is not None and "gate bug" in str(result.error) and not result.diagnostics
