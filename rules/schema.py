"""What a rule pack may say: its validation, from YAML data to Rules.

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
        examples:
          fail: [{year: 2022, text: "…", at: "2:40", fixed: "…"}]
          pass: ["…"]

Every mistake is a ConfigError at the file, line and column of the offending key or value
(``Located`` finds them when the pack is read with positions), in both languages.  The checks:
known keys only; a code like GL303 and a kebab-case name; a known severity, format and check
kind; parameters the kind has, of the types it declares (``check_params``, which configuration
overrides go through too); case names the kind reports; message, fix and help templates naming
only the fields the kind's findings carry (``FIELDS``); examples of the documented shape.
"""
from __future__ import annotations

import re
import string
from typing import Any, Collection, Sequence

from govlint.diagnostics import SEVERITIES
from govlint.grammar.spec import FORMATS
from govlint.rules.api import CheckKind
from govlint.rules.registry import get_kind, unknown_kind_reason
from govlint.rules.relation import RelationError
from govlint.rules.rule import Rule
from govlint.support import i18n
from govlint.support.yamlio import Located, plain

CODE = re.compile(r"^[A-Z]{1,5}\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
LANGS = ("zh", "en")
FAMILIES = {"1": "structure", "2": "citation", "3": "table", "4": "consistency", "5": "publication",
            "6": "content", "7": "wording", "0": "parse"}
TEMPLATES = ("message", "fix", "help")  # the texts filled in with a finding's fields
PACK_KEYS = ("pack", "description", "formats", "rules")
RULE_KEYS = {"code", "name", "family", "severity", "kind", "summary", "message", "cases", "fix", "help",
             "description", "params", "examples", "enabled", "formats", "safe"}
# An example is its text, or a mapping: the text, the report year, and for a failing example
# where the rule's diagnostic points ("line:col", as govlint prints it) and the text once fixed.
EXAMPLE_KEYS = {"pass": ("text", "year"), "fail": ("text", "year", "at", "fixed")}
# A cross-document rule's example (packs/across.yaml) also gives last year's report (``previous``) or
# another body's report checked in the same run (``other``).
BESIDE_KEYS = ("previous", "other")
_AT = re.compile(r"([1-9][0-9]*):([1-9][0-9]*)\Z")
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


# -- message templates ------------------------------------------------------------------------------
def template_problem(text: str, kind: type[CheckKind]) -> i18n.Message | None:
    """What is wrong with a message template, or None.  Fields are plain names the kind's findings
    carry: no positions, attributes, indexes, conversions or format specifications, which would
    reach into Python objects or build huge strings.  A kind that declares no FIELDS (a plug-in
    written before they existed) accepts any plain name."""
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
    """``node[key]``: one text for both languages, or {zh: …, en: …}; a template when ``kind`` is given."""
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
        problem = template_problem(text, kind) if kind is not None else None
        if problem:
            raise where.error(*located[lang], i18n.fmt("'{key}.{lang}': {problem}", "'{key}.{lang}'：{problem}",
                                                       key=key, lang=lang, problem=problem), value=True)
    return {str(k): str(v) for k, v in texts.items()}


# -- formats and parameters -------------------------------------------------------------------------
def _formats(where: Located, node, key, default: tuple) -> tuple:
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


def check_params(where: Located, owner, key: str, kind: type[CheckKind], base: dict | None = None,
                 others: Collection[str] = ()) -> dict:
    """The parameters ``owner[key]`` gives a rule of ``kind``, the others from ``base`` (a rule's own,
    when a configuration overrides some) or the kind's defaults.  An unknown parameter, a value of
    the wrong type, a missing required one, or one the kind's ``validate_params`` refuses is a
    ConfigError at its place.  ``others``: names to leave alone (parameters of another rule of the
    same code, in a configuration's override)."""
    given = owner.get(key) or {}
    if not isinstance(given, dict):
        raise where.error(owner, key, i18n.fmt("'{key}' must be a mapping", "'{key}' 应为映射", key=key), value=True)
    for name in given:
        if name not in kind.PARAMS and name not in others:
            known = ", ".join(sorted(kind.PARAMS)) or "none"
            raise where.error(given, name, i18n.fmt(
                "check kind '{kind}' has no parameter {key!r} (parameters: {known})",
                "检查类型 '{kind}' 没有参数 {key!r}（可用参数：{known}）", kind=kind.name, key=name, known=known))
    result = {}
    for name, spec in kind.PARAMS.items():
        if name in given:
            value = given[name]
            if not isinstance(value, spec.type) or (isinstance(value, bool) and spec.type in (int, float)):
                expected = getattr(spec.type, "__name__", None) or "/".join(t.__name__ for t in spec.type)
                raise where.error(given, name, i18n.fmt("parameter {key!r} of '{kind}' must be {expected}",
                                                        "'{kind}' 的参数 {key!r} 应为 {expected}",
                                                        key=name, kind=kind.name, expected=expected), value=True)
            result[name] = plain(value)
        elif base is not None and name in base:
            result[name] = base[name]
        elif spec.required:
            raise where.error(owner, key, i18n.fmt("check kind '{kind}' needs parameter {key!r}",
                                                   "检查类型 '{kind}' 需要参数 {key!r}", kind=kind.name, key=name))
        else:
            result[name] = spec.default
    validate = getattr(kind, "validate_params", None)
    if validate:
        try:
            validate(result)
        except RelationError as exc:
            node, place = _find_text(given, exc.text) or (owner, key)
            raise where.error(node, place, i18n.of(exc), value=True) from None
        except ValueError as exc:
            raise where.error(owner, key, _param_problem(exc)) from None
    return result


def check_override(where: Located, owner, key: str, rules: Sequence[Rule]) -> dict:
    """The parameters a configuration gives the rules of one code (``rules: {GL101: {params: …}}``),
    validated like a pack's against each rule's kind, merged with the rule's own.  A code that
    several packs define for different formats (GL102) may have different kinds: a parameter must
    be one of some of them, and applies to those.  Returns the given values, as plain data."""
    given = owner.get(key)
    if not isinstance(given, dict):
        raise where.error(owner, key, i18n.fmt("'{key}' must be a mapping of parameter names to values",
                                               "'{key}' 应为参数名到值的映射", key=key), value=True)
    code = rules[0].code
    known = sorted({name for rule in rules for name in rule.kind.PARAMS})
    for name in given:
        if name not in known:
            raise where.error(given, name, i18n.fmt(
                "{code} has no parameter {key!r} (parameters: {known})", "{code} 没有参数 {key!r}（可用参数：{known_zh}）",
                code=code, key=name, known=", ".join(known) or "none", known_zh=", ".join(known) or "无"))
    for rule in rules:
        check_params(where, owner, key, type(rule.kind), base=rule.params, others=known)
    return plain(given)


def _param_problem(exc: ValueError) -> i18n.Message:
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


# -- examples -----------------------------------------------------------------------------------------
def example_at(example: Any) -> tuple[int, int] | None:
    """(line, column) where a failing example's diagnostic must point, if it says."""
    if not isinstance(example, dict) or "at" not in example:
        return None
    match = _AT.match(str(example["at"]))
    return (int(match.group(1)), int(match.group(2))) if match else None


def _examples(where: Located, node, code: str) -> dict:
    value = node.get("examples")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise where.error(node, "examples", i18n.fmt("{code}: 'examples' maps pass and fail to lists of examples",
                                                     "{code}：'examples' 应把 pass 和 fail 对应到示例列表", code=code),
                          value=True)
    for key, items in value.items():
        if key not in EXAMPLE_KEYS:
            raise where.error(value, key, i18n.fmt("{code}: examples are 'pass' or 'fail'",
                                                   "{code}：示例应为 'pass' 或 'fail'", code=code))
        if not isinstance(items, list):
            raise where.error(value, key, i18n.fmt("{code}: '{key}' must be a list of examples",
                                                   "{code}：'{key}' 应为示例列表", code=code, key=key), value=True)
        for index, item in enumerate(items):
            _example(where, items, index, code, key)
    return plain(value)


def _example(where: Located, items: list, index: int, code: str, which: str) -> None:
    item = items[index]
    if isinstance(item, str):
        return
    allowed = EXAMPLE_KEYS[which]
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise where.error(items, index, i18n.fmt("{code}: an example is a text, or a mapping with 'text' ({keys})",
                                                 "{code}：示例应为文本，或含 'text' 的映射（{keys}）",
                                                 code=code, keys=", ".join(allowed)))
    for key in item:
        if key not in allowed and not (key in BESIDE_KEYS and isinstance(item[key], str)):
            raise where.error(item, key, i18n.fmt("{code}: unknown key {key!r} in a {which} example ({keys})",
                                                  "{code}：{which} 示例中未知的键 {key!r}（可用：{keys}）",
                                                  code=code, key=key, which=which, keys=", ".join(allowed)))
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise where.error(item, "year", i18n.fmt("{code}: an example's 'year' is a year such as 2022",
                                                 "{code}：示例的 'year' 应为年份，如 2022", code=code), value=True)
    if "at" in item and example_at(item) is None:
        raise where.error(item, "at", i18n.fmt("{code}: 'at' is where the diagnostic points: \"line:column\", "
                                               "like \"3:5\"", "{code}：'at' 是诊断所指的位置，写作“行:列”，如 \"3:5\"",
                                               code=code), value=True)
    if "fixed" in item and not isinstance(item["fixed"], str):
        raise where.error(item, "fixed", i18n.fmt("{code}: 'fixed' is the example's text once fixed",
                                                  "{code}：'fixed' 应为修复后的示例文本", code=code), value=True)


# -- rules and packs ---------------------------------------------------------------------------------
def _severity_problem(code: str) -> i18n.Message:
    return i18n.fmt("{code}: severity must be one of {levels}", "{code}：严重级别应为 {levels} 之一",
                    code=code, levels=", ".join(SEVERITIES))


def _cases(where: Located, node, code: str, kind: type[CheckKind]) -> dict:
    cases: dict = {}
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
                code=code, kind=kind.name, case=case, cases=", ".join(kind.CASES)))
        entry: dict = {}
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
    return cases


