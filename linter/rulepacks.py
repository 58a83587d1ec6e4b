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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .canon import FORMATS
from .diagnostics import SEVERITIES, Diagnostic, Finding, Fix
from .registry import CheckKind, get_kind
from .grammars import cache_directory
from .yamlio import ConfigError, Located, load, load_cached, plain

CODE = re.compile(r"^[A-Z]{1,5}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
LANGS = ("zh", "en")
FAMILIES = {"1": "structure", "2": "citation", "3": "table", "4": "consistency", "5": "publication",
            "6": "content", "7": "wording", "0": "parse"}
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
    description: str = ""
    cases: dict = field(default_factory=dict)
    fix: dict | None = None
    help: dict | None = None
    examples: dict = field(default_factory=dict)
    formats: tuple = FORMATS
    enabled: bool = True
    pack: str = ""

    @property
    def fixable(self) -> bool:
        return self.fix is not None

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


def _lang_map(where: Located, node, key, required: bool = True) -> dict | None:
    value = node.get(key)
    if value is None:
        if required:
            raise where.error(node, None, f"rule needs '{key}' with zh and en texts")
        return None
    if isinstance(value, str):
        return {"zh": str(value), "en": str(value)}
    if not isinstance(value, dict) or "zh" not in value:
        raise where.error(node, key, f"'{key}' must map languages (zh, en) to texts", value=True)
    for lang, text in value.items():
        if lang not in LANGS or not isinstance(text, str):
            raise where.error(value, lang, f"'{key}.{lang}': expected a text in zh or en")
    return {str(k): str(v) for k, v in value.items()}


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
            raise where.error(value, index, f"unknown format {item!r}; expected one of {', '.join(FORMATS)} or all")
        result.append(item)
    return tuple(result)


def _params(where: Located, rule_node, kind: type[CheckKind]) -> dict:
    given = rule_node.get("params") or {}
    if not isinstance(given, dict):
        raise where.error(rule_node, "params", "'params' must be a mapping", value=True)
    result = {}
    for key in given:
        if key not in kind.PARAMS:
            known = ", ".join(sorted(kind.PARAMS)) or "none"
            raise where.error(given, key, f"check kind '{kind.name}' has no parameter {key!r} (parameters: {known})")
    for key, spec in kind.PARAMS.items():
        if key in given:
            value = given[key]
            if not isinstance(value, spec.type) or (isinstance(value, bool) and spec.type in (int, float)):
                expected = getattr(spec.type, "__name__", None) or "/".join(t.__name__ for t in spec.type)
                raise where.error(given, key, f"parameter {key!r} of '{kind.name}' must be {expected}", value=True)
            result[key] = plain(value)
        elif spec.required:
            raise where.error(rule_node, "params", f"check kind '{kind.name}' needs parameter {key!r}")
        else:
            result[key] = spec.default
    validate = getattr(kind, "validate_params", None)
    if validate:
        try:
            validate(result)
        except ValueError as exc:
            raise where.error(rule_node, "params", str(exc)) from None
    return result


def _rule(where: Located, node, pack_formats: tuple, pack: str) -> Rule:
    if not isinstance(node, dict):
        raise where.error(node, None, "each rule must be a mapping")
    for key in node:
        if key not in _RULE_KEYS:
            raise where.error(node, key, f"unknown rule key {key!r}")
    code = str(node.get("code", ""))
    if not CODE.match(code):
        raise where.error(node, "code" if "code" in node else None,
                          f"rule code {code!r} must be letters then three digits, like GL303")
    name = str(node.get("name", ""))
    if not NAME.match(name):
        raise where.error(node, "name" if "name" in node else None, f"{code}: name {name!r} must be kebab-case")
    severity = str(node.get("severity", ""))
    if severity not in SEVERITIES:
        raise where.error(node, "severity" if "severity" in node else None,
                          f"{code}: severity must be one of {', '.join(SEVERITIES)}")
    kind_name = str(node.get("kind", ""))
    kind = get_kind(kind_name)
    if kind is None:
        raise where.error(node, "kind" if "kind" in node else None,
                          f"{code}: unknown check kind {kind_name!r}")
    cases = {}
    for case, spec in (node.get("cases") or {}).items():
        if kind.CASES and case not in kind.CASES:
            raise where.error(node["cases"], case, f"{code}: check kind '{kind_name}' reports no case {case!r} "
                                                   f"(cases: {', '.join(kind.CASES)})")
        entry = {}
        if "severity" in spec:
            if spec["severity"] not in SEVERITIES:
                raise where.error(spec, "severity", f"{code}: severity must be one of {', '.join(SEVERITIES)}")
            entry["severity"] = str(spec["severity"])
        for key in ("message", "fix", "help"):
            if key in spec:
                entry[key] = _lang_map(where, spec, key)
        if "safe" in spec:
            entry["safe"] = bool(spec["safe"])
        cases[str(case)] = entry
    examples = plain(node.get("examples") or {})
    for key in examples:
        if key not in ("pass", "fail"):
            raise where.error(node["examples"], key, f"{code}: examples are 'pass' or 'fail'")
    summary = _lang_map(where, node, "summary", required=False)
    description = plain(node.get("description") or "")
    if summary is None:
        first = description.strip().splitlines()[0] if description.strip() else name
        summary = {"zh": first, "en": first}
    family = str(node.get("family") or FAMILIES.get(code[-3], "other"))
    return Rule(code=code, name=name, family=family, severity=severity, kind=kind(),
                params=_params(where, node, kind), message=_lang_map(where, node, "message"),
                summary=summary, description=description, cases=cases,
                fix=_lang_map(where, node, "fix", required=False), help=_lang_map(where, node, "help", required=False),
                examples=examples, formats=_formats(where, node, "formats", pack_formats),
                enabled=bool(node.get("enabled", True)), pack=pack)


def load_pack(text: str, path: str, cache_dir: str | None = None) -> list[Rule]:
    """Rules of a pack.  The fast path reads plain data (cached); a pack with a mistake
    is read again with positions so the error names its line and column."""
    data = load_cached(text, path, cache_dir)
    try:
        return _build_pack(data, path)
    except ConfigError as plain_error:
        located = load(text, path, positions=True)
        try:
            _build_pack(located, path)
        except ConfigError as exc:
            raise exc from None
        raise plain_error


def _build_pack(data, path: str) -> list[Rule]:
    where = Located(path)
    if not isinstance(data, dict):
        raise ConfigError(path, 1, 1, "a rule pack is a mapping with 'pack', 'formats' and 'rules'")
    for key in data:
        if key not in ("pack", "description", "formats", "rules"):
            raise where.error(data, key, f"unknown rule-pack key {key!r} (pack, description, formats, rules)")
    rules_node = data.get("rules")
    if not isinstance(rules_node, list):
        raise where.error(data, "rules" if "rules" in data else None, "a rule pack needs a list of 'rules'")
    formats = _formats(where, data, "formats", FORMATS)
    pack = str(data.get("pack") or path)
    rules = [_rule(where, node, formats, pack) for node in rules_node]
    seen = {}
    for index, rule in enumerate(rules):
        for fmt in rule.formats:
            if (rule.code, fmt) in seen:
                raise where.error(rules_node, index, f"{rule.code} is defined twice for format {fmt}")
            seen[(rule.code, fmt)] = True
    return rules


BUILTIN_PACKS = ("parse.yaml", "structure.yaml", "citations.yaml", "tables.yaml", "consistency.yaml",
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


def load_pack_file(path: str) -> list[Rule]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, None, f"cannot read rule pack: {exc}") from None
    return load_pack(text, path, cache_directory())


def merge(rule_lists) -> list[Rule]:
    """All rules; a later pack may not redefine a code for a format an earlier one covers."""
    merged = []
    owner = {}
    for rules in rule_lists:
        for rule in rules:
            for fmt in rule.formats:
                if (rule.code, fmt) in owner and owner[(rule.code, fmt)] != rule.pack:
                    raise ConfigError(rule.pack, None, None,
                                      f"{rule.code} for format {fmt} is already defined by {owner[(rule.code, fmt)]}")
                owner[(rule.code, fmt)] = rule.pack
            merged.append(rule)
    return merged
