"""Generic kinds: a rule that is really a pattern is YAML over a generic kind, not a kind of its own.
entity-required (GL501: some contact is given) is Vale's "existence" over the parser's entities."""
from __future__ import annotations

import dataclasses

import pytest

from govlint.lint.linter import Linter, Options
from govlint.model import Entities
from govlint.rules import loader
from govlint.rules.kinds.entity_required import ENTITY_TYPES
from govlint.support.yamlio import ConfigError

PACK = """pack: extra
formats: all
rules:
  - code: XT501
    name: website-missing
    severity: warning
    kind: entity-required
    params: {params}
    message: {{zh: 报告未给出网址, en: the report gives no web address}}
"""
TITLE = "某某局2022年政府信息公开工作年度报告\n"


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


def test_entity_types_are_the_documents_entities():
    assert set(ENTITY_TYPES) == {f.name for f in dataclasses.fields(Entities)}


def _contact(text: str) -> list:
    result = Linter(Options(select=["GL501"], report_year=2022)).lint_bytes((TITLE + text).encode(), "r.txt")
    return [(result.source.position(d.span.start), d.message) for d in result.diagnostics]


def test_any_listed_entity_satisfies_the_rule():
    for contact in ("电话：0955-7068588。", "地址：某某路1号。", "电子邮箱：a@example.gov.cn。"):
        assert _contact(f"如对本报告有疑问，请与某某局办公室联系（{contact}）\n") == []
    assert _contact("本报告由某某局编制，电子版见 http://www.example.gov.cn\n") == [
        ((2, 41), "报告未提供任何咨询联系方式（电话、地址、电子邮箱均无）")]  # after the preamble (anchor: preamble-end)


def test_a_pack_of_its_own_uses_it():
    [rule] = loader.load_pack(PACK.format(params="{entities: [urls], anchor: title}"), "extra.yaml")
    result = Linter(Options()).lint_bytes((TITLE + "本报告电子版见网站。\n").encode(), "r.txt")
    assert [finding.span for finding in rule.run(result.doc)] == [result.doc.title.line_spans[0]]
    result = Linter(Options()).lint_bytes((TITLE + "本报告电子版见 www.example.gov.cn。\n").encode(), "r.txt")
    assert list(rule.run(result.doc)) == []


@pytest.mark.parametrize("params, problem", [
    ("{entities: [url]}", "extra.yaml:8:5: unknown entity type 'url' (entity types: docnos, "),
    ("{entities: []}", "extra.yaml:8:5: 'entities' names no entity type"),
    ("{anchor: end}", "extra.yaml:8:5: check kind 'entity-required' needs parameter 'entities'"),
])
def test_its_parameters_are_checked_when_the_pack_loads(params, problem):
    with pytest.raises(ConfigError) as info:
        loader.load_pack(PACK.format(params=params), "extra.yaml")
    assert str(info.value).startswith(problem)
