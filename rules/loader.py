"""Reading rule packs: the built-in ones (every ``*.yaml`` of ``govlint/rules/packs/``), those a
configuration names, and the rule set a configuration makes of them.

A pack's text is parsed once and cached (``yamlio.load_cached``); its validation is
``govlint.rules.schema``, its rules are ``govlint.rules.rule.Rule``.  The built-in packs are
found, not listed: a new file in the folder is a new pack.  They are read in the order of their
codes (a pack's lowest rule code, then its file name: document GL001, parse GL003, structure GL101,
regime-2008 GL102, citations GL201 …), and a pack's rules keep their order in it.  That order is
the order rules run in (the table arithmetic of the tables pack relies on it) and, for a code that
several packs define for different formats, the order of its entries on the rule's page.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from govlint.rules.rule import Rule
from govlint.rules.schema import build_pack
from govlint.support import i18n
from govlint.support.cache import cache_directory
from govlint.support.yamlio import ConfigError, Located, load, load_cached, read_text

PACKS_PACKAGE = "govlint.rules"
PACKS_FOLDER = "packs"
PACK_SUFFIX = ".yaml"  # what setup.cfg installs (packs/*.yaml)


def load_pack(text: str, path: str, cache_dir: str | None = None) -> list[Rule]:
    """Rules of a pack.  The fast path reads plain data (cached once validated); a pack
    with a mistake is read again with positions so the error names its line and column."""
    try:
        return load_cached(text, path, cache_dir, lambda data: build_pack(data, path))
    except ConfigError as plain_error:
        if plain_error.line is not None:
            raise
        located = load(text, path, positions=True)
        try:
            build_pack(located, path)
        except ConfigError as exc:
            raise exc from None
        raise plain_error


def builtin_pack_names() -> list[str]:
    """The file names of the built-in packs (in file-name order; ``builtin_rules`` orders the packs)."""
    folder = resources.files(PACKS_PACKAGE).joinpath(PACKS_FOLDER)
    return sorted(entry.name for entry in folder.iterdir()
                  if entry.name.endswith(PACK_SUFFIX) and not entry.name.startswith("."))


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    """The rules of every built-in pack, packs in the order of their lowest code."""
    folder = resources.files(PACKS_PACKAGE).joinpath(PACKS_FOLDER)
    cache_dir = cache_directory()
    packs = []
    for name in builtin_pack_names():
        resource = folder.joinpath(name)
        # The file's real path, so that a mistake in a built-in pack points where it can be edited.
        packs.append((name, load_pack(resource.read_text(encoding="utf-8"), str(resource), cache_dir)))
    packs.sort(key=lambda pack: (min((rule.code for rule in pack[1]), default=""), pack[0]))
    return tuple(rule for _name, rules in packs for rule in rules)


_PACK_FILES: dict = {}  # path → (file identity, rules): a configuration and the engine share one read


def load_pack_file(path: str) -> list[Rule]:
    """The rules of a pack file a configuration names (read again only when the file changed)."""
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


def merge(rule_lists: Iterable[Iterable[Rule]]) -> list[Rule]:
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


# -- a configuration's rule set ---------------------------------------------------------------------
def overridden(rule: Rule, given: Mapping[str, object]) -> Rule:
    """``rule`` with the parameters a configuration gives it (those its kind has: a code that two
    packs define for different formats may have different kinds)."""
    mine = {key: value for key, value in given.items() if key in rule.kind.PARAMS}
    return rule.with_params({**rule.params, **mine}) if mine else rule


def with_params(rules: Iterable[Rule], params: Mapping[str, Mapping[str, object]]) -> list[Rule]:
    """The rules, those named in ``params`` (code → parameters, validated by the configuration)
    with their parameters overridden."""
    return [overridden(rule, params[rule.code]) if rule.code in params else rule for rule in rules]


def params_key(params: Mapping[str, Mapping[str, object]]) -> str:
    """A hashable, canonical form of a configuration's parameter overrides (for caching rule sets)."""
    if not params:  # most configurations override nothing: json.dumps's answer, without the encoder
        return "{}"
    return json.dumps(params, sort_keys=True, ensure_ascii=False, default=repr)


def configured_rules(builtin: Iterable[Rule], pack_paths: Iterable[str],
                     params: Mapping[str, Mapping[str, object]] | None = None) -> list[Rule]:
    """The rules of a configuration: the built-in ones, then its packs', with its parameter overrides."""
    merged = merge([builtin, *(load_pack_file(path) for path in pack_paths)])
    return with_params(merged, params) if params else merged


__all__ = ["Rule", "builtin_pack_names", "builtin_rules", "configured_rules", "load_pack", "load_pack_file",
           "merge", "params_key", "with_params"]
