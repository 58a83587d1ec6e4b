"""The mandated format as data: grammar/canonical.json, read once, with the questions every stage asks of it.

canonical.json is the specification of 国办公开办函〔2021〕30号 and its predecessors as govlint uses it:
the formats and their notices, the six sections, and for tables 2, 3 and 4 their rows, groups and
columns.  The parser matches report text against it (govlint.parse.labels), rules and the HTML
report look names and keys up in it; none of them keeps a copy of a label, a key or a table's width.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from govlint.grammar.shapes import DOCNO

from govlint.grammar.shapes import HEADING_NUMBER

FORMATS = ("2021", "2019-trial", "2008")  # the report formats, newest first
TABLE3_FORMATS = ("2021", "2019-trial")   # a table-3 row without "formats" is in both


class Spec:
    """canonical.json with accessors.  ``data`` is the parsed JSON, read-only by convention."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    # -- sections ---------------------------------------------------------------------------------
    def heading(self, section_id: int) -> str:
        """The mandated heading of section ``section_id`` (1–6), e.g. "三、收到和处理政府信息公开申请情况"."""
        return str(self.data["sections"][section_id - 1]["heading"])

    def heading_words(self, section_id: int) -> str:
        """The mandated heading without its numbering, e.g. "收到和处理政府信息公开申请情况"."""
        heading = self.heading(section_id)
        numbering = HEADING_NUMBER.match(heading)
        return heading[numbering.end():] if numbering else heading

    # -- table 2 ----------------------------------------------------------------------------------
    def t2_blocks(self, fmt: str) -> list[dict[str, Any]]:
        """Table 2's blocks (one per article-20 item) in format ``fmt``."""
        return list(self.data["table2"][fmt])

    def t2_columns(self, fmt: str) -> dict[str, list[str]]:
        """Table 2 in format ``fmt``: each row's key → the keys of its block's columns (its width)."""
        return {key: [column for column, _ in block["columns"]]
                for block in self.t2_blocks(fmt) for key, _label in block["rows"]}

    # -- table 3 ----------------------------------------------------------------------------------
    def t3_keys(self, fmt: str) -> list[str]:
        """The keys of table 3's rows in format ``fmt``, in printed order."""
        return [row["key"] for row in self.data["table3"]["rows"] if fmt in row.get("formats", TABLE3_FORMATS)]

    def t3_columns(self) -> list[str]:
        return [key for key, _ in self.data["table3"]["columns"]]

    def t3_width(self) -> int:
        """Values in a row of table 3: one per column (自然人, five kinds of 法人或其他组织, 总计)."""
        return len(self.t3_columns())

    # -- table 4 ----------------------------------------------------------------------------------
    def t4_groups(self) -> list[str]:
        return [key for key, _ in self.data["table4"]["groups"]]

    def t4_columns(self) -> list[str]:
        return [key for key, _ in self.data["table4"]["columns"]]

    def t4_width(self) -> int:
        """Values in table 4's one data row: every group × every column (3 × 5 = 15)."""
        return len(self.t4_groups()) * len(self.t4_columns())

    # -- formats ----------------------------------------------------------------------------------
    def notice(self, fmt: str) -> str | None:
        """The notice that sets format ``fmt``: "国办公开办函〔2021〕30号" (None for the 2008 regulation)."""
        return self.format_info(fmt).get("notice")

    def notice_number(self, fmt: str) -> tuple[int, int] | None:
        """(year, serial) of the notice of ``fmt``: (2021, 30)."""
        match = DOCNO.search(self.notice(fmt) or "")
        return (int(match.group("year")), int(match.group("serial"))) if match else None

    def notice_issuer(self, fmt: str) -> str | None:
        """The issuer's code in the notice's number: "国办公开办函"."""
        notice = self.notice(fmt)
        match = DOCNO.search(notice or "")
        return notice[:match.start()] if notice and match else None

    def format_info(self, fmt: str) -> dict[str, Any]:
        """What canonical.json says of a format (its notice, its number …); {} for an unknown one."""
        return dict(self.data["formats"].get(fmt) or {})


@lru_cache(maxsize=1)
def spec() -> Spec:
    text = resources.files("govlint.grammar").joinpath("canonical.json").read_text(encoding="utf-8")
    return Spec(json.loads(text))
