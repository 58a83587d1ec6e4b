"""``python -m govlint``: the command line."""
from __future__ import annotations

from govlint.cli import main

main()
