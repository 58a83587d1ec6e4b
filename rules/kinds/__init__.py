"""The built-in check kinds, one small module each, found by ``govlint.rules.registry``.

Every module here whose name does not start with ``_`` is imported when a kind is first asked
for, and registers its classes with ``@check_kind``: adding a module adds its kinds (no list to
update).  Modules starting with ``_`` are helpers.  To add a kind outside govlint, subclass
``govlint.rules.api.CheckKind`` and expose it through the ``govlint.checks`` entry-point group.
"""
from __future__ import annotations
