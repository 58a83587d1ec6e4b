"""Configuration files and rule packs are read like code: safely, within bounds, and precisely.

Every mistake is a configuration error (exit 2) naming file:line:col; nothing in them is
executed; hostile files (alias bombs, deep nesting, /dev/zero) are refused quickly.
"""
from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from govlint.grammar import parsers
from govlint.support import cache as cache_policy
from govlint.rules import loader as pack_loader, registry
from govlint.support import yamlio
from govlint.cli import cli
from govlint.lint.config import load_config
from govlint.support.yamlio import ConfigError

PACK_HEAD = "pack: extra\nformats: all\nrules:\n"
RULE = """  - code: {code}
    name: extra-rule
    severity: warning
    kind: pattern-forbidden
    params: {{patterns: ["某某"]}}
    summary: {{zh: 摘要, en: summary}}
    message: {{zh: "{message}", en: "found {{found}}"}}
"""


def pack_text(message: str = "出现“{found}”", code: str = "XT101") -> str:
    return PACK_HEAD + RULE.format(code=code, message=message)


def lint(tmp_path: Path, config: str, *extra: str, files: dict | None = None):
    """Exit code and output of govlint on a clean report, under the configuration text."""
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text(config, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_bytes((EXAMPLES / "clean-2021.txt").read_bytes())
    result = cli_runner().invoke(cli, [str(report), *extra], catch_exceptions=False)
    return result.exit_code, result.output


def error_of(call) -> str:
    with pytest.raises(ConfigError) as info:
        call()
    return str(info.value)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


# -- 1. unknown rule codes are errors ------------------------------------------------------
@pytest.mark.parametrize("config, where", [
    ("ignore: [GL3O3]\n", "1:10"),
    ("select: [GL1]\nextend-select: [GL3O3]\n", "2:17"),
    ("severity:\n  GL3O3: error\n", "2:3"),
    ("per-file-ignores:\n  '*.txt': [GL101, GL3O3]\n", "2:20"),
    ("ignore: GL101, GL3O3\n", "1:9"),  # the comma-separated form: the value's position
])
def test_an_unknown_code_is_a_located_error_with_a_suggestion(tmp_path, config, where):
    code, out = lint(tmp_path, config, "--lang", "en")
    assert code == 2
    assert f".govlint.yaml:{where}: unknown rule code or prefix 'GL3O3'; did you mean 'GL303'?" in out


def test_codes_of_the_configurations_own_packs_are_known(tmp_path):
    code, out = lint(tmp_path, "rule-packs: [extra.yaml]\nignore: [XT101, GL, ALL]\nseverity: {XT1: error}\n",
                     files={"extra.yaml": pack_text()})
    assert code == 0, out
    code, out = lint(tmp_path, "rule-packs: [extra.yaml]\nignore: [XT102]\n", "--lang", "en",
                     files={"extra.yaml": pack_text()})
    assert code == 2 and ".govlint.yaml:2:10: unknown rule code or prefix 'XT102'" in out


def test_exclude_keys_are_lists_of_globs(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("exclude: ['old/*.txt']\nextend-exclude: [drafts/**]\n", encoding="utf-8")
    config = load_config(str(path))
    assert config.exclude == ["old/*.txt"] and config.extend_exclude == ["drafts/**"]
    assert load_config(str(_write(tmp_path, "d.yaml", "lang: en\n"))).exclude == []
    assert error_of(lambda: load_config(str(_write(tmp_path, "e.yaml", "exclude: old\n")))) == \
        f"{tmp_path / 'e.yaml'}:1:10: 'exclude' must be a list of file globs"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 2. message templates name fields only -------------------------------------------------
@pytest.mark.parametrize("message, problem", [
    ("{where.__class__.__mro__}", "{where.__class__.__mro__} is not allowed: a field is a plain name"),
    ("{found[0]}", "{found[0]} is not allowed: a field is a plain name"),
    ("{0}", "{0} is not allowed: a field is a plain name"),
    ("{}", "{} is not allowed: a field is a plain name"),
    ("{found!r}", "{found!r} is not allowed: write the plain field {found}"),
    ("{found:>999999999}", "{found:>999999999} is not allowed: write the plain field {found}"),
    ("oops {", "malformed template (Single '{' encountered in format string)"),
    ("oops }", "malformed template (Single '}' encountered in format string)"),
])
def test_dangerous_or_malformed_templates_are_refused_at_load(tmp_path, message, problem):
    path = _write(tmp_path, "extra.yaml", pack_text(message))
    text = error_of(lambda: pack_loader.load_pack_file(str(path)))
    assert text.startswith(f"{path}:10:19: 'message.zh': {problem}")


def test_a_template_with_braces_written_twice_and_plain_fields_loads(tmp_path):
    path = _write(tmp_path, "extra.yaml", pack_text("{{字面}} {found}"))
    [rule] = pack_loader.load_pack_file(str(path))
    assert rule.text(rule.message, "zh", {"found": "某某"}) == "{字面} 某某"


def test_templates_of_cases_are_checked_too(tmp_path):
    text = pack_text().replace("kind: pattern-forbidden", "kind: cell-values").replace(
        'params: {patterns: ["某某"]}', 'cases: {blank: {message: "{where.x}"}}')
    path = _write(tmp_path, "extra.yaml", text)
    assert error_of(lambda: pack_loader.load_pack_file(str(path))).startswith(
        f"{path}:8:30: 'message.zh': {{where.x}} is not allowed")


def test_declared_fields_are_enforced(tmp_path):
    path = _write(tmp_path, "extra.yaml", pack_text("{foud}"))
    assert "check kind 'pattern-forbidden' provides no field {foud} (fields: found)" in \
        error_of(lambda: pack_loader.load_pack_file(str(path)))


def test_every_builtin_template_passes():
    assert pack_loader.builtin_rules()


# -- 3. relations --------------------------------------------------------------------------
RELATION_PACK = PACK_HEAD + """  - code: XT301
    name: extra-total
    severity: error
    kind: cell-relation
    params:
      relations:
        - table: table3
          expr: {expr}
    message: {{zh: "{{where}}", en: "{{where}}"}}
"""


@pytest.mark.parametrize("expr, problem", [
    ("__class__ == total", "cannot parse relation '__class__ == total'"),
    ("totl == natural", "unknown name 'totl' in relation 'totl == natural'; did you mean 'total'?"),
    ("total == " + "+".join(["new"] * 100_000), "is longer than 2,000 characters"),
    ("total == " + "+".join(["new"] * 300), "has more than 200 terms"),
])
def test_relations_are_restricted_to_table_keys_and_bounded(tmp_path, expr, problem):
    path = _write(tmp_path, "extra.yaml", RELATION_PACK.format(expr=expr))
    started = time.monotonic()
    text = error_of(lambda: pack_loader.load_pack_file(str(path)))
    assert time.monotonic() - started < 5
    assert text.startswith(f"{path}:11:17: ") and problem in text


# -- 4. YAML: bounded, plain, located ------------------------------------------------------
BOMB = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


@pytest.mark.parametrize("text, where, problem", [
    (BOMB, "1:5", "anchors (&a0) are not allowed"),
    ("a: [1]\nb: *x\n", "2:4", "aliases (*x) are not allowed"),
    # The top mapping is level 1: the 20th "[" (column 23) is level 21.
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "1:23", "nested more than 20 levels deep"),
    ("a: !!python/object/apply:os.system ['true']\n", "1:4",
     "the tag '!!python/object/apply:os.system' is not allowed"),
    ("a: !custom x\n", "1:4", "the tag '!custom' is not allowed"),
    ("report-year: " + "9" * 5000 + "\n", "1:14", "a number longer than 40 characters; quote it if it is text"),
    ("a: 1\na: 2\n", "2:1", "invalid YAML"),
])
@pytest.mark.parametrize("positions", [True, False])
def test_hostile_yaml_is_refused_quickly_with_a_position(text, where, problem, positions):
    started = time.monotonic()
    message = error_of(lambda: yamlio.load(text, "x.yaml", positions=positions))
    assert time.monotonic() - started < 5
    assert message.startswith(f"x.yaml:{where}: {problem}")


def test_a_long_quoted_number_is_text():
    assert yamlio.load("a: '" + "9" * 5000 + "'\n", "x.yaml") == {"a": "9" * 5000}


def test_a_hostile_configuration_exits_2_through_the_cli(tmp_path):
    code, out = lint(tmp_path, "lang: !!python/object/apply:os.system ['touch pwned']\n", "--lang", "en")
    assert code == 2 and ".govlint.yaml:1:7: the tag '!!python/object/apply:os.system' is not allowed" in out
    assert not (tmp_path / "pwned").exists()
    code, out = lint(tmp_path, "report-year: " + "9" * 5000 + "\n", "--lang", "en")
    assert code == 2 and ".govlint.yaml:1:14: a number longer than 40 characters" in out


def test_an_alias_bomb_in_a_pack_is_refused_and_never_cached(tmp_path):
    cache = tmp_path / "cache"
    path = _write(tmp_path, "bomb.yaml", PACK_HEAD.replace("rules:\n", "x: ") + "\n" + BOMB)
    assert error_of(lambda: pack_loader.load_pack_file(str(path))).startswith(
        f"{path}:4:5: anchors (&a0) are not allowed")
    assert not list(cache.glob("yaml-*"))


def test_only_validated_packs_reach_the_cache(tmp_path):
    cache = tmp_path / "cache"
    bad = _write(tmp_path, "bad.yaml", pack_text("{0}"))
    with pytest.raises(ConfigError):
        pack_loader.load_pack_file(str(bad))
    assert not list(cache.glob("yaml-*"))
    good = _write(tmp_path, "good.yaml", pack_text())
    pack_loader.load_pack_file(str(good))
    assert len(list(cache.glob("yaml-*.json"))) == 1


def test_a_cache_entry_is_validated_again_when_read(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    text = pack_text()
    entry = yamlio._cache_file(text, str(cache))
    # A cache entry that does not pass validation (as if planted or stale) is not trusted.
    Path(entry).write_text('{"pack": "x", "rules": [{"code": "XT101", "name": "extra-rule", "severity": "warning",'
                           ' "kind": "pattern-forbidden", "params": {"patterns": ["x"]},'
                           ' "message": {"zh": "{found.__class__}"}}]}', encoding="utf-8")
    [rule] = pack_loader.load_pack(text, "p.yaml", str(cache))
    assert rule.message["zh"] == "出现“{found}”"


def test_a_duplicate_builtin_code_is_located_in_the_user_pack(tmp_path):
    code, out = lint(tmp_path, "rule-packs: [extra.yaml]\n", "--lang", "en",
                     files={"extra.yaml": pack_text(code="GL303")})
    assert code == 2
    assert f"{tmp_path / 'extra.yaml'}:4:11: GL303 for format 2021 is already defined by pack 'tables'" in out


def test_a_pack_listed_twice_is_an_error(tmp_path):
    code, out = lint(tmp_path, "rule-packs: [extra.yaml, ./extra.yaml]\n", "--lang", "en",
                     files={"extra.yaml": pack_text()})
    assert code == 2 and ".govlint.yaml:1:26: rule pack listed twice: ./extra.yaml" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_only_regular_files_of_bounded_size_are_read(tmp_path):
    for special in ("/dev/zero", str(tmp_path / "fifo")):
        if special.endswith("fifo"):
            os.mkfifo(special)
        started = time.monotonic()
        result = cli_runner().invoke(cli, ["--lang", "en", "--config", special, str(EXAMPLES / "clean-2021.txt")])
        assert time.monotonic() - started < 10
        assert result.exit_code == 2
        assert f"{special}: cannot read configuration: not a regular file" in result.output
    big = _write(tmp_path, "big.yaml", "# " + "x" * yamlio.MAX_BYTES + "\n")
    assert error_of(lambda: load_config(str(big))) == f"{big}: configuration is larger than 1,000,000 bytes"
    (tmp_path / "latin.yaml").write_bytes(b"lang: zh\n# \xff\n")
    assert error_of(lambda: load_config(str(tmp_path / "latin.yaml"))) == \
        f"{tmp_path / 'latin.yaml'}:2:3: configuration is not UTF-8 text"


def test_a_fifo_rule_pack_is_refused_at_its_listing(tmp_path):
    os.mkfifo(tmp_path / "pack.yaml")
    code, out = lint(tmp_path, "rule-packs: [pack.yaml]\n", "--lang", "en")
    assert code == 2 and ".govlint.yaml:1:14: rule pack is not a regular file: pack.yaml" in out


# -- 5. the cache folder is the user's alone -------------------------------------------------
def test_the_cache_folder_is_created_private(tmp_path):
    folder = cache_policy.cache_directory()
    assert folder == str(tmp_path / "cache")
    assert stat.S_IMODE(os.stat(folder).st_mode) & 0o077 == 0
    assert pack_loader.cache_directory is cache_policy.cache_directory  # one folder, one check, for both caches


def test_xdg_and_home_locations(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_policy.cache_directory() == str(tmp_path / "xdg" / "govlint")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as the spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_policy.cache_directory() == str(tmp_path / "home" / ".cache" / "govlint")


@pytest.mark.parametrize("make", ["symlink", "group-writable", "someone-else", "file"])
def test_an_unsafe_cache_folder_is_not_used_and_nothing_falls_back_to_tmp(tmp_path, monkeypatch, make):
    target = tmp_path / "cache"
    if make == "symlink":
        (tmp_path / "real").mkdir(mode=0o700)
        target.symlink_to(tmp_path / "real")
    elif make == "group-writable":
        target.mkdir()
        target.chmod(0o770)
    elif make == "someone-else":
        target.mkdir(mode=0o700)
        monkeypatch.setattr(cache_policy.os, "getuid", lambda: os.stat(target).st_uid + 1)
    else:
        target.write_text("", encoding="utf-8")
    assert cache_policy.cache_directory() is None
    before = set(os.listdir("/tmp"))
    parsers.load("relation")  # built in memory
    pack_loader.load_pack(pack_text(), "p.yaml", cache_policy.cache_directory())
    assert not {name for name in set(os.listdir("/tmp")) - before if "govlint" in name}


class _Payload:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


@pytest.mark.parametrize("plant", ["symlink", "someone-else"])
def test_a_planted_grammar_pickle_is_never_loaded(tmp_path, monkeypatch, plant):
    folder = Path(cache_policy.cache_directory())
    parsers.load("relation")
    [cache] = folder.glob("relation-*.lark")
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pickle"
    evil.write_bytes(b"x\n" + pickle.dumps(_Payload(str(marker))))
    cache.unlink()
    if plant == "symlink":
        cache.symlink_to(evil)
    else:
        cache.write_bytes(evil.read_bytes())
        real = os.getuid()
        monkeypatch.setattr(cache_policy.os, "getuid", lambda: real + 1)
        monkeypatch.setattr(cache_policy, "cache_directory", lambda: str(folder))
    assert not cache_policy.usable_cache_file(str(cache))
    assert cache_policy.open_cache_file(str(cache)) is None
    parsers.load("relation").parse("total == new")
    assert not marker.exists()


# -- 6. plug-ins that fail to load are reported ---------------------------------------------
class _Point:
    def __init__(self, name, value, error):
        self.name, self.value, self.error = name, value, error

    def load(self):
        raise self.error


def _broken_plugin(monkeypatch):
    import importlib.metadata

    kinds = registry.KINDS  # as if no plug-in had been loaded yet (restored after the test)
    monkeypatch.setattr(kinds, "_units", dict(kinds.units()))
    point = _Point("nx-seal", "govlint_ningxia.checks:SealCheck", ImportError("No module named 'govlint_ningxia'"))
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: [point] if kw else {"govlint.checks": [point]})
    monkeypatch.setattr(kinds, "_plugins_loaded", False)
    monkeypatch.setattr(kinds, "_errors", {})


def test_a_plugin_that_fails_to_load_is_reported(monkeypatch):
    _broken_plugin(monkeypatch)
    registry.all_kinds()
    assert registry.load_errors() == ["plug-in 'nx-seal' (govlint_ningxia.checks:SealCheck) could not be loaded: "
                                      "ImportError: No module named 'govlint_ningxia'"]


def test_a_pack_using_a_failed_plugins_kind_names_the_failure(tmp_path, monkeypatch):
    _broken_plugin(monkeypatch)
    path = _write(tmp_path, "extra.yaml", pack_text().replace("kind: pattern-forbidden", "kind: nx-seal")
                  .replace('params: {patterns: ["某某"]}', "enabled: true"))
    assert error_of(lambda: pack_loader.load_pack_file(str(path))) == (
        f"{path}:7:5: XT101: unknown check kind 'nx-seal'; plug-in 'nx-seal' (govlint_ningxia.checks:SealCheck) "
        "could not be loaded: ImportError: No module named 'govlint_ningxia'")


def test_the_cli_warns_about_a_plugin_that_failed_to_load(monkeypatch):
    from conftest import EXAMPLES, cli_runner
    from govlint.cli import cli

    _broken_plugin(monkeypatch)
    registry.all_kinds()  # as a run whose configuration names a plug-in kind would
    result = cli_runner().invoke(cli, ["--lang", "en", str(EXAMPLES / "clean-2021.txt")], catch_exceptions=False)
    assert result.exit_code == 0
    assert ("govlint: warning: plug-in 'nx-seal' (govlint_ningxia.checks:SealCheck) could not be loaded: "
            "ImportError: No module named 'govlint_ningxia'") in result.stderr


def test_a_cached_grammar_is_keyed_by_its_options_values_too():
    """Two start symbols' parsers of one grammar are two cache files: a parser built for other start
    symbols is never loaded for these."""
    folder = Path(cache_policy.cache_directory())
    parsers.load("report", start=["start"])
    parsers.load("report", start=["start", "table3"])
    assert len(list(folder.glob("report-*.lark"))) == 2
    assert parsers.load("report", start=["start", "table3"]).options.start == ["start", "table3"]
