"""Checking: what runs between a parsed document and the output.

* ``linter.py``          read a file, parse it, run the rules that apply (the table-arithmetic pass
                         included), collect diagnostics: a ``FileResult`` per file
* ``session.py``         a run over many files: fix rounds, the baseline, what to write back
* ``fixes.py``           applying fixes (atomically, keeping encoding and line endings) and diffs
* ``baseline.py``        accepted diagnostics (--baseline, --write-baseline)
* ``config.py``          .govlint.yaml: selection, severities, packs, rule parameters, excludes
* ``config_template.py`` what ``govlint init`` writes
* ``selectors.py``       rule codes and prefixes (select, ignore), with did-you-mean
* ``walk.py``            which files a folder holds that are reports (excludes, .gitignore)
"""
