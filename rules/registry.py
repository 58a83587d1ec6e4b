"""The registry of check kinds: name → class, built-in or from a plug-in.

A check kind is a class with a ``name`` (what rule packs write as ``kind:``),
a ``PARAMS`` table (name → Param: type, default, description), the ``FIELDS`` its
findings carry (what message templates may name) and a ``check(doc, params)``
method that yields Findings.  The built-in kinds are the modules of
``govlint.rules.kinds``, discovered (never listed by hand); each registers its
classes with ``@check_kind``.  More come from installed packages through the
entry-point group ``govlint.checks``::

    [options.entry_points]
    govlint.checks =
        nx-seal = govlint_ningxia.checks:SealCheck

so a province can add its own checks without forking govlint.  A plug-in's kind
is named by its ``name``, else by its entry-point name.  What fails to load (a
built-in module that does not import, a plug-in that raises or is no CheckKind)
is kept with the reason: ``load_errors()`` lists it, and a pack naming a kind
that is missing because of it says so.
"""
from __future__ import annotations

from typing import Any

from govlint.rules.kind import CheckKind, Param
from govlint.support import i18n
from govlint.support.plugins import Registry

ENTRY_POINT_GROUP = "govlint.checks"


def _is_kind(unit: Any) -> bool:
    return isinstance(unit, type) and issubclass(unit, CheckKind)


class KindRegistry(Registry[type[CheckKind]]):
    """Check kinds by name; a plug-in's kind without a ``name`` takes its entry point's."""

    def name_of(self, entry_point_name: str, unit: Any) -> str:
        if not unit.name:
            unit.name = entry_point_name
        return str(unit.name)


KINDS = KindRegistry(i18n.msg("check kind", "检查类型"), "govlint.rules.kinds", ENTRY_POINT_GROUP, accept=_is_kind)


def register(cls: type[CheckKind]) -> type[CheckKind]:
    """Register a check kind under ``cls.name`` (``govlint.rules.api.check_kind`` is the decorator)."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    KINDS.add(cls.name, cls)
    return cls


def load_errors() -> list:
    """Why kinds loaded so far failed (built-in modules and plug-ins), one i18n.Message each, for a
    warning on stderr."""
    return list(KINDS.errors().values())


def unknown_kind_reason(name: str) -> i18n.Message:
    """Why a kind is unknown, naming what failed to load when that may be the cause."""
    errors = KINDS.errors()
    if name in errors:
        return errors[name]
    if errors:
        return i18n.join(i18n.msg("check kinds that could not be loaded: ", "未能加载的检查类型："),
                         i18n.join(*errors.values(), sep="; "))
    return i18n.msg("see `govlint kinds` for the check kinds", "`govlint kinds` 可列出所有检查类型")


def get_kind(name: str) -> type[CheckKind] | None:
    return KINDS.get(name)


def all_kinds() -> dict[str, type[CheckKind]]:
    """Every kind, built-in and plug-in, by name."""
    return KINDS.units()


__all__ = ["ENTRY_POINT_GROUP", "KINDS", "CheckKind", "Param", "all_kinds", "get_kind", "load_errors", "register",
           "unknown_kind_reason"]
