"""The built-in check kinds, one small module each.  Importing this package registers them.

To add a kind outside govlint, subclass ``govlint.rules.api.CheckKind`` and
expose it through the ``govlint.checks`` entry-point group.
"""
from __future__ import annotations

from govlint.rules.kinds import (  # noqa: F401  (imported for registration)
    cell_relation,
    cell_values,
    citations,
    claims,
    contact,
    heading_wording,
    not_a_report,
    patterns,
    regime2008,
    sections,
    tables,
    title,
    unplaced,
    years,
    zero_table,
)
