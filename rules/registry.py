"""The registry of check kinds: name → class, built-in or from a plug-in.

A check kind is a class with a ``name`` (what rule packs write as ``kind:``),
a ``PARAMS`` table (name → Param: type, default, description) and a
``check(doc, params)`` method that yields Findings.  The built-in kinds live in
``govlint.rules.kinds`` (one module each); more come from installed packages
through the entry-point group ``govlint.checks``::

    [options.entry_points]
    govlint.checks =
        nx-seal = govlint_ningxia.checks:SealCheck

so a province can add its own checks without forking govlint.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Param
from govlint.support import i18n

ENTRY_POINT_GROUP = "govlint.checks"


_KINDS: dict[str, type[CheckKind]] = {}
_builtins_loaded = False
_entry_points_loaded = False
_LOAD_ERRORS: dict[str, str] = {}  # entry-point name → why it could not be loaded


def register(cls: type[CheckKind]) -> type[CheckKind]:
    """Register a check kind under ``cls.name`` (``govlint.rules.api.check_kind`` is the decorator)."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _KINDS[cls.name] = cls
    return cls


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        import govlint.rules.kinds  # noqa: F401  (registers the built-in kinds)


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _load_entry_points() -> None:
    """Import kinds from other packages; a plug-in that fails is recorded in load_errors()."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    from importlib.metadata import entry_points

    try:
        found = entry_points(group=ENTRY_POINT_GROUP)
    except TypeError:  # Python < 3.10
        found = entry_points().get(ENTRY_POINT_GROUP, [])
    for point in found:
        name, value = point.name, point.value
        try:
            loaded = point.load()
        except (Exception, SystemExit) as exc:  # a broken plug-in must not take govlint down
            _LOAD_ERRORS[point.name] = i18n.fmt("plug-in {name!r} ({value}) could not be loaded: {why}",
                                                "无法加载插件 {name!r}（{value}）：{why}", name=name, value=value,
                                                why=_why(exc))
            continue
        if isinstance(loaded, type) and issubclass(loaded, CheckKind):
            if not loaded.name:
                loaded.name = point.name
            _KINDS.setdefault(loaded.name, loaded)
        else:
            _LOAD_ERRORS[point.name] = i18n.fmt("plug-in {name!r} ({value}) could not be loaded: it is not a CheckKind "
                                                "subclass", "无法加载插件 {name!r}（{value}）：它不是 CheckKind 的子类",
                                                name=name, value=value)


def load_errors() -> list:
    """Why plug-ins loaded so far failed, one message each (for a warning on stderr)."""
    return list(_LOAD_ERRORS.values())


def unknown_kind_reason(name: str):
    """Why a kind is unknown, naming a failed plug-in when one may be the cause (an i18n.Message)."""
    if name in _LOAD_ERRORS:
        return _LOAD_ERRORS[name]
    if _LOAD_ERRORS:
        return i18n.join(i18n.msg("plug-ins that could not be loaded: ", "未能加载的插件："),
                         i18n.join(*_LOAD_ERRORS.values(), sep="; "))
    return i18n.msg("see `govlint kinds` for the check kinds", "`govlint kinds` 可列出所有检查类型")


def get_kind(name: str) -> type[CheckKind] | None:
    _load_builtins()
    if name not in _KINDS:
        _load_entry_points()
    return _KINDS.get(name)


def all_kinds() -> dict[str, type[CheckKind]]:
    _load_builtins()
    _load_entry_points()
    return dict(sorted(_KINDS.items()))
