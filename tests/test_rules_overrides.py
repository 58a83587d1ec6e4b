"""`.govlint.yaml` may override a rule's parameters — `rules: {GL101: {params: {…}}}` — validated as in
a rule pack: an unknown parameter or a value of the wrong type is an error at file:line:col."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.lint.config import load_config
from govlint.support.yamlio import ConfigError

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
TITLE = "某某县自然资源局2022年政府信息公开工作年度报告"


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


def run(folder: Path, config: str | None, report: str, *extra: str):
    """Exit code, output and diagnostics (code, severity, message) of govlint on a report in ``folder``."""
    folder.mkdir(exist_ok=True)
    if config is not None:
        (folder / ".govlint.yaml").write_text(config, encoding="utf-8")
    (folder / "report.txt").write_text(report, encoding="utf-8")
    result = cli_runner().invoke(cli, [str(folder / "report.txt"), "--format", "json", "--lang", "en", *extra],
                                 catch_exceptions=False)
    if result.exit_code == 2:
        return result.exit_code, result.output, []
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    return result.exit_code, result.output, [(d["code"], d["severity"], d["message"]) for d in diagnostics]


def test_a_parameter_override_changes_what_the_rule_reports(tmp_path):
    report = CLEAN.replace(TITLE, "某某县自然资源局2022年政府信息公开工作报告", 1)  # a known variant
    _, _, default = run(tmp_path / "default", None, report)
    assert [d for d in default if d[0] == "GL101"] == [
        ("GL101", "info", "the title \"某某县自然资源局2022年政府信息公开工作报告\" varies from the standard wording "
                          "\"政府信息公开工作年度报告\"")]
    # No variant accepted: the title lacks the words (the rule's default case, a warning).
    _, _, strict = run(tmp_path / "strict", "rules:\n  GL101:\n    params: {variants: []}\n", report)
    assert [d for d in strict if d[0] == "GL101"] == [
        ("GL101", "warning", "the title \"某某县自然资源局2022年政府信息公开工作报告\" lacks the words "
                             "\"政府信息公开工作年度报告\"")]
    # Another phrase: this title has it.
    _, _, local = run(tmp_path / "local", "rules: {GL101: {params: {phrase: 政府信息公开工作报告}}}\n", report)
    assert [d for d in local if d[0] == "GL101"] == []
    assert [d for d in default if d[0] != "GL101"] == [d for d in local if d[0] != "GL101"]


def test_an_override_keeps_the_rules_other_parameters(tmp_path):
    report = CLEAN.replace(TITLE, "某某县自然资源局2022年政务信息公开年度报告", 1)  # another known variant
    _, _, found = run(tmp_path, "rules: {GL101: {params: {phrase: 政府信息公开工作年度报告}}}\n", report)
    assert [d[:2] for d in found if d[0] == "GL101"] == [("GL101", "info")]


def test_a_code_that_two_packs_define_takes_each_kinds_own_parameters(tmp_path):
    report = CLEAN[:CLEAN.index("四、政府信息公开行政复议、行政诉讼情况")]  # sections 4 to 6 missing
    _, _, default = run(tmp_path / "default", None, report)
    assert {d[2] for d in default if d[0] == "GL102"} >= {'section 4 "四、政府信息公开行政复议、行政诉讼情况" is missing'}
    _, out, found = run(tmp_path / "three", "rules: {GL102: {params: {sections: [1, 2, 3]}}}\n", report)
    assert [d for d in found if d[0] == "GL102"] == [], out


@pytest.mark.parametrize("config, where, problem", [
    ("rules:\n  GL101:\n    params: {phrse: 年度报告}\n", "3:14",
     "GL101 has no parameter 'phrse' (parameters: phrase, variants)"),
    ("rules:\n  GL101:\n    params:\n      variants: 政府信息公开工作报告\n", "4:17",
     "parameter 'variants' of 'title' must be list"),
    ("rules:\n  GL702:\n    params: {patterns: ['截至(']}\n", "3:5", "invalid regular expression '截至('"),
    ("rules:\n  GL102:\n    params: {sections: [1], items: x}\n", "3:36", "parameter 'items' of 'required-content' "
                                                                       "must be list"),
    ("rules:\n  GL3O3:\n    params: {}\n", "2:3", "unknown rule code 'GL3O3' (did you mean GL303?); 'rules' takes "
                                                 "whole codes such as GL101"),
    ("rules:\n  GL3:\n    params: {}\n", "2:3", "unknown rule code 'GL3'"),
    ("rules:\n  GL101:\n    severity: info\n", "3:5", "unknown setting 'severity' for GL101 (settings: params); "
                                                     "a rule's severity is set under the top-level 'severity:'"),
    ("rules:\n  GL101: [phrase]\n", "2:10", "'rules.GL101' must be a mapping of settings (params)"),
    ("rules:\n  GL101:\n    params: [phrase]\n", "3:13", "'params' must be a mapping of parameter names to values"),
    ("rules: [GL101]\n", "1:8", "'rules' maps rule codes to their settings"),
])
def test_a_wrong_override_is_a_located_bilingual_error(tmp_path, config, where, problem):
    code, out, _ = run(tmp_path, config, CLEAN)
    assert code == 2
    assert f".govlint.yaml:{where}: {problem}" in out
    (tmp_path / ".govlint.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(str(tmp_path / ".govlint.yaml"))
    assert info.value.text("zh") != info.value.text("en") and info.value.line is not None


def test_the_rules_of_a_configurations_own_pack_take_overrides_too(tmp_path):
    pack = ("pack: extra\nformats: all\nrules:\n  - code: XT701\n    name: extra-rule\n    severity: warning\n"
            "    kind: pattern-forbidden\n    params: {patterns: ['某某县']}\n"
            "    message: {zh: '“{found}”', en: '\"{found}\"'}\n")
    (tmp_path / "extra.yaml").write_text(pack, encoding="utf-8")
    _, _, found = run(tmp_path, "rule-packs: [extra.yaml]\n", CLEAN)
    assert any(d[0] == "XT701" for d in found)
    _, _, found = run(tmp_path, "rule-packs: [extra.yaml]\nrules: {XT701: {params: {patterns: ['不会出现的词']}}}\n",
                      CLEAN)
    assert not any(d[0] == "XT701" for d in found)


def test_configurations_with_other_overrides_make_other_rule_sets(tmp_path):
    (tmp_path / "a.yaml").write_text("rules: {GL101: {params: {variants: []}}}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rules: {GL101: {params: {variants: [x]}}}\n", encoding="utf-8")
    a, b = load_config(str(tmp_path / "a.yaml")), load_config(str(tmp_path / "b.yaml"))
    assert a.rule_params == {"GL101": {"variants": []}} and b.rule_params == {"GL101": {"variants": ["x"]}}
    assert a.rules_key != b.rules_key