def build_rule(where: Located, node, pack_formats: tuple, pack: str) -> Rule:
    """One rule of a pack, validated."""
    if not isinstance(node, dict):
        raise where.error(node, None, i18n.msg("each rule must be a mapping", "每条规则应为映射"))
    for key in node:
        if key not in RULE_KEYS:
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
        raise where.error(node, "severity" if "severity" in node else None, _severity_problem(code))
    kind_name = str(node.get("kind", ""))
    kind = get_kind(kind_name)
    if kind is None:
        raise where.error(node, "kind" if "kind" in node else None,
                          i18n.fmt("{code}: unknown check kind {kind!r}; {reason}", "{code}：未知的检查类型 {kind!r}；{reason}",
                                   code=code, kind=kind_name, reason=unknown_kind_reason(kind_name)))
    cases = _cases(where, node, code, kind)
    examples = _examples(where, node, code)
    summary = _lang_map(where, node, "summary", required=False)
    descriptions = _lang_map(where, node, "description", required=False) or {"zh": ""}
    if isinstance(node.get("description"), str):
        descriptions = {"zh": descriptions["zh"]}  # one text: Chinese (other languages fall back to it)
    description = descriptions["zh"]
    if summary is None:
        first = description.strip().splitlines()[0] if description.strip() else name
        summary = {"zh": first, "en": first}
    family = str(node.get("family") or FAMILIES.get(code[-3], "other"))
    params = check_params(where, node, "params", kind)
    message = _lang_map(where, node, "message", kind=kind)
    assert message is not None  # required
    return Rule(code=code, name=name, family=family, severity=severity, kind=kind(), params=params, message=message,
                summary=summary, description=description, descriptions=descriptions, cases=cases,
                fix=_lang_map(where, node, "fix", required=False, kind=kind),
                help=_lang_map(where, node, "help", required=False, kind=kind),
                examples=examples, formats=_formats(where, node, "formats", pack_formats),
                enabled=bool(node.get("enabled", True)), pack=pack, source=where.path)


