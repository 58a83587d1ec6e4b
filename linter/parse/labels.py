"""The mandated labels (grammar/canonical.json, govlint.grammar.spec) and how report text is matched to them.

``label_key`` builds a comparison key for table labels and headings (domain.md §4.6):
folded, whitespace and markdown emphasis removed, ``1、``/``1．`` → ``1.``, ``、`` → ``,``.
Keys are only compared, never reported, so they need no position map.

Rows are matched by label, not by position: a label is reduced to its last
ordinal marker (``一、``, ``(三)``, ``2.``) and the text after it, then compared
with the canonical labels that carry the same marker.  This survives the
shapes PDF extraction produces: group labels glued in front of a row label
(``办 （三）不 4.保护第三方合法权益``), labels cut over lines
(``2.其他法律行政法规禁``) and the odd typo (``2.其他法律行政止公开``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govlint.grammar.shapes import ITEM_NUMBER, NUMERALS
from govlint.grammar.spec import FORMATS, TABLE_FORMATS, TABLES, Spec, spec
from govlint.source.fold import fold
from govlint.support.memo import short_cache

# Table 3's ordinal markers as they read in a key (一、 → 一,): its top level 一–四, groups
# （一）–（七）, items 1.–9.
_MARKER = re.compile(r"[%s],|\([%s]\)|[1-9]\." % (NUMERALS[:4], NUMERALS[:7]))
_KEY_DROP = re.compile(r"[\s*#|]+")
_KEY_PUNCT = str.maketrans({"、": ",", "，": ",", "：": ":", "；": ";", "。": "", "（": "(", "）": ")",
                            "〈": "<", "〉": ">", "《": "<", "》": ">"})


def label_key(text: str) -> str:
    """Comparison key for labels: folded, no whitespace, unified punctuation."""
    key = _KEY_DROP.sub("", fold(text))
    key = ITEM_NUMBER.sub(r"\1.", key)  # 1、 → 1.
    return key.translate(_KEY_PUNCT)


def split_marker(key: str) -> tuple[str | None, str]:
    """Split a label key at its last ordinal marker: ('2.', '其他法律…')."""
    last = None
    for last in _MARKER.finditer(key):
        pass
    if last is None:
        return None, key
    return last.group(), key[last.end():]


@dataclass(frozen=True)
class CanonicalLabel:
    key: str
    label: str
    kind: str  # "row" or "group"
    marker: str | None
    core: str
    order: int
    formats: tuple[str, ...] = FORMATS


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# The punctuation inside header words (本年收费金额（单位：万元）) is not header vocabulary: a line
# of it alone is no header.
_HEADER_PUNCTUATION = frozenset("（）：")


@dataclass(eq=False)  # hashed by identity: its methods are cached
class LabelMatcher:
    """Matches report labels to the canonical ones of tables 2 and 3, and knows the characters
    each table's header lines are made of."""

    spec: Spec
    t3_labels: list[CanonicalLabel] = field(default_factory=list)
    t3_by_marker: dict = field(default_factory=dict)
    t3_order: dict = field(default_factory=dict)
    t2_rows: dict = field(default_factory=dict)
    t2_signature: dict = field(default_factory=dict)
    header_chars: dict = field(default_factory=dict)  # table → frozenset of the characters of its header words

    def __post_init__(self):
        for order, (key, label, formats) in enumerate(self.spec.t3_rows()):
            marker, core = split_marker(label_key(label))
            self.t3_labels.append(CanonicalLabel(key, label, "row", marker, core, order, formats))
            self.t3_order[key] = order
        for key, label in self.spec.labels("table3", "groups").items():
            marker, core = split_marker(label_key(label))
            self.t3_labels.append(CanonicalLabel(key, label, "group", marker, core, -1))
        for entry in self.t3_labels:
            self.t3_by_marker.setdefault(entry.marker, []).append(entry)
        for fmt in TABLE_FORMATS:
            for block in self.spec.t2_blocks(fmt):
                for key, label in block["rows"]:
                    self.t2_rows.setdefault(label_key(label), (key, block["item"]))
        self.t2_signature = self.spec.t2_signature()
        for table in TABLES:
            self.header_chars[table] = frozenset("".join(self.spec.header_words(table))) - _HEADER_PUNCTUATION

    # -- table 3 ---------------------------------------------------------------
    @short_cache(8192, index=1)  # labels repeat from report to report
    def match_t3(self, text: str, prefer: str = "row") -> CanonicalLabel | None:
        """The canonical table-3 row or group a label fragment names, if any.

        ``prefer`` breaks ties between a row and a group with the same label:
        （六）其他处理 is a row in the 试行 table and a group label in 2021.
        """
        key = label_key(text)
        if not key:
            return None
        marker, core = split_marker(key)
        candidates = self.t3_by_marker.get(marker, ())
        if marker is None:
            # Without a marker only a (nearly) whole label is trusted: "本年" is
            # a piece of the vertical group label, not row 一.
            for entry in self.t3_labels:
                if entry.core == core:
                    return entry
            if len(core) >= 6:
                for entry in self.t3_labels:
                    if entry.core.startswith(core) or core.startswith(entry.core):
                        return entry
            return None
        best = None
        best_score = 0
        exact = [entry for entry in candidates if entry.core == core]
        if exact:
            return next((entry for entry in exact if entry.kind == prefer), exact[0])
        for entry in candidates:
            if core and entry.core.startswith(core):
                score = 100 + len(core)
            elif not core:
                score = 50  # a bare marker: "三、" of the group label
            else:
                prefix = _common_prefix(core, entry.core)
                if core.startswith(entry.core):
                    score = 90 + prefix
                elif prefix >= 2 and prefix * 2 >= min(len(core), len(entry.core)):
                    score = prefix
                else:
                    score = 0
            if score > best_score or (score == best_score and best is not None
                                      and best.kind != prefer and entry.kind == prefer):
                best, best_score = entry, score
        return best if best_score else None

    # -- table 2 ---------------------------------------------------------------
    @short_cache(4096, index=1)
    def match_t2(self, text: str):
        """(row key, article item) for a table-2 row label, or None."""
        return self.t2_rows.get(label_key(text))

    @short_cache(4096, index=1)
    def starts_t2_label(self, text: str) -> bool:
        """Is the text the start of a table-2 row label, and not all of it (其他对外管理 / 服务事项: a
        label cut over two lines by a narrow column)?"""
        key = label_key(text)
        return len(key) >= 2 and any(label.startswith(key) and label != key for label in self.t2_rows)

    @short_cache(4096, index=1)  # header lines repeat from report to report
    def t2_version(self, text: str) -> str | None:
        """Which format a table-2 column header belongs to."""
        key = label_key(text)
        for fmt, words in self.t2_signature.items():
            if any(word in key for word in words):
                return fmt
        return None


@lru_cache(maxsize=1)
def label_matcher() -> LabelMatcher:
    return LabelMatcher(spec())
