"""entity-required: the report states something the parser recognises in prose (a phone number, an
address, a document number …): at least one entity of the listed types, else one diagnostic.

The generic counterpart of ``pattern-required`` for what a regex alone cannot say well: the
parser's entities (``Document.entities``) already handle PDF-inserted spaces, labels and the
many ways of writing a phone number or a document number.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import ANCHORS, anchor_span

# The entity types of Document.entities (govlint.model.Entities), as packs name them.
ENTITY_TYPES = ("docnos", "notices", "corrupt_notices", "format_titles", "periods", "phones", "postcodes",
                "emails", "addresses", "urls", "malformed_urls", "part_lists")


@check_kind
class EntityRequired(CheckKind):
    """At least one entity of the listed types occurs in the report (else: one diagnostic at the anchor)."""

    name = "entity-required"
    FIELDS = ()
    PARAMS = {
        "entities": Param(list, [], f"entity types; one of any is enough: {', '.join(ENTITY_TYPES)}",
                          required=True),
        "anchor": Param((str, int), "preamble", f"where to point: {ANCHORS}"),
    }

    @staticmethod
    def validate_params(params):
        if not params["entities"]:
            raise ValueError("'entities' names no entity type")
        for name in params["entities"]:
            if name not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {name!r} (entity types: {', '.join(ENTITY_TYPES)})")

    def check(self, doc, params):
        found = doc.entities
        if not any(getattr(found, name) for name in params["entities"]):
            yield Finding(anchor_span(doc, params["anchor"]), {})
