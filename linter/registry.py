"""Check kinds: the small Python units behind the YAML rules.

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

from dataclasses import dataclass
from typing import Any, ClassVar, Iterable

ENTRY_POINT_GROUP = "govlint.checks"


@dataclass(frozen=True)
class Param:
    type: Any            # a type or tuple of types the YAML value must have
    default: Any = None
    doc: str = ""
    required: bool = False


class CheckKind:
    """Base class of check kinds.  Subclasses set ``name`` and ``PARAMS``.

    ``check`` receives the parsed Document and the rule's parameters (defaults
    filled in) and yields ``govlint.diagnostics.Finding`` objects.  It must not
    read the raw text again where the document tree already has the answer.
    """

    name: ClassVar[str] = ""
    PARAMS: ClassVar[dict[str, Param]] = {}
    CASES: ClassVar[tuple[str, ...]] = ()  # case names the kind can report

    def check(self, doc, params: dict) -> Iterable:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""


_KINDS: dict[str, type[CheckKind]] = {}
_builtins_loaded = False
_entry_points_loaded = False


def check_kind(cls: type[CheckKind]) -> type[CheckKind]:
    """Class decorator registering a check kind under ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _KINDS[cls.name] = cls
    return cls


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        import govlint.rules.kinds  # noqa: F401  (registers the built-in kinds)


def _load_entry_points() -> list[str]:
    """Import kinds from other packages; returns problems as messages."""
    global _entry_points_loaded
    problems = []
    if _entry_points_loaded:
        return problems
    _entry_points_loaded = True
    from importlib.metadata import entry_points

    try:
        found = entry_points(group=ENTRY_POINT_GROUP)
    except TypeError:  # Python < 3.10
        found = entry_points().get(ENTRY_POINT_GROUP, [])
    for point in found:
        try:
            loaded = point.load()
        except Exception as exc:  # a broken plug-in must not take govlint down
            problems.append(f"entry point {point.name!r} ({point.value}) failed to load: {exc}")
            continue
        if isinstance(loaded, type) and issubclass(loaded, CheckKind):
            if not loaded.name:
                loaded.name = point.name
            _KINDS.setdefault(loaded.name, loaded)
        else:
            problems.append(f"entry point {point.name!r} ({point.value}) is not a CheckKind subclass")
    return problems


def get_kind(name: str) -> type[CheckKind] | None:
    _load_builtins()
    if name not in _KINDS:
        _load_entry_points()
    return _KINDS.get(name)


def all_kinds() -> dict[str, type[CheckKind]]:
    _load_builtins()
    _load_entry_points()
    return dict(sorted(_KINDS.items()))
