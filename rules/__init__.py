"""govlint.rules: what is checked, as data.

* ``api.py``       the rule API a check kind may use (CheckKind, Param, Finding, Edit, Span, fold)
* ``registry.py``  check kinds by name: the modules of ``kinds/`` and the ``govlint.checks`` plug-ins
* ``kinds/``       the built-in check kinds, one topic per module (found, not listed)
* ``packs/``       the built-in rule packs (YAML: codes, severities, kinds, parameters, texts, examples)
* ``schema.py``    what a pack may say: validation, with file:line:col for every mistake
* ``rule.py``      a Rule, and how a finding becomes the diagnostic users read
* ``loader.py``    reading packs (built-in and configured, cached) and a configuration's rule set
* ``relation.py``  the relation language of the ``cell-relation`` kind
"""
