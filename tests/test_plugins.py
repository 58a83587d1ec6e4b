"""Provinces extend govlint without forking: a check kind from an entry point, a rule pack from config."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

GOVLINT = str(Path(sys.executable).with_name("govlint"))

PLUGIN = '''
from govlint.diagnostics import Finding
from govlint.rules.registry import CheckKind, Param


class SealCheck(CheckKind):
    """The report ends with the issuing body's seal note (盖章)."""
    name = "nx-seal"
    PARAMS = {"word": Param(str, "盖章", "the word to look for")}

    def check(self, doc, params):
        if not any(params["word"] in p.text for p in doc.paragraphs()):
            yield Finding(doc.sections[-1].heading.span if doc.sections else doc.title.span, {"word": params["word"]})
'''

PACK = '''
pack: ningxia
formats: all
rules:
  - code: NX101
    name: seal-note
    severity: warning
    kind: nx-seal
    params: {word: 盖章}
    summary: {zh: 报告末尾没有盖章说明, en: no seal note at the end}
    message: {zh: "报告未注明“{word}”", en: "no \\"{word}\\" note"}
    description: 宁夏的年报末尾需注明盖章。
    examples:
      fail: ["某局2022年政府信息公开工作年度报告\\n一、总体情况\\n"]
      pass: ["某局2022年政府信息公开工作年度报告\\n一、总体情况\\n（盖章）\\n"]
'''


def _install_plugin(root: Path) -> dict:
    (root / "govlint_nx.py").write_text(PLUGIN, encoding="utf-8")
    dist = root / "govlint_nx-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-nx\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[govlint.checks]\nnx-seal = govlint_nx:SealCheck\n", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_entry_point_kind_and_config_rule_pack(tmp_path):
    (tmp_path / "site").mkdir()
    env = _install_plugin(tmp_path / "site")
    project = tmp_path / "project"
    project.mkdir()
    (project / "ningxia.yaml").write_text(PACK, encoding="utf-8")
    (project / ".govlint.yaml").write_text("rule-packs: [ningxia.yaml]\n", encoding="utf-8")
    report = project / "report.txt"
    report.write_text("某局2022年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n", encoding="utf-8")
    run = subprocess.run([GOVLINT, str(report), "--format", "json"], capture_output=True, text=True, env=env)
    diagnostics = json.loads(run.stdout)["files"][0]["diagnostics"]
    [seal] = [d for d in diagnostics if d["code"] == "NX101"]
    assert seal["severity"] == "warning" and seal["message"] == "报告未注明“盖章”"
    listing = subprocess.run([GOVLINT, "rules", "--config", str(project / ".govlint.yaml")],
                             capture_output=True, text=True, env=env)
    assert "NX101" in listing.stdout


def test_a_pack_naming_an_unknown_kind_is_a_located_error(tmp_path):
    (tmp_path / "bad.yaml").write_text(PACK.replace("kind: nx-seal", "kind: nx-missing"), encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text("rule-packs: [bad.yaml]\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("某局2022年政府信息公开工作年度报告\n", encoding="utf-8")
    run = subprocess.run([GOVLINT, str(report), "--lang", "en"], capture_output=True, text=True)
    assert run.returncode == 2
    assert f"{tmp_path / 'bad.yaml'}:8:5: NX101: unknown check kind 'nx-missing'" in run.stderr
    assert "Traceback" not in run.stderr
