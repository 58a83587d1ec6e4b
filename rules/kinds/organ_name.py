"""organ-name: the report names another organ as its author, approver, contact or signer than the
body of its title, or misspells the body's name (GL410).

The body and the organs it names are the document tree's (``doc.body``, found once by
govlint.parse.body with the shapes of grammar/bodies.yaml), each with its relation to the body:
the body itself (its full name, a short form — 市政务服务中心, 本中心 — or an abbreviation whose
characters are its name's in order: 发改局, 科委), a part of it (its 办公室), its government (of
its place or above, or that government's office: a normal approver of a department's report),
a misspelling (its name intact, with stray characters where the place belongs: case
``misspelt``) or another organ.  This kind reads no text itself.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, check_kind

ROLES = ("approver", "author", "contact", "restated", "signer")
ROLE_ZH = {"approver": "批准发布的机关", "author": "编制报告的机关", "contact": "联系机关",
           "restated": "报告名称中的机关", "signer": "落款机关"}
ROLE_EN = {"approver": "approving organ", "author": "organ compiling the report", "contact": "contact organ",
           "restated": "organ in the report's name", "signer": "signing organ"}


@check_kind
class OrganName(CheckKind):
    """An organ named as the report's author, approver, contact or signer that is not the title's body."""

    name = "organ-name"
    FIELDS = ("organ", "body", "role", "role_en")
    CASES = ("misspelt",)
    PARAMS = {
        "roles": Param(list, list(ROLES), "the roles checked: " + ", ".join(ROLES)),
    }

    @staticmethod
    def validate_params(params):
        for role in params["roles"]:
            if role not in ROLES:
                raise ValueError(f"roles: {role!r} is not one of {', '.join(ROLES)}")

    def check(self, doc, params):
        body = doc.body
        if body is None:
            return
        roles = set(params["roles"])
        for organ in body.named:
            if organ.role not in roles or organ.relation not in ("other", "misspelt"):
                continue
            args = {"organ": organ.name, "body": body.name, "role": ROLE_ZH[organ.role], "role_en": ROLE_EN[organ.role]}
            yield Finding(organ.span, args, case="misspelt" if organ.relation == "misspelt" else None,
                          related=[body.span])
