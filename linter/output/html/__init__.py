"""``--format html``, the editors' report: report.py turns results into view objects, templates/ lay them out;
batch.py writes a batch as a directory (``-o DIR``: index.html and a page per report)."""
from __future__ import annotations

from govlint.output.html import report  # noqa: F401  (registers the format)
