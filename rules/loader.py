"""Rule packs: YAML files that name each rule, its code, severity, check kind,
parameters, messages (zh and en), description and examples.

A pack applies to some report formats::

    pack: tables
    formats: [2021, 2019-trial]
    rules:
      - code: GL303
        name: row-total
        family: table
        severity: error
        kind: cell-relation
        summary: {zh: 行合计与各项之和不符, en: a row total differs from the sum of its parts}
        message: {zh: "…{found}…{expected}", en: "…"}
        params: {relations: [{table: table3, for_each: row, expr: "total == natural + …"}]}
        examples: {fail: […], pass: […]}

The built-in packs are in govlint/rules/packs/; configuration adds more.
"""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from govlint.support import i18n
from govlint.grammar.spec import FORMATS
from govlint.diagnostics import SEVERITIES, Diagnostic, Finding, Fix
from govlint.rules.registry import CheckKind, get_kind, unknown_kind_reason
from govlint.support.cache import cache_directory
from govlint.rules.relation import RelationError
from govlint.support.yamlio import ConfigError, Located, load, load_cached, plain, read_text

CODE = re.compile(r"^[A-Z]{1,5}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
LANGS = ("zh", "en")
FAMILIES = {"1": "structure", "2": "citation", "3": "table", "4": "consistency", "5": "publication",
            "6": "content", "7": "wording", "0": "parse"}
TEMPLATES = ("message", "fix", "help")  # the texts filled in with a finding's fields
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_RULE_KEYS = {"code", "name", "family", "severity", "kind", "summary", "message", "cases", "fix", "help",
              "description", "params", "examples", "enabled", "formats", "safe"}


class _SafeArgs(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@dataclass
class Rule:
    code: str
    name: str
    family: str
    severity: str
    kind: CheckKind
    params: dict
    message: dict
    summary: dict
    description: str = ""  # the Chinese text; descriptions has every language's
    cases: dict = field(default_factory=dict)
    fix: dict | None = None
    help: dict | None = None
    examples: dict = field(default_factory=dict)
    formats: tuple = FORMATS
    enabled: bool = True
    pack: str = ""
    source: str = ""  # the pack's file
    descriptions: dict = field(default_factory=dict)  # lang → description (a pack may give zh only)

    @property
    def fixable(self) -> bool:
        """A fix for the rule's message or for one of its cases (GL204 fixes only a wrong issuer code)."""
        return self.fix is not None or any(spec.get("fix") for spec in self.cases.values())

    def describe(self, lang: str) -> str:
        """The description in ``lang``, else the Chinese one."""
        return self.descriptions.get(lang) or self.description

    def text(self, table: dict | None, lang: str, args: dict) -> str | None:
        if not table:
            return None
        template = table.get(lang) or table.get("zh") or next(iter(table.values()))
        return template.format_map(_SafeArgs(args))

    def render(self, finding: Finding, lang: str, severity: str | None = None) -> Diagnostic:
        case = self.cases.get(finding.case, {}) if finding.case else {}
        message = self.text(case.get("message") or self.message, lang, finding.args)
        fix = None
        fix_text = self.text(case.get("fix") or self.fix, lang, finding.args)
        if finding.edits and fix_text:
            fix = Fix(fix_text, finding.edits, finding.safe and case.get("safe", True))
        help_text = fix_text or self.text(case.get("help") or self.help, lang, finding.args)
        chosen = severity or case.get("severity") or self.severity
        return Diagnostic(self.code, self.name, chosen, message, finding.span, fix, help_text,
                          list(finding.related), self.family, dict(finding.args))

    def run(self, doc):
        return self.kind.check(doc, self.params)


def _template_problem(text: str, kind: type[CheckKind]) -> str | None:
    """What is wrong with a message template, or None.  Fields are plain names: no
    positions, attributes, indexes, conversions or format specifications, which
    would reach into Python objects or build huge strings."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return i18n.fmt("malformed template ({error}); write a literal brace as {{{{ or }}}}",
                        "模板格式有误（{error}）；字面的花括号请写成 {{{{ 或 }}}}", error=exc)
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not _FIELD.match(name):
            return i18n.fmt("{shown} is not allowed: a field is a plain name such as {{found}}",
                            "不允许使用 {shown}：字段应是简单的名称，如 {{found}}", shown=shown)
        if conversion or spec:
            return i18n.fmt("{shown} is not allowed: write the plain field {{{name}}}",
                            "不允许使用 {shown}：请写简单字段 {{{name}}}", shown=shown, name=name)
        if kind.FIELDS is not None and name not in kind.FIELDS:
            return i18n.fmt("check kind '{kind}' provides no field {{{name}}} (fields: {fields})",
                            "检查类型 '{kind}' 没有字段 {{{name}}}（可用字段：{fields_zh}）", kind=kind.name, name=name,
                            fields=", ".join(kind.FIELDS) or "none", fields_zh=", ".join(kind.FIELDS) or "无")
    return None


def _lang_map(where: Located, node, key, required: bool = True,
              kind: type[CheckKind] | None = None) -> dict | None:
    value = node.get(key)
    if value is None:
        if required:
            raise where.error(node, None, i18n.fmt("rule needs '{key}' with zh and en texts",
                                                   "规则需要 '{key}'，并提供 zh 和 en 文本", key=key))
        return None
    if isinstance(value, str):
        texts, located = {"zh": value, "en": value}, {"zh": (node, key), "en": (node, key)}
    elif not isinstance(value, dict) or "zh" not in value:
        raise where.error(node, key, i18n.fmt("'{key}' must map languages (zh, en) to texts",
                                              "'{key}' 应把语言（zh、en）对应到文本", key=key), value=True)
    else:
        texts, located = dict(value), {lang: (value, lang) for lang in value}
    for lang, text in texts.items():
        if lang not in LANGS or not isinstance(text, str):
            raise where.error(value, lang, i18n.fmt("'{key}.{lang}': expected a text in zh or en",
                                                    "'{key}.{lang}'：应为 zh 或 en 的文本", key=key, lang=lang))
        problem = _template_problem(text, kind) if kind is not None else None
        if problem:
            raise where.error(*located[lang], i18n.fmt("'{key}.{lang}': {problem}", "'{key}.{lang}'：{problem}",
                                                       key=key, lang=lang, problem=problem), value=True)
    return {str(k): str(v) for k, v in texts.items()}


def _formats(where: Located, node, key, default) -> tuple:
    value = node.get(key)
    if value is None:
        return default
    if isinstance(value, (str, int)):
        value = [value]
    result = []
    for index, item in enumerate(value):
        item = str(item)
        if item == "all":
            return FORMATS
        if item not in FORMATS:
            raise where.error(value, index, i18n.fmt("unknown format {item!r}; expected one of {formats} or all",
                                                     "未知的格式 {item!r}；应为 {formats} 之一或 all",
                                                     item=item, formats=", ".join(FORMATS)))
        result.append(item)
    return tuple(result)


def _params(where: Located, rule_node, kind: type[CheckKind]) -> dict:
    given = rule_node.get("params") or {}
    if not isinstance(given, dict):
        raise where.error(rule_node, "params", i18n.msg("'params' must be a mapping", "'params' 应为映射"), value=True)
    result = {}
    for key in given:
        if key not in kind.PARAMS:
            known = ", ".join(sorted(kind.PARAMS)) or "none"
            raise where.error(given, key, i18n.fmt("check kind '{kind}' has no parameter {key!r} (parameters: {known})",
                                                   "检查类型 '{kind}' 没有参数 {key!r}（可用参数：{known}）",
                                                   kind=kind.name, key=key, known=known))
    for key, spec in kind.PARAMS.items():
        if key in given:
            value = given[key]
            if not isinstance(value, spec.type) or (isinstance(value, bool) and spec.type in (int, float)):
                expected = getattr(spec.type, "__name__", None) or "/".join(t.__name__ for t in spec.type)
                raise where.error(given, key, i18n.fmt("parameter {key!r} of '{kind}' must be {expected}",
                                                       "'{kind}' 的参数 {key!r} 应为 {expected}",
                                                       key=key, kind=kind.name, expected=expected), value=True)
            result[key] = plain(value)
        elif spec.required:
            raise where.error(rule_node, "params", i18n.fmt("check kind '{kind}' needs parameter {key!r}",
                                                            "检查类型 '{kind}' 需要参数 {key!r}", kind=kind.name, key=key))
        else:
            result[key] = spec.default
    validate = getattr(kind, "validate_params", None)
    if validate:
        try:
            validate(result)
        except RelationError as exc:
            node, key = _find_text(given, exc.text) or (rule_node, "params")
            raise where.error(node, key, i18n.of(exc), value=True) from None
        except ValueError as exc:
            raise where.error(rule_node, "params", _param_problem(exc)) from None
    return result


def _param_problem(exc: ValueError):
    """A check kind's own words about its parameters (English unless it raised an i18n.Message)."""
    problem = i18n.of(exc)
    if i18n.is_bilingual(problem):
        return problem
    return i18n.fmt("{problem}", "参数有误：{problem}", problem=problem)


def _find_text(node, text: str):
    """(container, key) of the first value equal to ``text`` in the params, to point at it."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str) and value == text:
            return node, key
        found = _find_text(value, text) if isinstance(value, (dict, list)) else None
        if found:
            return found
    return None


def _rule(where: Located, node, pack_formats: tuple, pack: str) -> Rule:
    if not isinstance(node, dict):
        raise where.error(node, None, i18n.msg("each rule must be a mapping", "每条规则应为映射"))
    for key in node:
        if key not in _RULE_KEYS:
            raise where.error(node, key, i18n.fmt("unknown rule key {key!r}", "未知的规则键 {key!r}", key=key))
    code = str(node.get("code", ""))
    if not CODE.match(code):
        raise where.error(node, "code" if "code" in node else None,
                          i18n.fmt("rule code {code!r} must be letters then three digits, like GL303",
                                   "规则代码 {code!r} 应为字母加三位数字，如 GL303", code=code))
    name = str(node.get("name", ""))
    if not NAME.match(name):
        raise where.error(node, "name" if "name" in node else None,
                          i18n.fmt("{code}: name {name!r} must be kebab-case",
                                   "{code}：名称 {name!r} 应为 kebab-case（小写单词用连字符连接）", code=code, name=name))
    severity = str(node.get("severity", ""))
    if severity not in SEVERITIES:
        raise where.error(node, "severity" if "severity" in node else None,
                          _severity_problem(code))
    kind_name = str(node.get("kind", ""))
    kind = get_kind(kind_name)
    if kind is None:
        raise where.error(node, "kind" if "kind" in node else None,
                          i18n.fmt("{code}: unknown check kind {kind!r}; {reason}", "{code}：未知的检查类型 {kind!r}；{reason}",
                                   code=code, kind=kind_name, reason=unknown_kind_reason(kind_name)))
    cases = {}
    if not isinstance(node.get("cases") or {}, dict):
        raise where.error(node, "cases", i18n.fmt("{code}: 'cases' maps case names to messages",
                                                  "{code}：'cases' 应把情形名称对应到消息", code=code), value=True)
    for case, spec in (node.get("cases") or {}).items():
        if not isinstance(spec, dict):
            raise where.error(node["cases"], case, i18n.fmt("{code}: case {case!r} must be a mapping",
                                                            "{code}：情形 {case!r} 应为映射", code=code, case=case),
                              value=True)
        if kind.CASES and case not in kind.CASES:
            raise where.error(node["cases"], case, i18n.fmt(
                "{code}: check kind '{kind}' reports no case {case!r} (cases: {cases})",
                "{code}：检查类型 '{kind}' 没有情形 {case!r}（可用情形：{cases}）",
                code=code, kind=kind_name, case=case, cases=", ".join(kind.CASES)))
        entry = {}
        if "severity" in spec:
            if spec["severity"] not in SEVERITIES:
                raise where.error(spec, "severity", _severity_problem(code))
            entry["severity"] = str(spec["severity"])
        for key in TEMPLATES:
            if key in spec:
                entry[key] = _lang_map(where, spec, key, kind=kind)
        if "safe" in spec:
            entry["safe"] = bool(spec["safe"])
        cases[str(case)] = entry
    examples = plain(node.get("examples") or {})
    for key in examples:
        if key not in ("pass", "fail"):
            raise where.error(node["examples"], key, i18n.fmt("{code}: examples are 'pass' or 'fail'",
                                                              "{code}：示例应为 'pass' 或 'fail'", code=code))
    summary = _lang_map(where, node, "summary", required=False)
    descriptions = _lang_map(where, node, "description", required=False) or {"zh": ""}
    if isinstance(node.get("description"), str):
        descriptions = {"zh": descriptions["zh"]}  # one text: Chinese (other languages fall back to it)
    description = descriptions["zh"]
    if summary is None:
        first = description.strip().splitlines()[0] if description.strip() else name
        summary = {"zh": first, "en": first}
    family = str(node.get("family") or FAMILIES.get(code[-3], "other"))
    return Rule(code=code, name=name, family=family, severity=severity, kind=kind(),
                params=_params(where, node, kind), message=_lang_map(where, node, "message", kind=kind),
                summary=summary, description=description, descriptions=descriptions, cases=cases,
                fix=_lang_map(where, node, "fix", required=False, kind=kind),
                help=_lang_map(where, node, "help", required=False, kind=kind),
                examples=examples, formats=_formats(where, node, "formats", pack_formats),
                enabled=bool(node.get("enabled", True)), pack=pack, source=where.path)


def _severity_problem(code: str) -> i18n.Message:
    return i18n.fmt("{code}: severity must be one of {levels}", "{code}：严重级别应为 {levels} 之一",
                    code=code, levels=", ".join(SEVERITIES))


def load_pack(text: str, path: str, cache_dir: str | None = None) -> list[Rule]:
    """Rules of a pack.  The fast path reads plain data (cached once validated); a pack
    with a mistake is read again with positions so the error names its line and column."""
    try:
        return load_cached(text, path, cache_dir, lambda data: _build_pack(data, path))
    except ConfigError as plain_error:
        if plain_error.line is not None:
            raise
        located = load(text, path, positions=True)
        try:
            _build_pack(located, path)
        except ConfigError as exc:
            raise exc from None
        raise plain_error


def _build_pack(data, path: str) -> list[Rule]:
    where = Located(path)
    if not isinstance(data, dict):
        raise ConfigError(path, 1, 1, i18n.msg("a rule pack is a mapping with 'pack', 'formats' and 'rules'",
                                               "规则包应为包含 'pack'、'formats' 和 'rules' 的映射"))
    for key in data:
        if key not in ("pack", "description", "formats", "rules"):
            raise where.error(data, key, i18n.fmt("unknown rule-pack key {key!r} (pack, description, formats, rules)",
                                                  "未知的规则包键 {key!r}（可用：pack、description、formats、rules）",
                                                  key=key))
    rules_node = data.get("rules")
    if not isinstance(rules_node, list):
        raise where.error(data, "rules" if "rules" in data else None,
                          i18n.msg("a rule pack needs a list of 'rules'", "规则包需要 'rules' 列表"))
    formats = _formats(where, data, "formats", FORMATS)
    pack = str(data.get("pack") or path)
    rules = [_rule(where, node, formats, pack) for node in rules_node]
    seen = {}
    for index, rule in enumerate(rules):
        for fmt in rule.formats:
            if (rule.code, fmt) in seen:
                raise where.error(rules_node, index, i18n.fmt("{code} is defined twice for format {fmt}",
                                                              "格式 {fmt} 的 {code} 定义了两次", code=rule.code, fmt=fmt))
            seen[(rule.code, fmt)] = True
    return rules


BUILTIN_PACKS = ("document.yaml", "parse.yaml", "structure.yaml", "citations.yaml", "tables.yaml", "consistency.yaml",
                 "publication.yaml", "wording.yaml", "regime-2008.yaml")


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    folder = resources.files("govlint.rules").joinpath("packs")
    cache_dir = cache_directory()
    rules = []
    for name in BUILTIN_PACKS:
        resource = folder.joinpath(name)
        rules.extend(load_pack(resource.read_text(encoding="utf-8"), f"govlint/rules/packs/{name}", cache_dir))
    return tuple(rules)


_PACK_FILES: dict = {}  # path → (file identity, rules): a configuration and the engine share one read


def load_pack_file(path: str) -> list[Rule]:
    try:
        info = os.stat(path)
        identity = (info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        identity = None
    known = _PACK_FILES.get(path)
    if identity is not None and known is not None and known[0] == identity:
        return known[1]
    rules = load_pack(read_text(path, "rule pack"), path, cache_directory())
    _PACK_FILES[path] = (identity, rules)
    return rules


def _located_rule(rule: Rule, message) -> ConfigError:
    """An error at a rule's code in its pack file (read again, with positions)."""
    try:
        data = load(read_text(rule.source, "rule pack"), rule.source, positions=True)
        for node in data.get("rules") or []:
            if isinstance(node, dict) and str(node.get("code")) == rule.code:
                return Located(rule.source).error(node, "code", message, value=True)
    except (ConfigError, AttributeError):
        pass
    return ConfigError(rule.source or rule.pack, None, None, message)


def merge(rule_lists) -> list[Rule]:
    """All rules; a later pack may not redefine a code for a format an earlier one covers."""
    merged = []
    owner: dict = {}
    for rules in rule_lists:
        for rule in rules:
            for fmt in rule.formats:
                first = owner.setdefault((rule.code, fmt), rule)
                if first.source != rule.source:
                    raise _located_rule(rule, i18n.fmt(
                        "{code} for format {fmt} is already defined by pack {pack!r} ({source})",
                        "格式 {fmt} 的 {code} 已由规则包 {pack!r}（{source}）定义",
                        code=rule.code, fmt=fmt, pack=first.pack, source=first.source))
            merged.append(rule)
    return merged
