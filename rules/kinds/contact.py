"""contact-wellformed: the contact details for enquiries are complete and well formed.

Whether there are any is a rule of the generic kind entity-required (GL501: phones, addresses or
e-mails).
"""
from __future__ import annotations

import re

from govlint.rules.api import CheckKind, Finding, check_kind
from govlint.rules.kinds._util import anchor_span

_DIGITS = re.compile(r"\d")


@check_kind
class ContactWellformed(CheckKind):
    """The contact includes a phone number (and, as a hint, an e-mail address), and postcodes and phone
    numbers are well formed."""

    name = "contact-wellformed"
    FIELDS = ("found",)
    CASES = ("no_phone", "no_email", "postcode", "phone")

    def check(self, doc, params):
        found = doc.entities
        if not (found.phones or found.addresses or found.emails):
            return  # no contact at all: GL501 (entity-required) reports the absence
        if not found.phones:
            anchor = (found.addresses or found.emails)[0].span
            yield Finding(anchor, {}, case="no_phone")
        elif not found.emails:
            # A customary element (a hint): the reply to an enquiry in writing goes by e-mail.  Where
            # GL501 points: a phone number a PDF cut over two lines is still in the preamble's place.
            yield Finding(anchor_span(doc, "preamble"), {}, case="no_email")
        for item in found.postcodes:
            code = item.groups["code"]
            if len(code) != 6:
                yield Finding(item.span, {"found": code}, case="postcode")
        for item in found.phones:
            number = item.groups.get("number") or ""
            digits = len(_DIGITS.findall(number))
            if item.groups.get("label") and not 7 <= digits <= 12:
                yield Finding(item.span, {"found": number.strip()}, case="phone")
