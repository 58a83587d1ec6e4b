"""Checking: running the rules over documents (linter.py), fix rounds and baselines (session.py),
configuration (config.py), which files to check (walk.py) and which rules (selectors.py)."""
