"""A preamble hard-wrapped as a PDF export prints it (issue 9, layout class 1): 30–45 characters a line,
page footers (— 2 —) between, the 文号, the phone number, the e-mail and the web address cut across
lines.  Every preamble check (notice cited, period, contact, download address) reads the reflowed text:
the wrapped report gives exactly the diagnostics of the unwrapped one."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import EXAMPLES

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
PREAMBLE = CLEAN.split("\n")[2]
CUTS = ["国办公开办函〔2021〕30", "电话：0953-123", "电子邮箱：zrzyj@exam", "http://www.exa", "统计期限为2022年1月"]


def wrapped(preamble: str, cut_after: str, width: int, footer: bool) -> str:
    """The preamble cut every ``width`` characters, and right after ``cut_after``; a page footer after
    the cut when asked."""
    at = preamble.index(cut_after) + len(cut_after)
    pieces = []
    for part in (preamble[:at], preamble[at:]):
        pieces += [part[i:i + width] for i in range(0, len(part), width)]
    first = -(-at // width)  # the pieces of the text before the cut
    if footer:
        pieces.insert(first, "— 2 —")
    return "\n".join(pieces)


def codes(linter, text: str) -> Counter:
    return Counter(d.code for d in linter.lint_bytes(text.encode("utf-8"), "r.txt").diagnostics)


@pytest.mark.parametrize("cut_after", CUTS)
@pytest.mark.parametrize("width", [30, 37, 45])
@pytest.mark.parametrize("footer", [False, True])
def test_a_hard_wrapped_preamble_is_read_as_one_paragraph(linter, cut_after, width, footer):
    assert PREAMBLE.startswith("根据") and cut_after in PREAMBLE
    text = CLEAN.replace(PREAMBLE, wrapped(PREAMBLE, cut_after, width, footer))
    assert text != CLEAN
    assert codes(linter, text) == codes(linter, CLEAN) == Counter()  # no GL202, GL501, GL503, GL601, GL003


def test_the_notice_cut_inside_its_number_is_still_cited(linter):
    """…〔2021〕30 / 号）: the number is read across the cut — never "no notice cited"."""
    text = CLEAN.replace(PREAMBLE, wrapped(PREAMBLE, "〔2021〕30", 36, True))
    assert "〔2021〕30\n" in text
    result = linter.lint_bytes(text.encode("utf-8"), "r.txt")
    assert not [d for d in result.diagnostics if d.code in ("GL201", "GL202")]
    notices = result.doc.entities.notices
    assert len(notices) == 1 and "30" in result.source.text[notices[0].span.start:notices[0].span.end]


@pytest.mark.parametrize("cut_after", ["电话：0953-123", "电子邮箱：zrzyj@exam", "http://www.exa"])
def test_contact_details_cut_across_lines_are_found_whole(linter, cut_after):
    text = CLEAN.replace(PREAMBLE, wrapped(PREAMBLE, cut_after, 40, True))
    entities = linter.lint_bytes(text.encode("utf-8"), "r.txt").doc.entities
    kind = cut_after.split("：")[0][:4]
    found = {"电话": entities.phones, "电子邮箱": entities.emails, "http": entities.urls}[kind]
    whole = {"电话": "0953-1234567", "电子邮箱": "zrzyj@example.gov.cn", "http": "http://www.example.gov.cn"}[kind]
    assert [entity.text.replace("\n", "") for entity in found] == [whole]
