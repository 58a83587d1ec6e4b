"""Configuration: ``.govlint.yaml`` in the report's folder or any parent, or ``--config``.

::

    select: [GL1, GL3]          # rule codes or prefixes; "ALL" for everything
    ignore: [GL203]
    severity: {GL502: error}    # per-rule severity
    rules:                      # a rule's parameters, validated as in a rule pack
      GL101: {params: {variants: ["政府信息公开工作报告"]}}
    rule-packs: [rules/ningxia.yaml]   # extra packs, relative to this file
    per-file-ignores:
      "drafts/*.txt": [GL101]
    report-year: 2022           # when the report does not say
    fail-on: warning            # lowest severity that fails the run
    lang: zh                    # zh or en
    baseline: govlint-baseline.json   # accepted diagnostics (govlint --write-baseline)
    exclude: ["archive/**"]     # file globs not to check (extend-exclude adds to the defaults)

``rules:`` overrides parameters of built-in rules (and of the listed packs' rules): the
parameters ``govlint kinds`` lists for the rule's check kind, each replacing the pack's value.

Selection follows ruff: the most specific selector wins, and on a tie
``ignore`` wins over ``select``.  A code or prefix that matches no rule (of the
built-in packs or the packs listed here) is an error, not a silent no-op.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from govlint.diagnostics import SEVERITIES
from govlint.support import i18n
from govlint.lint import selectors
from govlint.support.yamlio import ConfigError, Located, plain, read

CONFIG_NAMES = (".govlint.yaml", ".govlint.yml")
_KEYS = {"select", "ignore", "severity", "rule-packs", "per-file-ignores", "report-year", "fail-on", "lang",
         "extend-select", "baseline", "exclude", "extend-exclude", "rules"}
_KEYS.add("aliases")  # old body name → new one, for pairing reports across years (lint/across.py)
_KEYS.add("roster")  # the bodies that must publish a report (GL807, rules/kinds/across_roster.py)
RULE_SETTINGS = ("params",)  # what `rules: {CODE: …}` may set


@dataclass
class Config:
    path: str | None = None
    select: list | None = None
    extend_select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    rule_packs: list = field(default_factory=list)
    per_file_ignores: dict = field(default_factory=dict)
    report_year: int | None = None
    fail_on: str | None = None
    lang: str | None = None
    baseline: str | None = None  # absolute path of a baseline file
    baseline_error: Exception | None = None
    exclude: list = field(default_factory=list)         # file globs
    extend_exclude: list = field(default_factory=list)
    rule_params: dict = field(default_factory=dict)     # code → parameters overriding the pack's
    aliases: dict = field(default_factory=dict)         # a body's old name → its new name (pairing)
    roster: object | None = None                        # the roster of bodies (across_roster.Roster), read

    @property
    def rules_key(self) -> tuple:
        """What makes this configuration's rule set: its packs and its parameter overrides (a cache key)."""
        from govlint.rules.loader import params_key

        return tuple(self.rule_packs), params_key(self.rule_params)

    @property
    def directory(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def ignored_for(self, file_path: str) -> list[str]:
        """Codes ignored for one file by per-file-ignores (globs relative to the config's folder)."""
        if not self.per_file_ignores or file_path == "-":
            return []
        absolute = os.path.abspath(file_path)
        relative = os.path.relpath(absolute, self.directory).replace(os.sep, "/")
        codes = []
        for pattern, ignored in self.per_file_ignores.items():
            if (fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(file_path), pattern)
                    or fnmatch.fnmatch(absolute.replace(os.sep, "/"), pattern)):
                codes.extend(ignored)
        return codes


def _codes(where: Located, node, key, seen: list) -> list[str]:
    """The selectors under ``node[key]``; each is noted in ``seen`` with where it is written."""
    value = node.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",") if part.strip()]
        places = [(node, key, True)] * len(parts)
        value = parts
    elif isinstance(value, list):
        places = [(value, index, False) for index in range(len(value))]
    else:
        raise where.error(node, key, i18n.fmt("'{key}' must be a list of rule codes or prefixes",
                                              "'{key}' 应为规则代码或前缀的列表", key=key), value=True)
    for item, (container, place, is_value) in zip(value, places):
        if not isinstance(item, str) or not _is_selector(item):
            raise where.error(container, place, i18n.fmt("{item!r} is not a rule code or prefix (like GL3 or GL303) "
                                                         "or ALL", "{item!r} 不是规则代码或前缀（如 GL3 或 GL303），"
                                                         "也不是 ALL", item=str(item)), value=is_value)
        seen.append((str(item).upper(), container, place, is_value))
    return [str(item).upper() for item in value]


