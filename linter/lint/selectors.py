"""Rule selectors: the codes and code prefixes of ``--select``/``--ignore`` and ``.govlint.yaml``.

A selector that matches no rule is a mistake, never a silent "nothing selected": ``--ignore GL3O3``
(letter O) must not switch a check off and pass.  This module says which selectors match nothing,
and what the user probably meant.
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable

# A selector's shape: ALL, or letters then digits (GL, GL3, GL303, NX1).
# Characters typed for digits: O for 0, I and L for 1.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def suggestion(selector: str, known_codes: Iterable[str]) -> str | None:
    """The code or prefix the user most likely meant, or None."""
    codes = sorted(set(known_codes))
    candidates = set(codes)
    for code in codes:  # prefixes too: GL3 for G3
        candidates.update(code[:n] for n in range(2, len(code)))
    leading = re.match(r"[A-Z]*", selector)
    letters = leading.group() if leading else ""
    # GL3O3: keep the leading letters, read look-alikes after them as digits.
    repaired = letters + selector[len(letters):].translate(_DIGIT_LOOKALIKES)
    if repaired != selector and repaired in candidates:
        return repaired
    close = difflib.get_close_matches(selector, sorted(candidates, key=lambda c: (len(c) != len(selector), c)),
                                      n=1, cutoff=0.6)
    return close[0] if close else None


def unknown(selectors: Iterable[str], known_codes: Iterable[str]) -> list[tuple[str, str | None]]:
    """The selectors that match no known code, each with a suggestion (or None)."""
    codes = list(known_codes)
    return [(selector, suggestion(selector, codes)) for selector in selectors
            if not any(matches(selector, code) for code in codes)]


def describe(selector: str, hint: str | None):
    """The message for an unknown selector, in both languages (an i18n.Message)."""
    from govlint.support import i18n

    if hint:
        return i18n.fmt("unknown rule code or prefix {selector!r}; did you mean {hint!r}?",
                        "未知的规则代码或前缀 {selector!r}，是否应为 {hint!r}？", selector=selector, hint=hint)
    return i18n.fmt("unknown rule code or prefix {selector!r}; `govlint rules` lists the rules",
                    "未知的规则代码或前缀 {selector!r}；`govlint rules` 可列出所有规则", selector=selector)
