"""Every error govlint prints about its input, its run and its configuration exists in Chinese and in
English, and is printed in the run's language: ``--lang``, else the configuration's ``lang:``, else
Chinese.  (The issue "Dependable in every workflow": in zh mode no error may be English.)

* The CLI over failing inputs of every family, in zh (default) and en: each error line is in the
  run's language (zh: Chinese text and no English sentence outside quoted names, paths and codes;
  en: no Chinese outside quoted report text).  JSON "error" fields follow --lang too.
* A sweep over the source: every InputError/ConfigError/… raise site passes a bilingual message
  (an i18n.Message), never a plain string or f-string.
"""
from __future__ import annotations

import ast
import json
import os
import pickle
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from readers_support import encrypted_pdf, zip_bomb
from govlint.support import i18n
from govlint import source
from govlint.cli import cli

REPO = Path(__file__).resolve().parent.parent
ENGINE_FOLDERS = [REPO / "linter", REPO / "rules", REPO / "grammar"]
CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
CITATION = (EXAMPLES / "defects" / "citation.txt").read_text(encoding="utf-8")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
QUOTED = re.compile(r"'[^']*'|“[^”]*”|`[^`]*`|\"[^\"]*\"")
# Three English words in a row: an English sentence (names, codes and single terms are fine).
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]{2,}){2,}")
# The name of a menu item of Chinese WPS, which the English text quotes as the user sees it.
UI_LABELS = ("另存为 → Word 文档",)




@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


def run(*args):
    result = cli_runner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def messages(stderr: str, root: Path) -> list[str]:
    """The error messages on stderr, without the ``govlint: error:`` / click ``Error:`` prefix and with
    the temporary folder's path left out."""
    found = []
    for line in stderr.splitlines():
        for prefix in ("govlint: error: ", "Error: "):
            if line.startswith(prefix):
                found.append(line[len(prefix):].replace(str(root), "<tmp>"))
    return found


def assert_chinese(message: str) -> None:
    assert CJK.search(message), f"no Chinese in {message!r}"
    bare = QUOTED.sub("", message)
    bare = re.sub(r"\S*<tmp>\S*|\S+\.(?:txt|doc|docx|pdf|yaml)\b", "", bare)
    assert not ENGLISH_RUN.search(bare), f"English in a zh message: {message!r}"


def assert_english(message: str) -> None:
    bare = QUOTED.sub("", message)
    for label in UI_LABELS:
        bare = bare.replace(label, "")
    assert not CJK.search(bare), f"Chinese in an en message: {message!r}"


def assert_language(message: str, lang: str) -> None:
    (assert_english if lang == "en" else assert_chinese)(message)


# -- the failing inputs, one family each ------------------------------------------------------------
def _old_doc(root):
    (root / "draft.doc").write_bytes(OLE2 + "WordDocument".encode("utf-16-le") + b"\0" * 512)
    return [root / "draft.doc"]


def _binary(root):
    (root / "bin.txt").write_bytes(b"report\x00\x01\x02")
    return [root / "bin.txt"]


def _too_large(root):
    (root / "big.txt").write_text(CLEAN, encoding="utf-8")
    return [root / "big.txt"]


def _fifo(root):
    os.mkfifo(root / "pipe.txt")
    return [root / "pipe.txt"]


def _empty_folder(root):
    (root / "empty").mkdir()
    (root / "empty" / "old.doc").write_bytes(OLE2)
    return [root / "empty"]


def _missing(root):
    return [root / "nowhere.txt"]


def _unknown_select(root):
    (root / "draft.txt").write_text(CLEAN, encoding="utf-8")
    return [root / "draft.txt", "--select", "GL3O3"]


def _config(text):
    def make(root):
        (root / ".govlint.yaml").write_text(text, encoding="utf-8")
        (root / "draft.txt").write_text(CLEAN, encoding="utf-8")
        return [root / "draft.txt"]
    return make


def _read_only_fix(root):
    (root / "locked.txt").write_text(CITATION, encoding="utf-8")
    os.chmod(root / "locked.txt", 0o444)  # refused even for root
    return [root / "locked.txt", "--fix"]


def _full_disk(root):
    (root / "draft.txt").write_text(CLEAN, encoding="utf-8")
    return [root / "draft.txt", "-o", "/dev/full"]


def _zip_bomb(root):
    zip_bomb(root / "bomb.docx", megabytes=60)
    return [root / "bomb.docx"]