def _globs(where: Located, node, key) -> list[str]:
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise where.error(node, key, i18n.fmt("'{key}' must be a list of file globs",
                                              "'{key}' 应为文件通配模式（glob）的列表", key=key), value=True)
    return [str(item) for item in value]


def _known_rules(rule_packs: list) -> list:
    """The rules of the built-in packs and of this configuration's packs."""
    from govlint.rules.loader import builtin_rules, load_pack_file

    rules = list(builtin_rules())
    for pack in rule_packs:
        rules.extend(load_pack_file(pack))
    return rules


def _check_selectors(where: Located, seen: list, rule_packs: list) -> None:
    """Every selector must match a rule of the built-in packs or of this configuration's packs."""
    if not seen:
        return
    known = {rule.code for rule in _known_rules(rule_packs)}
    hints = dict(selectors.unknown({selector for selector, *_ in seen}, known))
    for selector, container, place, is_value in seen:
        if selector in hints:
            raise where.error(container, place, selectors.describe(selector, hints[selector]), value=is_value)


def _rule_params(where: Located, data, rule_packs: list) -> dict:
    """``rules: {CODE: {params: {…}}}``: code → the parameters given, validated against the rule's kind."""
    node = data.get("rules")
    if node is None:
        return {}
    if not isinstance(node, dict):
        raise where.error(data, "rules", i18n.msg("'rules' maps rule codes to their settings, like "
                                                  "GL101: {params: {…}}", "'rules' 应把规则代码对应到其设置，如 "
                                                  "GL101: {params: {…}}"), value=True)
    from govlint.rules.schema import check_override

    by_code: dict = {}
    for rule in _known_rules(rule_packs):
        by_code.setdefault(rule.code, []).append(rule)
    result = {}
    for code, settings in node.items():
        if str(code) not in by_code:
            hint = selectors.suggestion(str(code).upper(), by_code)
            raise where.error(node, code, i18n.fmt(
                "unknown rule code {code!r}{hint}; 'rules' takes whole codes such as GL101",
                "未知的规则代码 {code!r}{hint_zh}；'rules' 下应写完整的规则代码，如 GL101", code=str(code),
                hint=f" (did you mean {hint}?)" if hint else "", hint_zh=f"（是否应为 {hint}？）" if hint else ""))
        if not isinstance(settings, dict):
            raise where.error(node, code, i18n.fmt("'rules.{code}' must be a mapping of settings ({settings})",
                                                   "'rules.{code}' 应为设置的映射（{settings}）", code=code,
                                                   settings=", ".join(RULE_SETTINGS)), value=True)
        for key in settings:
            if key not in RULE_SETTINGS:
                hint = (i18n.msg("; a rule's severity is set under the top-level 'severity:'",
                                 "；规则的严重级别请在顶层的 'severity:' 下设置") if key == "severity" else "")
                raise where.error(settings, key, i18n.join(i18n.fmt(
                    "unknown setting {key!r} for {code} (settings: {settings})",
                    "{code} 的设置项 {key!r} 未知（可用：{settings}）", key=str(key), code=code,
                    settings=", ".join(RULE_SETTINGS)), hint))
        if "params" in settings:
            result[str(code)] = check_override(where, settings, "params", by_code[str(code)])
    return result


def _is_selector(text: str) -> bool:
    text = str(text).upper()
    return text == "ALL" or (text[:1].isalpha() and text.isalnum() and len(text) <= 8)


