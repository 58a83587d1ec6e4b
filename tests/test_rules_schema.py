"""A rule pack is checked when it loads: message fields against what the kind's findings carry,
examples against their documented shape — each mistake an error at file:line:col, in both languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from govlint.lint.linter import Linter, Options
from govlint.parse.outline import parse
from govlint.rules import loader, registry
from govlint.source import Source
from govlint.support import i18n
from govlint.support.yamlio import ConfigError

PACKS = Path(loader.__file__).with_name("packs")

PACK = """pack: extra
formats: all
rules:
  - code: XT101
    name: extra-rule
    severity: warning
    kind: pattern-forbidden
    params: {{patterns: ["某某"]}}
    message: {{zh: "{message}", en: "found {{found}}"}}
    examples:
      fail:
{example}
"""
EXAMPLE = """        - year: 2022
          text: |
            某某
"""


def pack(message: str = "出现“{found}”", example: str = EXAMPLE) -> str:
    return PACK.format(message=message, example=example)


def load_error(text: str, path: str = "extra.yaml") -> ConfigError:
    with pytest.raises(ConfigError) as info:
        loader.load_pack(text, path)
    return info.value


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


# -- message fields -------------------------------------------------------------------------------
def test_a_misspelt_field_in_a_user_pack_is_a_located_bilingual_error():
    error = load_error(pack("出现“{foud}”"))
    assert error.text("en") == ("extra.yaml:9:19: 'message.zh': check kind 'pattern-forbidden' provides no field "
                                "{foud} (fields: found)")
    assert error.text("zh") == "extra.yaml:9:19: 'message.zh'：检查类型 'pattern-forbidden' 没有字段 {foud}（可用字段：found）"


def test_a_misspelt_field_in_a_copy_of_a_builtin_pack_is_a_located_error():
    text = (PACKS / "citations.yaml").read_text(encoding="utf-8")
    right = 'en: "the document number \\"{found}\\" should be written \\"{expected}\\""'
    assert text.count(right) == 1
    line = text[:text.index(right)].count("\n") + 1
    error = load_error(text.replace(right, right.replace("{expected}", "{expeted}")), "citations.yaml")
    assert (error.line, error.column) == (line, 11)
    assert "'message.en': check kind 'docno-style' provides no field {expeted} (fields: found, expected, issuer)" \
        in str(error)


def test_fields_of_a_case_and_of_help_are_checked_too():
    text = (PACKS / "structure.yaml").read_text(encoding="utf-8")
    for right, wrong in [('"标题“{title}”未写明报告年度"', '"标题“{titel}”未写明报告年度"'),
                         ('"在此前插入标题“{expected}”"', '"在此前插入标题“{expect}”"'),
                         ('"按年报格式补写“{heading}”部分"', '"按年报格式补写“{head}”部分"')]:
        assert text.count(right) == 1
        error = load_error(text.replace(right, wrong), "structure.yaml")
        assert error.line == text[:text.index(right)].count("\n") + 1
        assert "provides no field" in str(error)


def test_every_builtin_kind_declares_the_fields_of_its_findings():
    builtin = {name: kind for name, kind in registry.all_kinds().items()
               if kind.__module__.startswith("govlint.rules.kinds.")}
    assert builtin
    undeclared = sorted(name for name, kind in builtin.items() if kind.FIELDS is None)
    assert not undeclared, f"kinds without FIELDS: {undeclared}"


def _documents():
    """The example reports and every rule's failing examples, parsed."""
    texts = [(path.read_text(encoding="utf-8"), None) for path in sorted(EXAMPLES.rglob("*.txt"))]
    for rule in Linter(Options()).all_rules():
        for example in rule.examples.get("fail", []):
            texts.append((example, None) if isinstance(example, str) else (example["text"], example.get("year")))
    return [parse(Source(text, "x.txt"), year=year) for text, year in texts]


def test_findings_carry_only_the_fields_their_kind_declares():
    """FIELDS is a promise: a field found but not declared could not be named in a message."""
    documents = _documents()
    seen: dict = {}
    for rule in Linter(Options()).all_rules():
        declared = type(rule.kind).FIELDS
        if declared is None:
            continue
        for doc in documents:
            for finding in rule.run(doc):
                extra = set(finding.args) - set(declared)
                assert not extra, f"{rule.code} ({rule.kind.name}) finds undeclared fields {sorted(extra)}"
                seen.setdefault(rule.kind.name, set()).update(finding.args)
    assert seen["substitute"] == {"found", "expected"}  # the documents do reach the kinds


# -- examples -------------------------------------------------------------------------------------
@pytest.mark.parametrize("extra, where, problem", [
    ('          at: "2-3"\n', "13:15", "XT101: 'at' is where the diagnostic points: \"line:column\", like \"3:5\""),
    ("          at: 0:1\n", "13:15", "XT101: 'at' is where the diagnostic points"),
    ("          fixed: [x]\n", "13:18", "XT101: 'fixed' is the example's text once fixed"),
    ("          at_line: 2\n", "13:11", "XT101: unknown key 'at_line' in a fail example (text, year, at, fixed)"),
])
def test_a_malformed_example_is_a_located_error(extra, where, problem):
    text = pack(example=EXAMPLE.replace("          text:", extra + "          text:"))
    assert str(load_error(text)).startswith(f"extra.yaml:{where}: {problem}")


def test_an_example_year_is_a_year():
    text = pack(example=EXAMPLE.replace("year: 2022", "year: twenty"))
    assert str(load_error(text)).startswith("extra.yaml:12:17: XT101: an example's 'year' is a year such as 2022")


def test_a_passing_example_has_no_place_or_fix():
    text = pack().replace("      fail:\n", "      pass:\n").replace("          text:", '          at: "1:1"\n'
                                                                       "          text:")
    assert str(load_error(text)).startswith("extra.yaml:13:11: XT101: unknown key 'at' in a pass example (text, year)")


def test_an_example_with_place_and_fix_loads():
    example = EXAMPLE + '          at: "1:1"\n          fixed: |\n            某\n'
    [rule] = loader.load_pack(pack(example=example), "extra.yaml")
    assert rule.examples["fail"] == [{"year": 2022, "text": "某某\n", "at": "1:1", "fixed": "某\n"}]


def test_errors_are_bilingual():
    error = load_error(pack(example=EXAMPLE.replace("          text:", '          at: "x"\n          text:')))
    assert i18n.is_bilingual(error.where_message())
    assert "'at' 是诊断所指的位置" in error.text("zh")