def _encrypted_pdf(root):
    (root / "locked.pdf").write_bytes(encrypted_pdf())
    return [root / "locked.pdf"]


CASES = {
    "old-doc": _old_doc,
    "binary": _binary,
    "too-large": _too_large,
    "fifo": _fifo,
    "empty-folder": _empty_folder,
    "missing": _missing,
    "unknown-select": _unknown_select,
    "config-unknown-code": _config("ignore: [GL3O3]\n"),
    "config-alias": _config("ignore: *codes\n"),
    "config-anchor": _config("ignore: &codes [GL303]\n"),
    "config-bad-lang": _config("lang: fr\n"),
    "read-only-fix": _read_only_fix,
    "full-disk": _full_disk,
    "zip-bomb": _zip_bomb,
    "encrypted-pdf": _encrypted_pdf,
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_error_is_in_the_runs_language(tmp_path, monkeypatch, case, lang):
    if case == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    if case == "full-disk" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    if case == "too-large":
        import govlint.lint.linter as engine

        monkeypatch.setattr(engine, "MAX_BYTES", 1000)
    root = tmp_path / "r"
    root.mkdir()
    args = CASES[case](root)
    if lang == "en":
        args = [*args, "--lang", "en"]
    code, out, err = run(*args)
    assert code == 2, err
    assert "Traceback" not in err
    found = messages(err, root)
    assert found, err
    for message in found:
        assert_language(message, lang)


def test_the_configurations_lang_sets_the_language_of_input_errors(tmp_path):
    (tmp_path / ".govlint.yaml").write_text("lang: en\n", encoding="utf-8")
    _old_doc(tmp_path)
    code, out, err = run(tmp_path / "draft.doc")
    assert code == 2 and "an old Word .doc file" in err
    code, out, err = run(tmp_path / "draft.doc", "--lang", "zh")  # --lang wins over the configuration
    assert code == 2 and "旧版 Word .doc 文件" in err


def test_a_sound_configurations_lang_sets_the_language_of_its_own_errors(tmp_path):
    (tmp_path / ".govlint.yaml").write_text("lang: en\nbaseline: missing.json\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(CLEAN, encoding="utf-8")
    code, out, err = run(tmp_path / "draft.txt")
    assert code == 2 and ".govlint.yaml:2:11: baseline not found: missing.json" in err
    code, out, err = run(tmp_path / "draft.txt", "--lang", "zh")
    assert code == 2 and ".govlint.yaml:2:11: 找不到基线文件：missing.json" in err


def test_the_chinese_messages_read_as_intended(tmp_path):
    _old_doc(tmp_path)
    _config("ignore: [GL3O3]\n")(tmp_path)
    code, out, err = run(tmp_path / "draft.doc")
    assert code == 2
    assert f"{tmp_path / '.govlint.yaml'}:1:10: 未知的规则代码或前缀 'GL3O3'，是否应为 'GL303'？" in err
    (tmp_path / ".govlint.yaml").unlink()
    code, out, err = run(tmp_path / "draft.doc")
    assert (f"govlint: error: {tmp_path / 'draft.doc'}: 无法读取：这是旧版 Word .doc 文件（Word 97-2003 或 WPS）。"
            "请另存为 .docx（Word/WPS：另存为 → Word 文档 .docx）或纯文本（.txt）后再检查") in err


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "junit", "github", "text"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_machine_output_errors_follow_lang(tmp_path, fmt, lang):
    paths = _old_doc(tmp_path) + _encrypted_pdf(tmp_path)
    code, out, err = run(*paths, "--format", fmt, "--lang", lang)
    assert code == 2
    if fmt == "json":
        errors = [entry["error"] for entry in json.loads(out)["files"]]
    elif fmt == "json-lines":
        errors = [json.loads(line)["error"] for line in out.splitlines()]
    elif fmt == "sarif":
        run_ = json.loads(out)["runs"][0]
        errors = [n["message"]["text"] for n in run_["invocations"][0]["toolExecutionNotifications"]]
    elif fmt == "junit":
        from xml.etree import ElementTree

        errors = [e.get("message") for e in ElementTree.fromstring(out).iter("error")]
    elif fmt == "github":
        errors = [line.split("::", 2)[2] for line in out.splitlines() if line.startswith("::error file=")]
    else:  # text: the error lines on stderr
        errors = messages(err, tmp_path)
    assert len(errors) == 2, out + err
    for message in errors:
        message = message.replace(str(tmp_path), "<tmp>").replace("%0A", " ")
        if lang == "zh":
            assert_chinese(message)
        else:
            assert_english(message)


def test_html_report_errors_follow_lang(tmp_path):
    _old_doc(tmp_path)
    for lang, words in (("zh", "旧版 Word .doc 文件"), ("en", "an old Word .doc file")):
        code, out, err = run(tmp_path / "draft.doc", "--format", "html", "--lang", lang)
        assert code == 2 and words in out


def test_a_usage_error_of_govlint_is_in_the_runs_language(tmp_path):
    (tmp_path / "draft.txt").write_text(CLEAN, encoding="utf-8")
    code, out, err = run(tmp_path / "draft.txt", "--fix", "--diff")
    assert code == 2 and "请二选一" in err
    code, out, err = run(tmp_path / "draft.txt", "--fix", "--diff", "--lang", "en")
    assert code == 2 and "choose one" in err and not CJK.search(err)
    code, out, err = run("rule", "G303")
    assert code == 2 and "没有规则 G303，是否应为 GL303？" in err


# -- the message type --------------------------------------------------------------------------------
def test_a_message_is_its_english_and_carries_its_chinese():
    message = i18n.fmt("{path}: page {n} is bad", "{path}: 第 {n} 页有误", path="a.pdf", n=3)
    assert message == "a.pdf: page 3 is bad" and str(message) == "a.pdf: page 3 is bad"
    assert i18n.text(message, "zh") == "a.pdf: 第 3 页有误" and i18n.text(message, "en") == str(message)
    assert type(i18n.text(message, "en")) is str and i18n.text("plain", "zh") == "plain"
    joined = i18n.join("x: ", message)
    assert i18n.text(joined, "zh") == "x: a.pdf: 第 3 页有误"
    nested = i18n.fmt("{inner}!", "{inner}！", inner=message)
    assert i18n.text(nested, "zh") == "a.pdf: 第 3 页有误！" and nested == "a.pdf: page 3 is bad!"
    assert i18n.text("a" + message, "zh") == "aa.pdf: 第 3 页有误"
    copy = pickle.loads(pickle.dumps(message))
    assert copy == message and copy.zh == message.zh
    assert i18n.of(source.InputError(message)) is message
    assert i18n.text(None, "zh") == ""


# -- the sweep: every raise site passes a bilingual message -----------------------------------------
# Call → index of the message argument (or the keyword that may carry it).
MESSAGE_ARG = {"InputError": 0, "_LimitHit": 0, "RelationError": 0, "ConfigError": 3, "error": 2,
               "WriteRefused": 1, "_Refused": 1, "UsageError": 0, "BadParameter": 0, "LookupError": 0}


def _plain_text(node) -> bool:
    """A message written as a plain string: a literal, an f-string, or a concatenation of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _plain_text(node.left) or _plain_text(node.right)
    return False


def plain_raise_sites(text: str, name: str) -> list[str]:
    tree = ast.parse(text)
    sites = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if called not in MESSAGE_ARG:
            continue
        if called == "error" and not (isinstance(node.func, ast.Attribute) and len(node.args) >= 3):
            continue  # where.error(node, key, message, …) only
        index = MESSAGE_ARG[called]
        argument = node.args[index] if len(node.args) > index else None
        argument = argument or next((k.value for k in node.keywords if k.arg in ("message", "reason")), None)
        if argument is not None and _plain_text(argument):
            sites.append(f"{name}:{node.lineno}: {called}(…) with a plain string")
    return sites


def test_every_raise_site_passes_a_bilingual_message():
    sites = []
    for folder in ENGINE_FOLDERS:
        for path in sorted(folder.rglob("*.py")):
            sites.extend(plain_raise_sites(path.read_text(encoding="utf-8"), str(path.relative_to(folder.parent))))
    assert not sites, "\n".join(sites)


def test_the_sweep_finds_a_plain_raise_site():
    assert plain_raise_sites('def f(path):\n    raise InputError(f"{path}: bad")\n', "x.py")
    assert plain_raise_sites('raise where.error(node, key, "bad " + key)\n', "x.py")
    assert plain_raise_sites('raise ConfigError(path, 1, 1, "bad")\n', "x.py")
    assert not plain_raise_sites('raise InputError(i18n.fmt("{p}: bad", "{p}：有误", p=path))\n', "x.py")
