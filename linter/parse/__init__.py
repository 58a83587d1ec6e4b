"""Parsing: a ``Source`` → a ``Document`` (govlint.model), the tree rules query.

lines.py classifies each line and finds table regions; outline.py runs the Lark outline grammar
(grammar/report.lark) over those tokens and builds the tree; tables.py reads rows and cells;
sections.py resolves the year, the format and the sections; entities.py finds what the prose names.
"""
