"""Rule documentation from the rule packs (one source of truth): ``govlint rules``, ``govlint rule CODE``,
``govlint kinds`` and docs/rules.md (``govlint rules --format reference``).  Not an output format."""
from __future__ import annotations

import json
from typing import Any

from govlint.grammar.spec import spec
from govlint.lint.config import Config, load_config
from govlint.rules.loader import builtin_rules, configured_rules
from govlint.support import i18n

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _format_zh(fmt: str) -> str:
    """A format's Chinese name, with the years it governs once it is no longer in force:
    "2021年格式", "试行格式(2019-2020)", "2008年条例(2018年及以前)"."""
    name = spec().format_name(fmt, "zh")
    first, last = spec().format_years(fmt)
    if last is None:
        return str(name)
    return f"{name}({first}-{last})" if first is not None else f"{name}({last}年及以前)"


def _rules(config_path):
    """The rules a configuration (or none: the built-in packs) gives, as the linter would run them."""
    config = load_config(config_path) if config_path else Config()
    return configured_rules(builtin_rules(), config.rule_packs, config.rule_params)


def grouped(rules) -> dict[str, list[Any]]:
    """code → the rules with that code (one per format group), in code order."""
    by_code: dict[str, list[Any]] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        by_code.setdefault(rule.code, []).append(rule)
    return by_code


def _formats(rules) -> list[str]:
    found: list[str] = []
    for rule in rules:
        found.extend(f for f in rule.formats if f not in found)
    return found


def list_rules(config_path, lang: str, output_format: str) -> str:
    by_code = grouped(_rules(config_path))
    if output_format == "json":
        items = []
        for code, rules in by_code.items():
            first = rules[0]
            items.append({"code": code, "name": first.name, "severity": first.severity, "family": first.family,
                          "formats": _formats(rules), "fixable": any(r.fixable for r in rules),
                          "summary": first.summary.get(lang) or first.summary["zh"], "pack": first.pack})
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if output_format == "markdown":
        return markdown_table(by_code, lang)
    if output_format == "reference":
        return reference(by_code, lang)
    from govlint.output.text import cell_width

    lines = []
    for code, rules in by_code.items():
        first = rules[0]
        severity = first.severity if lang == "en" else _SEVERITY_ZH[first.severity]
        fix = " 🔧" if any(r.fixable for r in rules) else ""
        formats = ",".join(_formats(rules))
        summary = first.summary.get(lang) or first.summary["zh"]
        padding = " " * max(1, 8 - cell_width(severity))
        lines.append(f"{code}  {first.name:<20} {severity}{padding}{summary}{fix}  [{formats}]")
    return "\n".join(lines) + "\n"


def markdown_table(by_code, lang: str = "zh") -> str:
    """The rule table of the README (kept in step with the packs by a test)."""
    lines = ["| Code | Name | Severity | Formats | Fix | Summary |", "|---|---|---|---|---|---|"]
    for code, rules in by_code.items():
        first = rules[0]
        severities = "/".join(dict.fromkeys(r.severity for r in rules))
        fix = "yes" if any(r.fixable for r in rules) else ""
        summary = first.summary.get(lang) or first.summary["zh"]
        lines.append(f"| {code} | {first.name} | {severities} | {', '.join(_formats(rules))} | {fix} | {summary} |")
    return "\n".join(lines) + "\n"


