"""The command line as users and pre-commit hooks see it: output, exit codes, JSON, config."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


from conftest import cli_runner, corpus, seed
from govlint import __version__
from govlint.cli import cli

GOVLINT = str(Path(sys.executable).with_name("govlint"))
CLEAN = ("某某局2022年政府信息公开工作年度报告\n"
         "根据《…关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。"
         "本报告所列数据统计期限为2022年1月1日至12月31日。如对本报告有疑问，请与办公室联系（地址：某路1号，邮编：755000，"
         "电话：0955-7068588）。\n")
BAD_NOTICE = CLEAN.replace("〔2021〕30号", "〔2019〕60号")


def run(*args, input=None, env=None):
    result = cli_runner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def draft(tmp_path):
    def make(text, name="draft.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return make


def test_version():
    assert run("--version") == (0, f"govlint {__version__}\n")


def test_diagnostic_line_excerpt_caret_and_fix(draft):
    path = draft(BAD_NOTICE)
    code, out = run(str(path), "--select", "GL201")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (f"{path}:2:37: GL201 error 引用的年报格式通知与报告年度不符："
                        f"2022年度报告应依据 国办公开办函〔2021〕30号")
    assert lines[1].startswith("  2 | …") and "国办公开办函〔2019〕60号" in lines[1]
    # The caret sits under the culprit, counted in display cells (CJK = 2).
    shown, caret = lines[1][6:], lines[2][6:]
    start = caret.index("^")
    from govlint.output.text import cell_width
    prefix = ""
    for char in shown:
        if cell_width(prefix) >= start:
            break
        prefix += char
    assert shown[len(prefix):].startswith("国办公开办函〔2019〕60号")
    assert caret.count("^") == cell_width("国办公开办函〔2019〕60号")
    assert lines[3] == "    = 修改建议：改为 国办公开办函〔2021〕30号"
    assert lines[-1] == "检查了 1 个文件：错误 1 个，警告 0 个，提示 0 个"


def test_exit_codes(draft, tmp_path):
    assert run(str(draft(CLEAN)), "--select", "GL2")[0] == 0
    assert run(str(draft(BAD_NOTICE, "bad.txt")))[0] == 1
    assert run(str(tmp_path / "missing.txt"))[0] == 2
    assert run(str(draft(CLEAN)), "--format", "yaml")[0] == 2
    assert run(str(draft(CLEAN)), "--fail-on", "bogus")[0] == 2
    # A warning fails the run only with --fail-on warning.
    no_phone = draft(CLEAN.replace("，电话：0955-7068588", ""), "warn.txt")
    assert run(str(no_phone), "--select", "GL502")[0] == 0
    assert run(str(no_phone), "--select", "GL502", "--fail-on", "warning")[0] == 1
    assert run(str(draft(BAD_NOTICE, "b2.txt")), "--exit-zero")[0] == 0


def test_json_shape(draft):
    path = draft(BAD_NOTICE)
    code, out = run(str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"version", "files", "summary"} and data["version"] == 1
    [entry] = data["files"]
    assert {"path", "year", "format", "diagnostics"} <= set(entry)
    assert entry["year"] == 2022 and entry["format"] == "2021" and entry["path"] == str(path)
    diag = next(d for d in entry["diagnostics"] if d["code"] == "GL201")
    assert set(diag) == {"code", "name", "severity", "message", "line", "column", "end_line", "end_column", "fix"}
    assert (diag["name"], diag["severity"], diag["line"], diag["column"]) == ("notice-year-mismatch", "error", 2, 37)
    assert diag["end_column"] - diag["column"] == len("国办公开办函〔2019〕60号")
    assert diag["fix"]["safe"] is True and diag["fix"]["edits"][0]["replacement"] == "国办公开办函〔2021〕30号"
    summary = data["summary"]
    assert summary["files"] == 1 and summary["error"] == sum(d["severity"] == "error" for d in entry["diagnostics"])


def test_several_files_directories_and_stdin(draft, tmp_path):
    draft(CLEAN, "reports/a.txt")
    draft(BAD_NOTICE, "reports/sub/b.txt")
    draft(BAD_NOTICE, "reports/.hidden/c.txt")
    draft("not a report", "reports/notes.csv")
    code, out = run(str(tmp_path / "reports"), "-", "--format", "json", "--stdin-filename", "from-stdin.txt",
                    input=BAD_NOTICE.encode("gb18030"))
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "b.txt", "from-stdin.txt"]
    assert data["files"][2]["year"] == 2022 and code == 1


def test_an_unreadable_file_is_exit_2_and_the_others_are_still_checked(draft, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    code, out = run(str(binary), str(draft(BAD_NOTICE)))
    assert code == 2
    assert "GL201" in out
    assert "scan.txt: 这是二进制文件" in out  # CliRunner mixes stderr into output


def test_english_and_quiet(draft):
    code, out = run(str(draft(BAD_NOTICE)), "--lang", "en", "--select", "GL201", "-q")
    assert "the cited format notice does not match the report year" in out and "= fix:" in out
    assert "Checked" not in out


def test_select_ignore_and_statistics(draft):
    path = str(draft(BAD_NOTICE))
    _, everything = run(path, "--format", "json")
    all_codes = {d["code"] for d in json.loads(everything)["files"][0]["diagnostics"]}
    assert {"GL201", "GL301"} <= all_codes
    _, some = run(path, "--format", "json", "--select", "GL3", "--ignore", "GL301")
    assert {d["code"] for d in json.loads(some)["files"][0]["diagnostics"]} <= {"GL3" + c for c in "0123456789"}
    assert "GL301" not in some
    _, stats = run(path, "--statistics", "-q", "--select", "GL301")
    assert "    3  GL301  error    table-missing" in stats


def test_config_discovery_severity_and_per_file_ignores(draft, tmp_path):
    (tmp_path / ".govlint.yaml").write_text(
        "severity:\n  GL201: warning\nper-file-ignores:\n  'old/*.txt': [GL201]\nselect: [GL2]\n", encoding="utf-8")
    new = draft(BAD_NOTICE, "new/report.txt")
    old = draft(BAD_NOTICE, "old/report.txt")
    code, out = run(str(new), "--format", "json")
    [diag] = [d for d in json.loads(out)["files"][0]["diagnostics"] if d["code"] == "GL201"]
    assert diag["severity"] == "warning" and code == 0
    code, out = run(str(old), "--format", "json")
    assert "GL201" not in out


@pytest.mark.parametrize("text,where,words", [
    ("select: [GL3\n", ":2:1:", "invalid YAML"),
    ("severity:\n  GL303: fatal\n", ":2:10:", "severity of GL303 must be one of"),
    ("selekt: [GL3]\n", ":1:1:", "unknown setting 'selekt'"),
    ("ignore: [303]\n", ":1:10:", "'303' is not a rule code"),
    ("report-year: soon\n", ":1:14:", "'report-year' must be a year"),
])
def test_bad_configuration_names_file_line_and_column(draft, tmp_path, text, where, words):
    config = tmp_path / ".govlint.yaml"
    config.write_text(text, encoding="utf-8")
    code, out = run(str(draft(CLEAN)), "--lang", "en")
    assert code == 2
    assert f"{config}{where}" in out and words in out
    assert "Traceback" not in out


def test_report_year_option_sets_the_format(draft):
    text = CLEAN.replace("某某局2022年政府信息公开工作年度报告\n", "").replace("2022年", "")
    code, out = run(str(draft(text)), "--report-year", "2020", "--format", "json")
    entry = json.loads(out)["files"][0]
    assert (entry["year"], entry["format"]) == (2020, "2019-trial")
    assert any(d["code"] == "GL201" for d in entry["diagnostics"])  # 〔2021〕30号 in a 2020 report


def test_rules_listing_and_rule_page():
    code, out = run("rules")
    assert code == 0
    for expected in ("GL003", "GL101", "GL201", "GL303", "GL309", "GL401", "GL404", "GL501", "GL601"):
        assert expected in out
    code, out = run("rules", "--format", "json")
    items = json.loads(out)
    assert {"code", "name", "severity", "formats", "summary", "fixable"} <= set(items[0])
    code, out = run("rule", "gl303")
    assert code == 0 and out.startswith("GL303 row-total:") and "不符合的示例" in out and "符合的示例" in out
    assert run("rule", "GL999")[0] == 2


def test_real_executable_and_colour_only_on_a_terminal(draft):
    path = str(draft(BAD_NOTICE))
    version = subprocess.run([GOVLINT, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == f"govlint {__version__}"
    piped = subprocess.run([GOVLINT, path], capture_output=True, text=True)
    assert piped.returncode == 1 and "\x1b[" not in piped.stdout
    pty = pytest.importorskip("pty")

    def on_terminal(*extra, env=None):
        output = bytearray()

        def read(fd):
            data = os.read(fd, 4096)
            output.extend(data)
            return data
        old_env = dict(os.environ)
        try:
            os.environ.pop("NO_COLOR", None)
            os.environ.update(env or {})
            status = pty.spawn([GOVLINT, path, *extra], read)
        finally:
            os.environ.clear()
            os.environ.update(old_env)
        return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")

    status, out = on_terminal()
    assert status == 1 and "\x1b[" in out
    assert "\x1b[" not in on_terminal("--no-color")[1]
    assert "\x1b[" not in on_terminal(env={"NO_COLOR": "1"})[1]


def test_a_real_report_end_to_end(copy_of):
    path = copy_of(corpus("2023_huaian_hongzequ.txt"))
    result = subprocess.run([GOVLINT, str(path), "--format", "json"], capture_output=True, text=True)
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert [d["line"] for d in data["files"][0]["diagnostics"] if d["code"] == "GL303"] == [112, 112]
    assert seed("000").exists()


def test_locations_in_the_original_document_are_shown():
    """Readers of .docx/.pdf/.html say where a line came from; text and JSON output show it."""
    from govlint.output import Settings
    from govlint.output.json import diagnostic_json
    from govlint.output.text import TextFormatter
    from govlint.lint.linter import Linter, Options
    from govlint.source import Source
    import io

    text = BAD_NOTICE
    source = Source(text, "draft.docx", kind="docx", locator=lambda offset: {"paragraph": 2 if offset > 20 else 1})
    result = Linter(Options()).lint_source(source)
    stream = io.StringIO()
    TextFormatter(Settings()).write([result], stream)
    assert "引用的年报格式通知与报告年度不符：2022年度报告应依据 国办公开办函〔2021〕30号（第 2 段）" in stream.getvalue()
    diag = next(d for d in result.diagnostics if d.code == "GL201")
    assert diagnostic_json(diag, source)["location"] == {"paragraph": 2}
    assert not source.writable


def test_the_init_template_shows_every_setting_with_a_working_example(tmp_path):
    """`govlint init` writes each setting the configuration reads, commented out; each example,
    uncommented alone, is a configuration govlint accepts."""
    import re

    from conftest import EXAMPLES
    from govlint.lint.config import _KEYS
    from govlint.lint.config_template import config_template

    template = config_template()
    assert [key for key in sorted(_KEYS) if f"\n# {key}:" not in template] == []
    examples = re.findall(r"^# ([a-z-]+:.*(?:\n#   .*)*)", template, re.M)
    assert len(examples) >= len(_KEYS)
    report = tmp_path / "draft.txt"
    report.write_text((EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "govlint-baseline.json").write_text('{"version": 1, "files": {}}', encoding="utf-8")
    (tmp_path / "roster.yaml").write_text("- name: 某某县自然资源局\n", encoding="utf-8")  # the roster: example (GL807)
    for example in examples:
        (tmp_path / ".govlint.yaml").write_text(re.sub(r"^# ?", "", example, flags=re.M) + "\n", encoding="utf-8")
        code, out = run(str(report), "--lang", "en")
        assert code == 0, (example, out)
