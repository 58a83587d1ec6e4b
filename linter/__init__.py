"""govlint: a compliance linter for Chinese government information-disclosure annual reports.

The pipeline, one folder a step: ``source/`` (a file's bytes → ``Source``: readers, decoding; and
the one-to-one character folding the parser applies) → ``parse/`` (``Source`` → the document tree of ``model.py``) → ``govlint.rules`` (check
kinds and rule packs) → ``lint/`` (running the rules: configuration, fixes, baselines) →
``output/`` (the formats) → ``cli.py``.  ``support/`` is what every step uses; ``govlint.grammar``
holds the grammars and the mandated format as data.
"""
__version__ = "0.1.0"