def parse_config(data, path: str) -> Config:
    where = Located(path)
    if data is None:
        return Config(path=path)
    where.check_mapping(data, _KEYS, i18n.msg("the configuration must be a mapping (select:, ignore:, severity: …)",
                                              "配置应为“键: 值”的映射（select:、ignore:、severity: …）"),
                        lambda key: i18n.fmt("unknown setting {key!r}; known settings: {known}",
                                             "未知的设置项 {key!r}；可用的设置项：{known}",
                                             key=key, known=", ".join(sorted(_KEYS))))
    config = Config(path=path)
    seen: list = []  # every selector, checked once the rule packs are known
    if "select" in data:
        config.select = _codes(where, data, "select", seen)
        if not config.select:  # `select:` left empty would switch every rule off: a silent pass
            raise where.error(data, "select", i18n.fmt(
                "'select' names no rule: nothing would be checked; remove it, or list codes or prefixes "
                "(ALL for every rule)", "'select' 没有给出任何规则，什么也不会检查；请删除此项，或列出规则代码或前缀"
                "（全部规则用 ALL）"), value=False)
    config.extend_select = _codes(where, data, "extend-select", seen)
    config.ignore = _codes(where, data, "ignore", seen)
    severity = data.get("severity") or {}
    if not isinstance(severity, dict):
        raise where.error(data, "severity", i18n.msg("'severity' maps rule codes to info, warning or error",
                                                     "'severity' 应把规则代码对应到 info、warning 或 error"), value=True)
    for code, level in severity.items():
        if not isinstance(code, str) or not _is_selector(code):
            raise where.error(severity, code, i18n.fmt("{code!r} is not a rule code or prefix",
                                                       "{code!r} 不是规则代码或前缀", code=str(code)))
        seen.append((str(code).upper(), severity, code, False))
        if level not in SEVERITIES:
            raise where.error(severity, code, i18n.fmt("severity of {code} must be one of {levels}",
                                                       "{code} 的严重级别应为 {levels} 之一",
                                                       code=code, levels=", ".join(SEVERITIES)), value=True)
        config.severity[str(code).upper()] = str(level)
    packs = data.get("rule-packs") or []
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        raise where.error(data, "rule-packs", i18n.msg("'rule-packs' must be a list of file paths",
                                                       "'rule-packs' 应为文件路径的列表"), value=True)
    base = os.path.dirname(os.path.abspath(path))
    for index, pack in enumerate(packs):
        full = os.path.normpath(os.path.join(base, pack))  # normalised: a pack listed twice is seen
        if not os.path.exists(full):
            raise where.error(packs, index, i18n.fmt("rule pack not found: {pack}", "找不到规则包：{pack}", pack=pack))
        if not os.path.isfile(full):
            raise where.error(packs, index, i18n.fmt("rule pack is not a regular file: {pack}",
                                                     "规则包不是普通文件：{pack}", pack=pack))
        if full in config.rule_packs:
            raise where.error(packs, index, i18n.fmt("rule pack listed twice: {pack}", "规则包重复列出：{pack}",
                                                     pack=pack))
        config.rule_packs.append(full)
    ignores = data.get("per-file-ignores") or {}
    if not isinstance(ignores, dict):
        raise where.error(data, "per-file-ignores", i18n.msg("'per-file-ignores' maps file globs to rule codes",
                                                             "'per-file-ignores' 应把文件通配模式对应到规则代码"),
                          value=True)
    for pattern in ignores:
        codes = _codes(where, ignores, pattern, seen)
        if not codes:
            raise where.error(ignores, pattern, i18n.fmt("per-file ignore for {pattern!r} must name the rules it "
                                                         "ignores",
                                                         "{pattern!r} 的按文件忽略应列出要忽略的规则",
                                                         pattern=str(pattern)))
        config.per_file_ignores[str(pattern)] = codes
    if "report-year" in data:
        year = data["report-year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
            raise where.error(data, "report-year", i18n.msg("'report-year' must be a year such as 2022",
                                                            "'report-year' 应为年份，如 2022"), value=True)
        config.report_year = int(year)
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise where.error(data, "fail-on", i18n.fmt("'fail-on' must be one of {levels}", "'fail-on' 应为 {levels} 之一",
                                                        levels=", ".join(SEVERITIES)), value=True)
        config.fail_on = str(data["fail-on"])
    if "baseline" in data:
        if not isinstance(data["baseline"], str):
            raise where.error(data, "baseline", i18n.msg("'baseline' must be the path of a baseline file",
                                                         "'baseline' 应为基线文件的路径"), value=True)
        full = os.path.join(base, data["baseline"])
        config.baseline = full
        if not os.path.isfile(full):
            # Raised when the baseline is used, not when --write-baseline is about to create it.
            config.baseline_error = where.error(data, "baseline", i18n.fmt(
                "baseline not found: {path} (create it with govlint --write-baseline)",
                "找不到基线文件：{path}（可用 govlint --write-baseline 生成）", path=data["baseline"]), value=True)
    if "lang" in data:
        if data["lang"] not in ("zh", "en"):
            raise where.error(data, "lang", i18n.msg("'lang' must be zh or en", "'lang' 应为 zh 或 en"), value=True)
        config.lang = str(data["lang"])
    config.exclude = _globs(where, data, "exclude")
    config.extend_exclude = _globs(where, data, "extend-exclude")
    _check_selectors(where, seen, config.rule_packs)
    config.rule_params = _rule_params(where, data, config.rule_packs)
    config.aliases = _aliases(where, data)
    config.roster = _roster(where, data, base)
    return config


def _aliases(where: Located, data) -> dict:
    """``aliases: {old body name: new body name}``: a body renamed between two years is still one body
    for pairing (lint/across.py).  Names are compared without whitespace."""
    node = data.get("aliases")
    if node is None:
        return {}
    bad = i18n.msg("'aliases' maps a body's old name to its new name (中卫市行政审批服务局: 中卫市审批服务管理局)",
                   "'aliases' 应把单位的旧名称对应到新名称（如 中卫市行政审批服务局: 中卫市审批服务管理局）")
    if not isinstance(node, dict):
        raise where.error(data, "aliases", bad, value=True)
    aliases = {}
    for old, new in node.items():
        if not isinstance(old, str) or not isinstance(new, str) or not "".join(old.split()) \
                or not "".join(new.split()):
            raise where.error(node, old, bad, value=True)
        aliases["".join(old.split())] = "".join(new.split())
    return aliases


def _roster(where: Located, data, base: str):
    """``roster: bodies.yaml`` (or .csv), relative to this file: the bodies that must publish a report
    every year (GL807).  Read now, so that a bad roster stops the run before any report is checked."""
    node = data.get("roster")
    if node is None:
        return None
    if not isinstance(node, str) or not node.strip():
        raise where.error(data, "roster", i18n.msg("'roster' must be the path of a YAML or CSV list of bodies",
                                                   "'roster' 应为单位名单（YAML 或 CSV 文件）的路径"), value=True)
    full = os.path.normpath(os.path.join(base, node))
    if not os.path.isfile(full):
        raise where.error(data, "roster", i18n.fmt("roster not found: {path}", "找不到单位名单：{path}", path=node),
                          value=True)
    from govlint.rules.kinds.across_roster import read_roster

    return read_roster(full)


def load_config(path: str) -> Config:
    return parse_config(read(path), path)


class ConfigFinder:
    """Finds the configuration that applies to each file (cached per folder)."""

    def __init__(self, explicit: str | None = None):
        self.explicit = load_config(explicit) if explicit else None
        self._by_folder: dict[str, Config] = {}
        self._by_head: dict[tuple[str, str], Config] = {}  # (folder as written, working directory or "")

    def for_file(self, file_path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        if file_path == "-":
            return self._find(os.getcwd())
        # A batch asks for each of its files several times (lint, pairing, the cross-document pass):
        # the folder as written, with the working directory for a relative one, is looked up first
        # (abspath normalises at a few microseconds a call).
        head, name = os.path.split(file_path)
        if name in ("", ".", ".."):  # a folder named by a trailing slash or a dot: not "a file in head"
            return self._find(os.path.dirname(os.path.abspath(file_path)))
        key = (head, "" if os.path.isabs(head) else os.getcwd())
        config = self._by_head.get(key)
        if config is None:
            config = self._by_head[key] = self._find(os.path.dirname(os.path.abspath(file_path)))
        return config

    def _find(self, folder: str) -> Config:
        if folder in self._by_folder:
            return self._by_folder[folder]
        config = None
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            # Not only regular files: a FIFO or device here is reported, not skipped.
            if os.path.exists(candidate) and not os.path.isdir(candidate):
                config = load_config(candidate)
                break
        if config is None:
            parent = os.path.dirname(folder)
            config = Config() if parent == folder else self._find(parent)
        self._by_folder[folder] = config
        return config


def selected(code: str, select: list | None, ignore: list, enabled_by_default: bool = True,
             extend_select: list | None = None) -> bool:
    """Is a rule on?  The longest matching selector decides; ignore wins ties."""
    best_len = -1
    best_on = False
    selectors = []
    if select is None:
        if enabled_by_default:
            selectors.append(("", True))
    else:
        selectors.extend((s, True) for s in select)
    selectors.extend((s, True) for s in extend_select or [])
    selectors.extend((s, False) for s in ignore)
    for selector, on in selectors:
        prefix = "" if selector == "ALL" else selector
        if code.startswith(prefix):
            if len(prefix) > best_len or (len(prefix) == best_len and not on):
                best_len, best_on = len(prefix), on
    return best_on


__all__ = ["Config", "ConfigError", "ConfigFinder", "load_config", "parse_config", "selected", "plain"]