def build_pack(data, path: str) -> list[Rule]:
    """The rules of a pack's YAML data (plain, or with positions for the error's place)."""
    where = Located(path)
    where.check_mapping(data, PACK_KEYS, i18n.msg("a rule pack is a mapping with 'pack', 'formats' and 'rules'",
                                                  "规则包应为包含 'pack'、'formats' 和 'rules' 的映射"),
                        lambda key: i18n.fmt("unknown rule-pack key {key!r} (pack, description, formats, rules)",
                                             "未知的规则包键 {key!r}（可用：pack、description、formats、rules）", key=key))
    rules_node = data.get("rules")
    if not isinstance(rules_node, list):
        raise where.error(data, "rules" if "rules" in data else None,
                          i18n.msg("a rule pack needs a list of 'rules'", "规则包需要 'rules' 列表"))
    formats = _formats(where, data, "formats", FORMATS)
    pack = str(data.get("pack") or path)
    rules = [build_rule(where, node, formats, pack) for node in rules_node]
    seen = set()
    for index, rule in enumerate(rules):
        for fmt in rule.formats:
            if (rule.code, fmt) in seen:
                raise where.error(rules_node, index, i18n.fmt("{code} is defined twice for format {fmt}",
                                                              "格式 {fmt} 的 {code} 定义了两次", code=rule.code, fmt=fmt))
            seen.add((rule.code, fmt))
    return rules
