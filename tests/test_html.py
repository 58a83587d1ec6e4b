"""The editors' HTML report: its structure (parsed here with the standard library) and its
behaviour in a real headless browser (Playwright driving Debian's /usr/bin/chromium)."""
from __future__ import annotations

import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest


from conftest import CORPUS, EXAMPLES, SEEDS, cli_runner, seed, shared
from govlint.grammar.spec import spec
from govlint.cli import cli
from govlint.lint.linter import Linter, Options
from govlint.output import Settings, get
from govlint.output.html.report import DiagView, highlight_lines
from govlint.source import Source

TABLE = EXAMPLES / "defects" / "table.txt"
THREE = [EXAMPLES / "clean-2021.txt", TABLE, EXAMPLES / "defects" / "citation.txt"]


# -- a small DOM, enough to query the report ------------------------------------------------------

class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self) -> set:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, attr=None):
        return [node for node in self.iter() if (tag is None or node.tag == tag)
                and (cls is None or cls in node.classes) and (attr is None or attr in node.attrs)]


class _Builder(HTMLParser):
    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"unbalanced </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dom(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def label(node) -> str:
    """A table cell's text without its footnote numbers."""
    return "".join(child if isinstance(child, str) else label(child) for child in node.children
                   if isinstance(child, str) or child.tag != "sup").strip()


def render(paths, **settings) -> tuple[str, list]:
    """The HTML report of some files, written by the formatter itself, and the results."""
    formatter = get("html")
    linter = Linter(Options(), keep_documents=formatter.needs_documents)
    results = [linter.lint_path(str(path)) for path in paths]
    stream = io.StringIO()
    formatter(Settings(**settings)).write(results, stream)
    return stream.getvalue(), results


