"""The base of every check kind: ``CheckKind`` and the ``Param`` table that declares its parameters.

Kinds import it through ``govlint.rules.api``; it lives apart so that the registry can know the
base class without importing the API that registers into it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable


@dataclass(frozen=True)
class Param:
    type: Any            # a type or tuple of types the YAML value must have
    default: Any = None
    doc: str = ""
    required: bool = False


class CheckKind:
    """Base class of check kinds.  Subclasses set ``name``, ``PARAMS`` and ``FIELDS`` (and ``CASES``).

    ``check`` receives the parsed Document and the rule's parameters (defaults
    filled in) and yields ``govlint.diagnostics.Finding`` objects.  It must not
    read the raw text again where the document tree already has the answer.
    """

    name: ClassVar[str] = ""
    PARAMS: ClassVar[dict[str, Param]] = {}
    CASES: ClassVar[tuple[str, ...]] = ()  # case names the kind can report
    # The fields the kind's findings carry (Finding.args), all cases together: what a rule's
    # templates may name.  None: not declared (a plug-in written before FIELDS), so any plain
    # name is accepted.
    FIELDS: ClassVar[tuple[str, ...] | None] = None
    # True: the rules of this kind are checked together, in rule order, in one pass over a document
    # that carries what earlier rules found (table arithmetic: one wrong number, one diagnostic).
    # The linter runs every rule of such a kind, selected or not, and keeps the selected rules'
    # findings, so that what a rule reports never depends on which other rules are selected.
    JOINT: ClassVar[bool] = False

    def check(self, doc, params: dict) -> Iterable:
        raise NotImplementedError

    def joint_pass(self, doc) -> Callable[[dict], Iterable]:
        """For a JOINT kind: a fresh pass over ``doc``; calling it with one rule's parameters gives
        that rule's findings, given those of the rules passed before it."""
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
