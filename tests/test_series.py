"""The multi-year series generator (benchmarks/series.py) keeps its contract (issue 11, "Proof").

* a clean series continues itself: parsed with govlint, this year's 二、上年结转 is last year's
  四、结转下年度继续办理 in every column, and 现行有效 = last year's + 制发 − 废止;
* its prose is fresh: no 60-character passage of a report's own prose comes back in the next year's
  report of the same body, and passages shared across bodies are rare (hashing check);
* sign-off dates are within the deadline of the body's kind;
* an injected series differs from the clean one of the same seed only in the files the manifest names,
  and there only as it says;
* a seed gives the same series.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import series  # noqa: E402  (benchmarks/series.py)

SEED = 7
BODIES = 9
YEARS = [2022, 2023, 2024]
LINTER = Linter(Options(select=["ALL"]))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    reports: dict = {}
    manifest = series.generate_series(str(out), BODIES, YEARS, SEED, reports_out=reports)
    return out, manifest, reports


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    out = tmp_path_factory.mktemp("injected")
    manifest = series.generate_series(str(out), BODIES, YEARS, SEED, inject=True, per_code=1)
    return out, manifest


def tables(path: Path) -> tuple:
    """(table 3 as {row key: [7 values]}, 行政规范性文件 [制发, 废止, 现行有效]) as govlint reads them."""
    document = LINTER.lint_bytes(path.read_bytes(), path.name).doc
    found = {t.kind: t for t in (document.tables() if callable(document.tables) else document.tables)}
    t3 = {key: [c.value for c in row.cells] for key, row in found["table3"].rows.items()}
    return t3, [c.value for c in found["table2"].rows["normative"].cells]


def test_clean_series_continues_its_tables(clean):
    out, manifest, _ = clean
    files = {(f["body"], f["year"]): out / f["file"] for f in manifest["files"]}
    assert not manifest["families"]  # one per 20 bodies
    assert len(files) == BODIES * len(YEARS)
    checked = 0
    for (body, year), path in files.items():
        if (body, year - 1) not in files:
            continue
        now, normative = tables(path)
        last, last_normative = tables(files[(body, year - 1)])
        carried, forward = now["carried"], last["forward"]
        assert carried == forward, (path.name, carried, forward)
        made, repealed, in_force = normative
        assert in_force == last_normative[2] + made - repealed, (path.name, normative, last_normative)
        checked += 1
    assert checked == BODIES * (len(YEARS) - 1)


def _windows(text: str, width: int = 60) -> set:
    flat = re.sub(r"\s", "", text)
    return {hash(flat[i:i + width]) for i in range(len(flat) - width + 1)}


def test_clean_prose_is_fresh(clean):
    """Few passages of 60 characters of a year's prose (一, 五, 六 without the opening formula) are in the
    next year's report of the same body (the body names itself in the same phrasing now and then); across
    bodies, shared windows are a small share."""
    _, _, reports = clean
    own = {key: set().union(*(_windows(b.text) for b in series.prose_blocks(rich.report)[1:]))
           for key, rich in reports.items()}
    for (body, year), windows in own.items():
        if (body, year - 1) in own:
            assert len(windows & own[(body, year - 1)]) / len(windows) < 0.05, (body, year)
    seen: dict = {}
    for (body, _year), windows in own.items():
        for window in windows:
            seen.setdefault(window, set()).add(body)
    shared = sum(1 for bodies in seen.values() if len(bodies) > 1)
    assert shared / len(seen) < 0.01, shared


def test_sign_off_dates_are_within_the_deadline(clean):
    out, manifest, _ = clean
    for entry in manifest["files"]:
        lines = [line.strip() for line in (out / entry["file"]).read_text(encoding="utf-8").split("\n") if line.strip()]
        last = lines[-3:]  # a page mark (- 4 -) may follow the sign-off
        m = next(filter(None, (re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", line) for line in last)), None)
        assert m, (entry["file"], last)
        assert int(m.group(1)) == entry["year"] + 1
        limit = 3 if entry["kind"] == "government" and entry["level"] != "town" else 1
        assert int(m.group(2)) <= limit, (entry["file"], last, entry["kind"])


def test_injections_change_what_the_manifest_says(clean, injected):
    clean_dir, clean_manifest, _ = clean
    out, manifest = injected
    codes = {p["code"] for p in manifest["injections"]}
    assert codes == set(series.CODES)
    named = {p["file"] for p in manifest["injections"]}
    for entry in clean_manifest["files"]:
        path = out / entry["file"]
        if entry["file"] in named:
            continue
        if not path.exists():  # a report left out for GL807: its body is on the roster with that year missing
            assert any(p["code"] == "GL807" and p["body"] == entry["body"] and entry["year"] in p["notes"]["missing"]
                       for p in manifest["injections"]), entry
            continue
        assert path.read_text(encoding="utf-8") == (clean_dir / entry["file"]).read_text(encoding="utf-8"), entry
    roster = (out / "roster.yaml").read_text(encoding="utf-8").split("\n")
    for place in manifest["injections"]:
        lo, hi = place["lines"]
        if place["file"] == "roster.yaml":
            assert f"- name: {place['body']}" == roster[lo - 1]
            continue
        text = (out / place["file"]).read_text(encoding="utf-8")
        before = (clean_dir / place["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        if place["code"] == "GL806":  # the source is as it was; the copier has the passage at its target too
            pair = [p for p in manifest["injections"] if p.get("case") == place["case"] and p["code"] == "GL806"]
            assert len(pair) == 2
            changed = [p for p in pair if (out / p["file"]).read_text(encoding="utf-8")
                       != (clean_dir / p["file"]).read_text(encoding="utf-8")]
            assert len(changed) == 1
            spans = ["".join((out / p["file"]).read_text(encoding="utf-8").split("\n")[p["lines"][0] - 1:p["lines"][1]])
                     for p in pair]
            assert _windows(spans[0]) & _windows(spans[1])
            continue
        assert text != before, place
        if place["code"] == "GL801":
            now, _ = tables(out / place["file"])
            was, _ = tables(clean_dir / place["file"])
            carried_now, carried_was = now["carried"], was["carried"]
            column = series.gen.T3_COLUMNS.index(place["notes"]["column"])
            assert [c for c in range(6) if carried_now[c] != carried_was[c]] == [column]
            assert series.CARRIED_LABEL in lines[lo - 1]
        elif place["code"] == "GL802":
            _, normative = tables(out / place["file"])
            _, clean_normative = tables(clean_dir / place["file"])
            assert normative[2] - clean_normative[2] == place["notes"]["off"] or normative[:2] != clean_normative[:2]
            assert "行政规范性文件" in lines[lo - 1]
        elif place["code"] == "GL805":
            now, _ = tables(out / place["file"])
            last_file = place["file"].replace(str(place["year"]), str(place["year"] - 1))
            last, _ = tables(out / last_file)
            assert list(now.values()) == list(last.values())
        elif place["code"] == "GL505":
            assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", lines[lo - 1].strip())
            assert lines[lo - 1] != before.split("\n")[lo - 1] or lo > len(before.split("\n"))
        elif place["code"] == "GL803":
            assert place["notes"]["reused_share"] > 0.6
        elif place["code"] == "GL804":
            assert lo <= hi and "五、" in lines[lo - 1]


def test_a_seed_gives_the_same_series(tmp_path):
    first = series.generate_series(str(tmp_path / "a"), 4, [2023, 2024], 11, inject=True, per_code=1)
    again = series.generate_series(str(tmp_path / "b"), 4, [2023, 2024], 11, inject=True, per_code=1)
    assert first == again
    for entry in first["files"]:
        assert (tmp_path / "a" / entry["file"]).read_bytes() == (tmp_path / "b" / entry["file"]).read_bytes()
    assert json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8")) == first


def test_more_bodies_than_the_generator_has_names():
    """Past prose.make_body's name space (about 2,100 bodies), bodies move to made-up counties: every
    name stays unique, the series does not hang, and a moved body's report is read as by that body."""
    bodies = series.make_bodies(SEED, 2600)
    names = [body.name for body in bodies]
    assert len(set(names)) == len(names)
    moved = [body for body in bodies if re.search(r"//www\.x\d+\.gov", body.agency.portal)]
    assert len(moved) > 300
    body = moved[0]
    assert body.agency.area in body.name and body.agency.area[:2] not in "".join(row[1] for row in series.gen.CITIES)
    text = series.make_year(SEED, body, 2023, None, {}).render()
    result = LINTER.lint_bytes(text.encode("utf-8"), "moved.txt")
    assert result.body == body.name
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_a_family_parent_s_tables_are_its_children_s_sums(tmp_path):
    """A family's parent (one per 20 bodies) says it aggregates, and its tables 3 and 4, as govlint reads
    them, are its children's sums every year; its own carry-over still holds."""
    from govlint.rules.kinds.across_roster import _cells

    out = tmp_path / "series"
    manifest = series.generate_series(str(out), 40, [2023, 2024], SEED)
    assert len(manifest["families"]) == 2
    files = {(f["body"], f["year"]): out / f["file"] for f in manifest["files"]}
    roster = (out / "roster.yaml").read_text(encoding="utf-8")
    for family in manifest["families"]:
        assert roster.count(f"parent: {family['parent']}") == len(family["children"]) in (2, 3)
        for year in (2023, 2024):
            parent = LINTER.lint_bytes(files[(family["parent"], year)].read_bytes(), "parent.txt").doc
            assert any(series.AGGREGATES.split("{")[0] in paragraph.text for paragraph in parent.preamble)
            cells = _cells(parent)
            children = [_cells(LINTER.lint_bytes(files[(child, year)].read_bytes(), "child.txt").doc)
                        for child in family["children"]]
            assert cells and all(children)
            keys, values = cells
            assert all(child[0] == keys for child in children)  # one layout of rows and columns
            assert list(values) == [sum(numbers) for numbers in zip(*(child[1] for child in children))]
        now, _ = tables(files[(family["parent"], 2024)])
        last, _ = tables(files[(family["parent"], 2023)])
        assert now["carried"] == last["forward"]
