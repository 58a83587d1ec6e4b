"""Helpers every stage uses: bilingual messages (i18n), safe YAML (yamlio), the on-disk cache, memoising."""