def rule_page(code: str, config_path, lang: str) -> str:
    by_code = grouped(_rules(config_path))
    if code not in by_code:
        raise LookupError(i18n.fmt("no rule {code}; `govlint rules` lists them",
                                   "没有规则 {code}；`govlint rules` 可列出所有规则", code=code))
    rules = by_code[code]
    zh = lang != "en"
    out = []
    for index, rule in enumerate(rules):
        summary = rule.summary.get(lang) or rule.summary["zh"]
        if index == 0:
            out.append(f"{rule.code} {rule.name}: {summary}")
            out.append("=" * 60)
        formats = "、".join(_format_zh(f) for f in rule.formats) if zh else ", ".join(rule.formats)
        if len(rules) > 1:
            out.append("")
            out.append((f"## 适用于：{formats}" if zh else f"## For: {formats}"))
        out.append("")
        if zh:
            out.append(f"默认级别：{_SEVERITY_ZH[rule.severity]}（{rule.severity}）    检查类型：{rule.kind.name}    "
                       f"规则包：{rule.pack}")
            out.append(f"适用格式：{formats}")
            out.append("可自动修复：" + (_fix_text(rule, True) if rule.fixable else "否"))
        else:
            out.append(f"Default severity: {rule.severity}    Check kind: {rule.kind.name}    Pack: {rule.pack}")
            out.append(f"Formats: {formats}")
            out.append("Fix: " + (_fix_text(rule, False) if rule.fixable else "none"))
        for case, spec in rule.cases.items():
            if "severity" in spec:
                out.append((f"  情形 {case}：级别 {_SEVERITY_ZH[spec['severity']]}" if zh
                            else f"  case {case}: severity {spec['severity']}"))
        out.append("")
        out.append("说明" if zh else "What it checks")
        out.append("-" * 4)
        out.append(rule.describe(lang).rstrip() or summary)
        for kind, title in (("fail", "不符合的示例" if zh else "Failing example"),
                            ("pass", "符合的示例" if zh else "Passing example")):
            for example in rule.examples.get(kind, [])[:2]:
                text, year = (example, None) if isinstance(example, str) else (example["text"], example.get("year"))
                out.append("")
                label = title + (f"（报告年度 {year}）" if zh and year else (f" (report year {year})" if year else ""))
                out.append(label)
                out.append("-" * 4)
                out.extend("    " + line for line in text.rstrip().splitlines())
                for key, zh_label, en_label in (("previous", "：上年报告（--previous）", ": last year's report (--previous)"),
                                                ("other", "：同一次检查的另一单位报告", ": another body's report in the same run")):
                    beside = example.get(key) if isinstance(example, dict) else None
                    if beside:  # a cross-document rule's example: the report checked beside it
                        out.append("")
                        out.append(title + (zh_label if zh else en_label))
                        out.append("-" * 4)
                        out.extend("    " + line for line in beside.rstrip().splitlines())
    return "\n".join(out) + "\n"


def _fix_text(rule, zh: bool) -> str:
    safe = all(spec.get("safe", True) for spec in rule.cases.values())
    if zh:
        return "是（安全修复，--fix）" if safe else "是（部分情形为不安全修复，需 --unsafe-fixes）"
    return "yes (safe, --fix)" if safe else "yes (some cases are unsafe: --unsafe-fixes)"


def list_kinds() -> str:
    """The check kinds rule packs can use, with their parameters."""
    from govlint.rules.registry import all_kinds

    out = []
    for name, kind in all_kinds().items():
        out.append(f"{name}: {kind.summary()}")
        for param, spec in kind.PARAMS.items():
            types = spec.type.__name__ if isinstance(spec.type, type) else "/".join(t.__name__ for t in spec.type)
            required = ", required" if spec.required else ""
            out.append(f"    {param} ({types}{required}): {spec.doc}")
        if kind.CASES:
            out.append(f"    cases: {', '.join(kind.CASES)}")
        if kind.FIELDS:  # what a rule's message, fix and help templates may name
            out.append(f"    fields: {', '.join('{' + field + '}' for field in kind.FIELDS)}")
    return "\n".join(out) + "\n"


def reference(by_code, lang: str = "zh") -> str:
    """docs/rules.md: every rule's page, generated from the rule packs (kept in step by a test)."""
    out = ["# govlint rule reference", "",
           "Generated from the rule packs by `govlint rules --format reference > docs/rules.md`; "
           "`govlint rule CODE` prints one page in the terminal.", ""]
    out.append(markdown_table(by_code, lang))
    for code in by_code:
        page = rule_page(code, None, lang).splitlines()
        out.append(f"## {page[0]}")
        body = page[2:]
        in_example = False
        for line in body:
            if line.startswith("    ") and not in_example:
                out.append("```")
                in_example = True
            elif not line.startswith("    ") and in_example:
                out.append("```")
                in_example = False
            if line == "----":
                continue
            if not in_example and line.startswith(("说明", "不符合的示例", "符合的示例", "What it checks",
                                                    "Failing example", "Passing example", "## ")):
                line = "### " + line.lstrip("# ")
            out.append(line[4:] if in_example else line)
        if in_example:
            out.append("```")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