def write_draft(tmp_path, text: str, name: str = "draft.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- structure -------------------------------------------------------------------------------

def test_the_formatter_is_registered_and_asks_for_the_documents():
    formatter = get("html")
    assert formatter is not None and formatter.needs_documents is True


def test_every_diagnostic_has_one_mark_and_one_list_entry():
    html, results = render([TABLE])
    root = dom(html)
    diagnostics = results[0].diagnostics
    assert [d.code for d in diagnostics] == ["GL306", "GL303", "GL303"]
    marks = root.find_all("mark", attr="data-diag-id")
    entries = root.find_all("li", cls="entry")
    assert len(marks) == len(entries) == len(diagnostics)
    assert [m.attrs["data-diag-id"] for m in marks] == [e.attrs["data-diag-id"] for e in entries]
    text = results[0].source.text
    # Each mark holds exactly the text its diagnostic blames, at its severity.
    for mark, diag in zip(marks, diagnostics):
        assert mark.text == text[diag.span.start:diag.span.end]
        assert f"sev-{diag.severity}" in mark.classes and mark.attrs["data-family"] == diag.family
    # The list says where and what; the message is also under the line.
    entry = entries[1]
    assert "第 64 行" in entry.text and diagnostics[1].message in entry.text
    notes = root.find_all("div", cls="note")
    assert len(notes) == 3 and diagnostics[1].message in notes[1].text


def test_header_counts_and_verdict():
    html, _ = render([TABLE, EXAMPLES / "clean-2021.txt"])
    root = dom(html)
    heads = root.find_all("header", cls="file-head")
    assert len(heads) == 2
    failing, passing = heads
    assert "某某县自然资源局2022年政府信息公开工作年度报告" in failing.find_all("h2")[0].text
    meta = failing.find_all("dl", cls="meta")[0].text
    assert "某某县自然资源局" in meta and "2022" in meta and "国办公开办函〔2021〕30号" in meta
    counts = [li.text.split() for li in failing.find_all("li", cls="count")]
    assert counts == [["错误", "2"], ["警告", "1"], ["提示", "0"]]
    # The verdict says what it means: what blocks publication, and how many there are.
    assert failing.find_all(cls="verdict")[0].text == "不通过：有 2 个错误（错误阻止发布，警告不阻止）"
    assert passing.find_all(cls="verdict")[0].text == "通过：没有错误（警告不阻止发布）"
    assert "未发现问题" in html
    index = root.find_all("table", cls="index-table")[0]
    short = index.find_all(cls="verdict")
    assert [v.text for v in short] == ["不通过", "通过"]
    assert short[0].attrs["title"] == "不通过：有 2 个错误（错误阻止发布，警告不阻止）"


def test_verdicts_at_every_fail_on_level():
    citation = EXAMPLES / "defects" / "citation.txt"  # one error (GL201), one info (GL203)

    def verdicts(paths, **settings):
        root = dom(render(paths, **settings)[0])
        return [head.find_all(cls="verdict")[0].text for head in root.find_all("header", cls="file-head")]

    assert verdicts([citation]) == ["不通过：有 1 个错误（错误阻止发布，警告不阻止）"]
    assert verdicts([citation], fail_on="info") == ["不通过：有 1 个错误、1 个提示（任何问题都阻止发布）"]
    assert verdicts([citation], lang="en", fail_on="info") == [
        "Fail: 1 error, 1 info (every diagnostic blocks publication)"]
    assert verdicts([TABLE], lang="en", fail_on="warning") == [
        "Fail: 2 errors, 1 warning (errors and warnings block publication, info does not)"]
    clean = EXAMPLES / "clean-2021.txt"
    assert verdicts([clean], lang="en") == ["Pass: no errors (warnings do not block)"]
    assert verdicts([clean], fail_on="warning") == ["通过：没有错误和警告（提示不阻止发布）"]
    # Passing with diagnostics below the threshold says so.
    from govlint.output.html.report import HtmlFormatter

    result = Linter(Options()).lint_path(str(citation))
    result.diagnostics = [d for d in result.diagnostics if d.severity != "error"]
    assert HtmlFormatter(Settings()).verdict(result, False) == "通过：没有错误（有 1 个提示，不阻止发布）"
    assert HtmlFormatter(Settings(lang="en")).verdict(result, False) == "Pass: no errors (1 info, which do not block)"


def test_tables_are_rebuilt_with_canonical_labels_and_the_wrong_cells_marked():
    html, results = render([TABLE])
    root = dom(html)
    figures = {f.attrs["id"]: f for f in root.find_all("figure", cls="table-box")}
    assert set(figures) == {"f1-table2", "f1-table3", "f1-table4"}
    data = spec().data
    t3_labels = {label(th) for th in figures["f1-table3"].find_all("th")}
    for key in spec().t3_keys("2021"):
        canonical = next(row["label"] for row in data["table3"]["rows"] if row["key"] == key)
        assert canonical in t3_labels, canonical
    assert {text for _, text in data["table3"]["groups"]} <= t3_labels
    assert {text for _, text in data["table3"]["columns"]} <= t3_labels
    t2_labels = {label(th) for th in figures["f1-table2"].find_all("th")}
    for block in spec().t2_blocks("2021"):
        assert block["block"] in t2_labels
        assert {text for _, text in block["rows"]} <= t2_labels
        assert {text for _, text in block["columns"]} <= t2_labels
    t4_labels = {label(th) for th in figures["f1-table4"].find_all("th")}
    assert {text for _, text in data["table4"]["groups"]} <= t4_labels
    assert {text for _, text in data["table4"]["columns"]} <= t4_labels

    # Table 3, （七）总计 × 总计: written 16, the parts add up to 15.
    flagged = figures["f1-table3"].find_all("td", cls="flagged")
    assert len(flagged) == 2  # the total and the "—" of GL306
    total = next(td for td in flagged if td.find_all(cls="v")[0].text == "16")
    assert total.find_all(cls="expect")[0].text == "应为 15"
    assert "GL303" in total.attrs["title"] and "12 + 2 + 0 + 0 + 1 + 0" in total.attrs["title"]
    assert "sev-error" in total.classes
    dash = next(td for td in flagged if td.find_all(cls="v")[0].text == "—")
    assert "GL306" in dash.attrs["title"] and not dash.find_all(cls="expect")
    # the row and column it sits in: the last cell of the （七）总计 row
    row = total.parent
    assert row.find_all("th")[-1].text.strip() == "（七）总计" and row.find_all("td")[-1] is total
    # Table 4: the 行政复议 total is 0 but should be 1.
    cell = figures["f1-table4"].find_all("td", cls="flagged")
    assert len(cell) == 1 and cell[0].find_all(cls="expect")[0].text == "应为 1"
    assert cell[0].parent.find_all("th")[0].text.strip() == "行政复议"
    # Every table diagnostic is also a footnote under its table.
    notes = figures["f1-table3"].find_all("ol", cls="table-notes")[0].text
    assert "GL303" in notes and "GL306" in notes
    # The marked cell jumps to the diagnostic's mark in the draft.
    mark_ids = {m.attrs["data-diag-id"] for m in root.find_all("mark", attr="data-diag-id")}
    assert total.attrs["data-goto"] in mark_ids


def test_report_text_is_escaped(tmp_path):
    script = "<script>alert(1)</script>"
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    text = text.replace("某某县自然资源局2022年", f"某某县{script}自然资源局2022年", 1)
    text = text.replace("保障人民群众的知情权", "按照《关于印发<script>alert(2)</script>的通知》截止目前保障人民群众的知情权")
    path = write_draft(tmp_path, text, name="<b>draft.txt")
    html, results = render([path])
    diagnostics = results[0].diagnostics
    assert {"GL205", "GL702"} <= {d.code for d in diagnostics}
    assert any("<script>" in d.message for d in diagnostics)  # a message quotes the draft
    assert html.count("<script") == 1  # only the report's own script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>draft" not in html and "&lt;b&gt;draft.txt" in html
    root = dom(html)
    assert not [node for node in root.iter() if node.tag == "script" and "alert" in node.text]
    marks = root.find_all("mark", attr="data-diag-id")
    assert len(marks) == len(diagnostics)
    assert [m.text for m in marks[:2]] == ["<script>", "</script>"]  # GL205 marks the tags as text
    line = marks[0].parent
    assert "按照《关于印发<script>alert(2)</script>的通知》截止目前" in line.text


def test_highlighting_overlapping_zero_width_and_multi_line_spans():
    # offsets: 第0 一1 行2 文3 字4 \r5 \n6 第7 二8 行9 \n10 (line 3 is empty) \n11 第12 四13 行14
    source = Source("第一行文字\r\n第二行\n\n第四行", "t.txt")

    def diag(number, start, end, severity="error"):
        return DiagView(id=f"f1-d{number}", code="GL999", name="x", severity=severity, family="table",
                        message="m", help=None, help_label="", line=1, column=1, where="", start=start,
                        end=end, related=[])

    diagnostics = [diag(1, 1, 4), diag(2, 3, 9, "warning"), diag(3, 2, 2, "info"), diag(4, 11, 12),
                   diag(5, 5, 7)]  # 5: only the CRLF, nothing visible: a marker at its start
    lines = highlight_lines(source, diagnostics)
    assert [line.number for line in lines] == [1, 2, 3, 4]
    assert "".join(seg.text for seg in lines[0].segments) == "第一行文字"
    pieces = {}
    firsts = []
    zeros = []
    for line in lines:
        for seg in line.segments:
            if seg.zero is not None:
                zeros.append((line.number, seg.zero.id))
                firsts.append(seg.zero.id)
            for mark in seg.marks:
                pieces.setdefault(mark.diag.id, []).append((line.number, seg.text))
                if mark.first:
                    firsts.append(mark.diag.id)
    assert sorted(firsts) == [f"f1-d{n}" for n in range(1, 6)]  # exactly one first piece each
    assert pieces["f1-d1"] == [(1, "一"), (1, "行"), (1, "文")]    # cut by d3's marker and where d2 begins
    assert pieces["f1-d2"] == [(1, "文"), (1, "字"), (2, "第二")]  # crosses the line break
    assert zeros == [(1, "f1-d3"), (1, "f1-d5"), (3, "f1-d4")]  # d4: only line 3's line break
    # overlapping: the piece both cover nests d1 outside d2
    both = next(seg for seg in lines[0].segments if len(seg.marks) == 2)
    assert [m.diag.id for m in both.marks] == ["f1-d1", "f1-d2"] and both.text == "文"
    assert lines[0].worst == "error" and lines[1].worst == "warning" and lines[3].worst is None
    assert [d.id for d in lines[0].notes] == ["f1-d1", "f1-d2", "f1-d3", "f1-d5"]
    assert [d.id for d in lines[2].notes] == ["f1-d4"]


def test_trial_tables_misaligned_unknown_and_repeated_rows(tmp_path):
    # Seed 003 (2020, trial format): table 3's （六） and （七） rows have 8 numbers (GL307).
    html, results = render([seed("003")])
    root = dom(html)
    t2 = {th.text.strip() for th in root.find_all("figure", cls="table-box")[0].find_all("th")}
    assert {"本年新制作数量", "规范性文件", "政府集中采购", "第二十条第（九）项"} <= t2
    rows = root.find_all("figure", cls="table-box")[1].find_all("tr", cls="misaligned")
    assert [label(row.find_all("th")[-1]) for row in rows] == ["（六）其他处理", "（七）总计"]
    assert "flagged-row" in rows[0].classes and "GL307" in rows[0].find_all("th")[-1].attrs["title"]
    assert "related-row" in rows[1].classes  # named by the same diagnostic
    # A made-up row and a repeated one are shown after the canonical rows, with GL308.
    text = TABLE.read_text(encoding="utf-8")
    repeated = next(line for line in text.splitlines() if line.startswith("\t2.重复申请"))
    text = text.replace(repeated, repeated + "\n" + repeated, 1)
    text = text.replace("\t8.属于行政查询事项", "\t9.属于奇怪的事项\t0\t0\t0\t0\t0\t0\t0\n\t8.属于行政查询事项", 1)
    html, _ = render([write_draft(tmp_path, text)])
    extra = dom(html).find_all("figure", cls="table-box")[1].find_all("tr", cls="extra-row")
    assert [label(row.find_all("th")[0]) for row in extra] == ["未识别的行：9.属于奇怪的事项", "重复的行：2.重复申请"]
    assert [row.find_all("sup")[0].text for row in extra] == ["3", "4"]  # footnotes 1, 2: GL306, GL303
    assert all("GL308" in row.find_all("th")[0].attrs["title"] for row in extra)


@pytest.mark.parametrize("path", shared(SEEDS + CORPUS), ids=lambda p: p.name)
def test_real_reports_render_with_one_mark_per_diagnostic(path):
    html, results = render([path])
    root = dom(html)
    count = len(results[0].diagnostics)
    assert len(root.find_all("mark", attr="data-diag-id")) == count
    assert len(root.find_all("li", cls="entry")) == count
    # the draft is shown in full, as written
    shown = "\n".join(span.text for span in root.find_all("span", cls="tx"))
    assert shown == "\n".join(results[0].source.line_text(n) for n in range(1, results[0].source.line_count + 1))


def test_index_lists_every_file_and_the_unreadable_ones(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01" * 64)
    out = tmp_path / "report.html"
    result = cli_runner().invoke(cli, [*map(str, THREE), str(binary), "--format", "html", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 2  # an unreadable input, as with every format
    root = dom(out.read_text(encoding="utf-8"))
    rows = root.find_all("table", cls="index-table")[0].find_all("tbody")[0].find_all("tr")
    assert len(rows) == 4
    links = [row.find_all("a")[0].attrs["href"] for row in rows[:3]]
    assert links == ["#f1", "#f2", "#f3"]
    assert {section.attrs["id"] for section in root.find_all("section", cls="file")} == {"f1", "f2", "f3"}
    assert [row.find_all(cls="verdict")[0].text for row in rows] == ["通过", "不通过", "不通过", "无法读取"]
    assert "二进制文件" in rows[3].text and "scan.txt" in rows[3].text
    errors = [row.find_all("td")[5].text for row in rows[:3]]
    assert errors == ["0", "2", "1"]


CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile("[A-Za-z]")


def chrome(root) -> list[str]:
    """The report's own words (not the draft's): toolbar, headings, labels, verdicts, captions."""
    texts = [root.find_all("title")[0].text.split(" · ")[0]]  # then the report's own title
    for tag, cls in (("div", "brand"), ("div", "summary"), ("legend", None), ("label", "chip"), ("h1", None),
                     ("h3", None), ("dt", None), ("li", "count"), ("nav", "part-nav"), ("p", "verdict"),
                     ("span", "verdict"), ("figcaption", None), ("span", "badge"), ("span", "loc"),
                     ("span", "expect"), ("footer", None), ("p", "clean")):
        texts += [node.text for node in root.find_all(tag, cls)]
    texts += [th.text for th in root.find_all("table", cls="index-table")[0].find_all("th")] \
        if root.find_all("table", cls="index-table") else []
    return [text.strip() for text in texts if text.strip()]


def test_english_report():
    html, _ = render([TABLE], lang="en")
    assert '<html lang="en">' in html and "expected 15" in html and "Diagnostics" in html
    root = dom(html)
    assert root.find_all("p", cls="verdict")[0].text == "Fail: 2 errors (errors block publication, warnings do not)"
    assert [f.text for f in root.find_all("figcaption")][:1] == ["Table 2  Proactive disclosure of government information"]
    words = chrome(root)
    assert len(words) > 20
    assert [text for text in words if CJK.search(text) and "国办公开办函" not in text] == [], \
        "Chinese in the English report's own words"
    # ... and the Chinese report has no stray English (govlint, rule codes and option names aside).
    root = dom(render([TABLE, EXAMPLES / "clean-2021.txt"])[0])
    stray = [text for text in chrome(root)
             if LATIN.search(re.sub(r"govlint|GL\d{3}|--[a-z-]+|\d+", "", text))]
    assert stray == []


# -- in a real browser -------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module; the tests skip only if none can be launched."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"playwright is not installed: {exc}")
    manager = sync_playwright().start()
    try:
        instance = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # no browser binary, or it cannot start here
        manager.stop()
        pytest.skip(f"cannot launch {CHROMIUM}: {str(exc).splitlines()[0]}")
    yield instance
    instance.close()
    manager.stop()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    """The three-file report written by the real CLI, and the diagnostics it shows."""
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = cli_runner().invoke(cli, [*map(str, THREE), "--format", "html", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    linter = Linter(Options())
    diagnostics = [d for path in THREE for d in linter.lint_path(str(path)).diagnostics]
    return out, diagnostics


@pytest.fixture
def page(browser, report_file):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.problems = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(report_file[0].as_uri())
    yield page
    page.close()


def in_viewport(page, selector) -> bool:
    return page.evaluate("""selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
    }""", selector)


def test_page_loads_without_errors_with_one_mark_per_diagnostic(page, report_file):
    _, diagnostics = report_file
    assert page.title().startswith("政府信息公开年报检查报告")
    assert page.locator("mark[data-diag-id]").count() == len(diagnostics) == 5
    assert page.locator("li.entry[data-diag-id]").count() == len(diagnostics)
    assert page.locator("#index tbody tr").count() == 3
    assert page.problems == []


def test_clicking_an_entry_scrolls_to_its_mark_and_flashes_it(page, report_file):
    diag_id = page.locator("#f2 li.entry", has_text="GL303").first.get_attribute("data-diag-id")
    mark = f'mark[data-diag-id="{diag_id}"]'
    entry = page.locator(f'li.entry[data-diag-id="{diag_id}"] a')
    entry.scroll_into_view_if_needed()
    assert not in_viewport(page, mark)  # line 64 is far below the list's top
    assert "flash" not in page.get_attribute(mark, "class")
    entry.click()
    page.wait_for_function("""selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }""", arg=mark, timeout=5000)
    assert "flash" in page.get_attribute(mark, "class")
    assert "current" in page.get_attribute(f'li.entry[data-diag-id="{diag_id}"]', "class")
    assert page.locator(mark).inner_text() == "16"
    # and the marked table cell leads back to the same spot
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#f2-table4 td.flagged").click()
    table4_id = page.locator("#f2-table4 td.flagged").get_attribute("data-goto")
    page.wait_for_function("""selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }""", arg=f'mark[data-diag-id="{table4_id}"]', timeout=5000)
    assert page.problems == []


def test_filters_hide_the_other_entries(page):
    info = page.locator('li.entry[data-severity="info"]')
    errors = page.locator('li.entry[data-severity="error"]')
    warnings = page.locator('li.entry[data-severity="warning"]')  # table.txt's “—”: a blank (GL306)
    assert info.count() == 1 and errors.count() == 3 and warnings.count() == 1
    assert info.first.is_visible() and warnings.first.is_visible()
    page.locator('input[data-filter="sev"][value="info"]').uncheck()
    page.locator('input[data-filter="sev"][value="warning"]').uncheck()
    assert not info.first.is_visible() and not warnings.first.is_visible()
    errors.first.scroll_into_view_if_needed()
    assert all(errors.nth(i).is_visible() for i in range(errors.count()))
    assert not page.locator('.note[data-severity="info"]').first.is_visible()
    assert "is-filtered" in page.locator('mark[data-severity="info"]').first.get_attribute("class")
    # by family: without the table rules only the citation error is left
    page.locator('input[data-filter="fam"][value="table"]').uncheck()
    visible = [errors.nth(i).is_visible() for i in range(errors.count())]
    assert visible.count(True) == 1
    assert "GL201" in page.locator('li.entry[data-severity="error"]:not(.is-filtered)').inner_text()
    page.locator('input[data-filter="sev"][value="info"]').check()
    page.locator('input[data-filter="fam"][value="table"]').check()
    assert info.first.is_visible() and all(errors.nth(i).is_visible() for i in range(errors.count()))
    assert page.problems == []


def test_print_shows_expected_values_and_hides_the_controls(page):
    page.emulate_media(media="print")
    assert not page.locator("#toolbar").is_visible()
    expect = page.locator("#f2-table3 td.flagged .expect")
    assert expect.is_visible() and expect.inner_text() == "应为 15"
    assert page.locator("#f2 .table-notes").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('aside.diags')).position") == "static"


def test_a_wrong_value_is_boxed_never_struck_through(page):
    # A struck-through 0 reads as θ: the value as written is boxed, the expected one under it.
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        value = page.locator("#f2-table4 td.flagged .v")
        assert value.inner_text() == "0"
        line, border, width = value.evaluate(
            "el => { const s = getComputedStyle(el); return [s.textDecorationLine, s.borderTopStyle, "
            "parseFloat(s.borderTopWidth)]; }")
        assert line == "none" and border == "solid" and width >= 1
        assert page.locator("#f2-table4 td.flagged .expect").inner_text() == "应为 1"
    assert "line-through" not in page.content()


A4_POINTS = (595.28, 841.89)
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # the page's width less its 12 mm margins, in CSS px


def test_prints_on_a4_with_every_table_within_the_page(page, report_file, tmp_path):
    import pdfplumber

    # Laid out at the printed width, no table (nor anything else) is wider than the page.
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")

    def check_widths(least: int) -> None:
        widths = page.evaluate("""() => Array.from(document.querySelectorAll('table')).map(t => {
            const box = t.getBoundingClientRect(); return [box.left, box.right]; })""")
        assert len(widths) >= least
        assert all(left >= 0 and right <= A4_CONTENT_PX + 1 for left, right in widths), widths
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX
        assert page.evaluate("getComputedStyle(document.querySelector('table.rebuilt tr')).breakInside") == "avoid"

    check_widths(7)  # the index and three tables for each of the two reports with tables
    # A table made wide by its draft: surplus numbers in a row, a long unknown row label.
    lines = TABLE.read_text(encoding="utf-8").split("\n")
    row = next(n for n, line in enumerate(lines) if line.startswith("\t2.重复申请"))
    lines[row] += "\t1234567" * 12
    lines.insert(row + 1, "\t9.属于奇怪的事项" + "一二三四五六七八九十" * 8 + "\t12345678901234567890" * 7)
    wide = tmp_path / "wide.html"
    wide.write_text(render([write_draft(tmp_path, "\n".join(lines))])[0], encoding="utf-8")
    page.goto(wide.as_uri())
    check_widths(3)
    page.goto(report_file[0].as_uri())
    # The PDF: every page A4, everything printed inside its margins.
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    with pdfplumber.open(str(pdf)) as document:
        assert len(document.pages) >= 3
        for number, sheet in enumerate(document.pages, 1):
            assert abs(sheet.width - A4_POINTS[0]) < 2 and abs(sheet.height - A4_POINTS[1]) < 2
            right = max([c["x1"] for c in sheet.chars] + [r["x1"] for r in sheet.rects] + [0])
            assert right <= sheet.width - 30, f"page {number} is printed to {right:.0f} pt of {sheet.width:.0f}"
            assert min([c["x0"] for c in sheet.chars] + [sheet.width]) >= 30
    assert page.problems == []


def test_screenshot(page, tmp_path):
    start = time.monotonic()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert time.monotonic() - start < 10


# -- issue 11: what the verdict means, the body, a page that stays small ------------------------------------

def test_the_page_says_what_the_verdict_and_the_severities_mean():
    root = dom(render([TABLE])[0])
    legend = [li.text for li in root.find_all("details", cls="legend")[0].find_all("li")]
    assert "错误：发布前必须改正" in legend and "不通过：有阻止发布的问题（错误阻止发布，警告不阻止）" in legend
    assert not [a for a in root.find_all("a") if a.attrs.get("id") == "back"]  # a single page has no index to go back to
    english = dom(render([TABLE], lang="en", fail_on="warning")[0])
    legend = [li.text for li in english.find_all("details", cls="legend")[0].find_all("li")]
    assert "error: must be fixed before publication" in legend
    assert "fail: something blocks publication (errors and warnings block publication, info does not)" in legend


def test_the_body_is_the_documents_normalised_organ():
    html, results = render([TABLE])
    doc = results[0].doc
    organ = getattr(getattr(doc, "body", None), "name", None)
    meta = dom(html).find_all("dl", cls="meta")[0].find_all("dd")[0].text
    assert meta == (organ or "某某县自然资源局")


def test_every_line_is_one_element_numbered_by_the_stylesheet():
    html, results = render([TABLE])
    lines = dom(html).find_all("div", cls="ln")
    assert [line.attrs["id"] for line in lines] == [f"f1-L{n}" for n in range(1, results[0].source.line_count + 1)]
    assert 'class="no"' not in html and "counter-increment: line" in html
