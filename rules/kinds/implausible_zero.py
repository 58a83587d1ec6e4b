"""implausible-zero: a body whose kind implies an activity reports it as zero in table 2 while its
prose describes that activity (GL310; domain.md T2-R7, X-15).

The body and its specific kinds are the document tree's (``doc.body``: grammar/bodies.yaml
``classes``, e.g. an approval bureau — 行政审批局, 审批服务管理局 — is expected to make licensing
decisions); the rule's parameter ``classes`` adds kinds or replaces them, in the same shape, from a
rule pack or .govlint.yaml.  A cell is implausible only when it is the number 0 (blank, missing or
unreadable cells say nothing) and the prose names the activity at least ``min_evidence`` times.
"""
from __future__ import annotations

from govlint.grammar.spec import body_table, build_body_classes
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import column_name, column_name_en, row_name


@check_kind
class ImplausibleZero(CheckKind):
    """A table-2 cell at 0 that the body's kind implies is not, while the prose describes the activity."""

    name = "implausible-zero"
    FIELDS = ("body", "row", "column", "column_en", "evidence", "evidence_en", "count")
    PARAMS = {
        "classes": Param(dict, {}, "kinds of body added to (or replacing those of) grammar/bodies.yaml: "
                                   "name → {names, nonzero: [[row, column]], evidence, min_evidence}"),
    }

    @staticmethod
    def validate_params(params):
        build_body_classes(params["classes"], "")

    def check(self, doc, params):
        body, table = doc.body, doc.table2
        if body is None or table is None:
            return
        extra = build_body_classes(params["classes"], "") if params["classes"] else None
        bodies = body_table()
        texts = None
        for key in bodies.classes_of(body.name, extra):
            kind = bodies.body_class(key, extra)
            for row_key, column in kind.nonzero:
                row = table.row(row_key)
                cell = row.cell(column) if row is not None and row.width_ok else None
                if cell is None or not cell.is_number or cell.value != 0:
                    continue
                if texts is None:
                    texts = [paragraph.squeezed.text for paragraph in doc.paragraphs()]
                counts = {word: sum(text.count(word) for text in texts) for word in kind.evidence}
                count = sum(counts.values())
                if count < max(kind.min_evidence, 1):
                    continue
                words = [word for word, n in sorted(counts.items(), key=lambda item: -item[1]) if n]
                yield Finding(cell.span, {"body": body.name, "row": row_name("table2", row_key),
                                          "column": column_name("table2", column),
                                          "column_en": column_name_en("table2", column),
                                          "evidence": "、".join(f"“{word}”" for word in words),
                                          "evidence_en": ", ".join(f"\"{word}\"" for word in words),
                                          "count": count}, related=[body.span])
