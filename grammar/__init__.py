"""The report's grammar and the mandated format, as files and the modules that read them.

* ``report.lark``: the outline of a report (front matter, sections, tables) over the line
  classifier's tokens (govlint.parse.lines, govlint.parse.outline);
* ``relation.lark``: the arithmetic relations rule packs state between table cells (govlint.rules.relation);
* ``canonical.json``: the mandated format as data (formats and notices, sections, tables 2–4);
* ``spec.py``: canonical.json read once, with accessors (``spec()``);
* ``shapes.py``: the shapes of report text (numbers, years, document numbers, numerals, heading
  numbering, sentence ends, page marks, web addresses, CJK characters), each defined once;
* ``parsers.py``: the Lark parsers of the two grammars, their tables cached on disk (``loader.py``,
  its old name, stays until its last importer moves).

Everything here is data or reads data: it imports nothing of govlint but govlint.support.
"""
from __future__ import annotations
