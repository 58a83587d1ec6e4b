"""Readers: a report drafted in Word, published as PDF or as a portal page gives the same
document tree, and so the same diagnostics, as the text it came from; hostile files end in
an input error, quickly.

Documents are built here: Word files with python-docx (real tables, merged cells where the
national format merges them), and, where LibreOffice and a CJK font are installed, PDF,
Word and HTML files converted by ``soffice --headless`` (once per session)."""
from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLES, SEEDS, corpus
from govlint.source.readers import read, readers
from govlint.source import InputError
import readers_support as support

CLEAN = EXAMPLES / "clean-2021.txt"
TABLE = EXAMPLES / "defects" / "table.txt"
DEFECTS = sorted((EXAMPLES / "defects").glob("*.txt"))
HANG_GUARD = 10  # seconds: a guard against hangs, not a benchmark


def findings(result) -> list:
    """What a report is told: each diagnostic's code and message (which names the table row
    and column, the numbers, the quoted text) — not offsets, which differ by format."""
    assert result.error is None, result.error
    return sorted((d.code, d.message) for d in result.diagnostics)


def table_rows(result) -> list:
    """Every table row the tree holds: table, row key (the canonical row its label matched),
    cell values (None for a blank or bad cell)."""
    return [(table.kind, row.key, tuple(cell.value for cell in row.cells))
            for table in result.doc.tables() for row in table.row_order]


def reference(linter, path: Path):
    return linter.lint_bytes(path.read_bytes(), str(path))


def assert_same_report(result, ref):
    assert result.error is None, result.error
    assert findings(result) == findings(ref)
    assert table_rows(result) == table_rows(ref)
    assert (result.year, result.format) == (ref.year, ref.format)
    assert [s.heading.canonical for s in result.doc.sections] == [s.heading.canonical for s in ref.doc.sections]


def timed(linter, data: bytes, path: str):
    start = time.monotonic()
    result = linter.lint_bytes(data, path)
    return result, time.monotonic() - start


# -- Word, built with python-docx ------------------------------------------------------------------

WORD_VARIANTS = {
    "labels-on-first-row": {},                            # merged cells, as the format draws them
    "labels-on-each-row": {"group_labels_on_each_row": True},  # a draft that repeats the group label
    "word-numbering": {"numbering": True},                  # 一、 and （一） drawn by Word's numbering
}


def _word_params():
    for example in [CLEAN, TABLE, *[p for p in DEFECTS if p != TABLE]]:
        for variant in sorted(WORD_VARIANTS):
            if variant == "word-numbering" and example.stem == "structure":
                continue  # its defect is a heading numbered wrongly: Word's numbering cannot draw that
            yield pytest.param(example, variant, id=f"{example.stem}-{variant}")


@pytest.mark.parametrize("example,variant", list(_word_params()))
def test_word_document_gives_the_same_report_as_its_text(linter, tmp_path, example, variant):
    path = support.word_report(example.read_text(encoding="utf-8"), tmp_path / f"{example.stem}.docx",
                               **WORD_VARIANTS[variant])
    result = linter.lint_bytes(path.read_bytes(), str(path))
    assert result.source.kind == "docx"
    assert_same_report(result, reference(linter, example))


def test_table3_merged_group_labels_land_on_their_rows(linter, tmp_path):
    """三、本年度办理结果 spans 22 rows, （三）不予公开 8: each row still gets its own numbers."""
    path = support.word_report(TABLE.read_text(encoding="utf-8"), tmp_path / "table.docx")
    document = __import__("docx").Document(str(path))
    tc = document.tables[1].rows[5].cells[0]._tc  # the cell of 三、本年度办理结果, first row
    assert tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}vMerge") is not None
    result = linter.lint_bytes(path.read_bytes(), str(path))
    rows = {row.key: row for row in result.doc.table3.row_order}
    assert [c.value for c in rows["withheld.4"].cells] == [1, None, 0, 0, 0, 0, 1]  # the “—” is a blank cell: none
    assert rows["withheld.4"].cells[1].kind == "BLANK"
    lines = result.source.text.splitlines()
    assert "三、本年度办理结果\t(一) 予以公开\t6\t1\t0\t0\t1\t0\t8" in lines
    assert "\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0" in lines


def test_word_locations_are_paragraphs_and_table_cells(linter, tmp_path):
    path = support.word_report(TABLE.read_text(encoding="utf-8"), tmp_path / "table.docx")
    result = linter.lint_bytes(path.read_bytes(), str(path))
    where = {d.code + ":" + result.source.excerpt(d.span): result.source.locate(d.span.start)
             for d in result.diagnostics}
    # Word's table 2 is the report's table 3: 3 header rows, then （三）4 is the 8th data row
    assert where["GL306:—"] == {"table": 2, "row": 11, "column": 5}
    assert where["GL303:16"] == {"table": 2, "row": 27, "column": 10}
    assert where["GL303:0"] == {"table": 3, "row": 4, "column": 5}
    citation = EXAMPLES / "defects" / "citation.txt"
    path = support.word_report(citation.read_text(encoding="utf-8"), tmp_path / "citation.docx")
    result = linter.lint_bytes(path.read_bytes(), str(path))
    gl201 = next(d for d in result.diagnostics if d.code == "GL201")
    assert result.source.locate(gl201.span.start) == {"paragraph": 2}
    assert not result.source.writable


def test_word_numbering_is_written_out(tmp_path):
    path = support.word_report(CLEAN.read_text(encoding="utf-8"), tmp_path / "n.docx", numbering=True)
    document = __import__("docx").Document(str(path))
    assert not any(p.text.startswith("一、") for p in document.paragraphs)  # Word draws the numbers
    lines = read(path.read_bytes(), str(path)).text.splitlines()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项",
                    "（一）主动公开情况。全年", "（五）监督保障情况。", "（二）改进措施。"):
        assert any(line.startswith(heading) for line in lines), heading


@pytest.mark.parametrize("number,fmt,shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
    (20, "chineseCounting", "二十"), (35, "chineseCounting", "三十五"), (3, "decimal", "3"),
    (3, "decimalEnclosedCircle", "③"), (2, "upperLetter", "B"), (4, "lowerRoman", "iv"),
    (2, "chineseLegalSimplified", "贰"), (3, "ideographTraditional", "丙"), (1, "bullet", ""),
])
def test_list_number_formats(number, fmt, shown):
    from govlint.source.readers.docx import format_number
    assert format_number(number, fmt) == shown


def test_word_text_is_what_word_shows(tmp_path):
    """Deleted revisions, moved-from and hidden text are not shown; inserted text, content
    controls, nested tables and text boxes are (a text box once, not twice)."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    document = docx.Document()
    paragraph = document.add_paragraph("可见")
    for xml in (f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>',
                f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>',
                f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>',
                f'<w:moveFrom {w} w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom>',
                f'<w:r {w}><w:tab/><w:t>制表</w:t></w:r>'):
        paragraph._p.append(parse_xml(xml))
    body = document.element.body
    sdt = parse_xml(f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>控件内的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    body.insert(len(body) - 1, sdt)
    box = parse_xml(
        f'<w:p {w} {mc}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<w:txbxContent><w:p><w:r><w:t>文本框里的标题</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的标题</w:t></w:r></w:p></w:txbxContent>'
        f'</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    body.insert(len(body) - 1, box)
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内一"
    inner.cell(0, 1).text = "内二"
    path = tmp_path / "revisions.docx"
    document.save(str(path))
    text = read(path.read_bytes(), str(path)).text
    assert "可见插入\t制表" in text
    assert "隐藏" not in text and "删除" not in text and "移走" not in text
    assert text.count("文本框里的标题") == 1 and "控件内的段落" in text
    assert "外\t内一 内二" in text


# -- hostile Word files -------------------------------------------------------------------------------

def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("name,make,words", [
    ("zip bomb", lambda tmp: support.zip_bomb(tmp / "bomb.docx", megabytes=60).read_bytes(), "zip bomb"),
    ("absurd ratio", lambda tmp: support.zip_bomb(tmp / "bomb.docx", megabytes=20).read_bytes(), "expands"),
    ("lying sizes", lambda tmp: support.lying_zip(20), "broken zip archive: Bad CRC-32"),
    ("not a zip", lambda tmp: "某某局2022年政府信息公开工作年度报告".encode(), "not a .docx"),
    ("truncated zip", lambda tmp: _zip({"[Content_Types].xml": "<Types/>",
                                        "word/document.xml": __import__("random").Random(4).randbytes(20000)})[:9000],
     "broken zip"),
    ("no content types", lambda tmp: _zip({"word/document.xml": "<w:document/>"}), "[Content_Types].xml"),
    ("old .doc", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Word .doc"),
    ("zip, not Word", lambda tmp: _zip({"content.xml": "<a/>"}), "no word/document.xml"),
    ("broken XML", lambda tmp: _zip({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document"}),
     "cannot read the Word document"),
    ("many members", lambda tmp: _zip({f"word/m{i}.xml": "" for i in range(5001)}), "members"),
])
def test_hostile_word_files_are_input_errors(linter, tmp_path, name, make, words):
    result, seconds = timed(linter, make(tmp_path), "draft.docx")
    assert result.error is not None and result.diagnostics == []
    assert result.error.startswith("draft.docx: ") and words in result.error
    assert seconds < HANG_GUARD


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    data = support.zip_bomb(tmp_path / "bomb.docx", megabytes=100).read_bytes()
    assert len(data) < 1024 * 1024  # 100 MB of zeros in about 100 KB
    import tracemalloc
    tracemalloc.start()
    with pytest.raises(InputError, match="more than 50 MB"):
        read(data, "bomb.docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_hostile_file_is_exit_2_and_the_other_files_are_still_checked(tmp_path):
    from conftest import cli_runner
    from govlint.cli import cli

    bomb = support.zip_bomb(tmp_path / "bomb.docx", megabytes=60)
    word = support.word_report(TABLE.read_text(encoding="utf-8"), tmp_path / "table.docx")
    result = cli_runner().invoke(cli, [str(bomb), str(word), "--format", "json", "--lang", "en"],
                                 catch_exceptions=False)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    json_text = result.output[result.output.index("{"):]
    files = {Path(f["path"]).name: f for f in __import__("json").JSONDecoder().raw_decode(json_text)[0]["files"]}
    assert "zip bomb" in files["bomb.docx"]["error"]
    gl306 = next(d for d in files["table.docx"]["diagnostics"] if d["code"] == "GL306")
    assert gl306["location"] == {"table": 2, "row": 11, "column": 5}


# -- PDF, hand-written and hostile ------------------------------------------------------------------

def test_pdf_page_cap(linter):
    result, seconds = timed(linter, support.many_pages_pdf(5000), "huge.pdf")
    assert result.error == ("huge.pdf: the PDF has 5000 pages; govlint reads at most 200 "
                            "(an annual report is far shorter)")
    assert seconds < HANG_GUARD
    result = linter.lint_bytes(support.many_pages_pdf(150), "long.pdf")  # under the cap: read
    assert result.error is None and result.source.locate(len(result.source.text) - 2) == {"page": 150}


def test_scanned_pdf_needs_ocr(linter):
    result = linter.lint_bytes(support.image_only_pdf(), "scan.pdf")
    assert result.error == "scan.pdf: no text layer: a scanned PDF needs OCR first"


def test_pdf_text_lines_and_pages(linter):
    result = linter.lint_bytes(support.text_pdf(["Hello world 2022", "second line"]), "t.pdf")
    assert result.source.text == "Hello world 2022\nsecond line\n"
    assert result.source.kind == "pdf" and result.source.locate(3) == {"page": 1}


@pytest.mark.parametrize("footer", ["- %d -", "— %d —", "%d", "%d / 3", "Page %d of 3"])
def test_pdf_page_headers_and_footers_are_dropped(footer):
    pages = [["Body line one of page %d" % n, "Body line two"] for n in (1, 2, 3)]
    source = read(support.furnished_pdf(pages, "County Office Annual Report", footer), "f.pdf")
    lines = source.text.splitlines()
    assert lines == ["Body line one of page 1", "Body line two", "Body line one of page 2", "Body line two",
                     "Body line one of page 3", "Body line two"]
    assert source.locate(source.text.index("page 3")) == {"page": 3}


@pytest.mark.parametrize("line,dropped", [
    ("— 3 —", True), ("- 12 -", True), ("第 3 页 共 9 页", True), ("第3页", True), ("3/9", True), ("7", True),
    ("共9页 第3页", True), ("3 0 0 1", False), ("一、总体情况", False), ("2022年", False),
])
def test_page_number_lines(line, dropped):
    from govlint.source.readers.pdf import page_number
    assert bool(page_number(line)) is dropped


def test_pdf_link_annotations_and_hyphenation_residue():
    data = support.text_pdf(["See the infor-", "mation at http://www.example.", "gov.cn/nj today."],
                            link="http://www.example.gov.cn/nj")
    assert read(data, "l.pdf").text == "See the information at http://www.example.gov.cn/nj today.\n"


@pytest.mark.parametrize("damage,words", [
    (lambda pdf: pdf[:len(pdf) // 3], "not a readable PDF"),
    (lambda pdf: b"%PDF-1.7\n", "not a readable PDF"),
    (lambda pdf: b"%PDF-1.4\n" + bytes(range(256)) * 40, "not a readable PDF"),
    (lambda pdf: pdf.replace(b"/Root 1 0 R", b"/Root 9 0 R").replace(b"1 0 obj", b"1 0 ob"), "has no pages"),
    (lambda pdf: pdf.replace(b"%PDF-", b"%PDX-"), "not a PDF"),
])
def test_broken_pdfs_are_input_errors(linter, damage, words):
    data = damage(support.text_pdf(["Some text 2022"]))
    result, seconds = timed(linter, data, "broken.pdf")
    assert result.error is not None and result.error.startswith("broken.pdf: ") and words in result.error
    assert seconds < HANG_GUARD


def test_a_broken_xref_is_recovered_when_the_objects_are_intact(linter):
    """pdfminer rebuilds a damaged cross-reference table by scanning for objects: the text is
    read as if nothing were wrong (refusing it would only hide a readable report)."""
    good = support.text_pdf(["Recovered text 2022"])
    at = good.rfind(b"startxref")
    for broken in (good[:at] + b"startxref\n999999\n%%EOF\n",
                   good.replace(b"xref\n0 6", b"xref\nnonsense here")):
        result, seconds = timed(linter, broken, "xref.pdf")
        assert result.error is None and result.source.text == "Recovered text 2022\n"
        assert seconds < HANG_GUARD


def test_unreadable_text_layer_is_refused():
    """A PDF made without the fonts' Unicode maps shows every Chinese character as one."""
    from govlint.source.readers.pdf import _check_text_layer, _Page
    page = _Page(1, 842)
    page.chars, page.cjk = 300, {"某": 280, "县": 20}
    with pytest.raises(InputError, match="unreadable"):
        _check_text_layer([page], 0, "x.pdf")


# -- HTML ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("charset,declare", [("utf-8", "charset"), ("gb2312", "http-equiv"), ("gbk", "charset")])
@pytest.mark.parametrize("example", [CLEAN, TABLE, EXAMPLES / "defects" / "content.txt"], ids=lambda p: p.stem)
def test_portal_page_gives_the_same_report_as_its_text(linter, example, charset, declare):
    data = support.portal_page(example.read_text(encoding="utf-8"), charset, declare)
    result = linter.lint_bytes(data, "art_1_1.html")
    assert result.source.kind == "html"
    assert_same_report(result, reference(linter, example))
    text = result.source.text
    assert text.startswith("某某县自然资源局2022年政府信息公开工作年度报告\n")  # the <h1>, above the article
    for chrome in ("首页", "您当前的位置", "索引号", "0953-7654321", "分享到", "var title", "font-size"):
        assert chrome not in text  # menus, breadcrumb, metadata, footer, share bar, scripts, styles


def test_html_locations_are_table_cells_and_source_lines(linter):
    data = support.portal_page(TABLE.read_text(encoding="utf-8"), "gbk")
    result = linter.lint_bytes(data, "page.html")
    page_lines = data.decode("gb18030").splitlines()
    for diag in result.diagnostics:
        where = result.source.locate(diag.span.start)
        assert set(where) == {"table", "row", "column", "html_line"}
        assert result.source.excerpt(diag.span) in page_lines[where["html_line"] - 1]
    gl306 = next(d for d in result.diagnostics if d.code == "GL306")
    assert {k: v for k, v in result.source.locate(gl306.span.start).items() if k != "html_line"} == \
        {"table": 2, "row": 11, "column": 5}


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"\n\n  ", b"<!-- saved from url=(0020)http://x.gov.cn/ -->\r\n",
                                    b'<?xml version="1.0" encoding="utf-8"?>\n'])
def test_html_is_sniffed_whatever_the_suffix(prefix):
    page = support.portal_page(CLEAN.read_text(encoding="utf-8"), "utf-8", "charset")
    source = read(prefix + page, "saved.txt")
    assert source.kind == "html" and "一、总体情况" in source.text


def test_html_encodings():
    from govlint.source.readers.html import decode_html
    text = "<html><head><title>年度报告</title></head><body><p>政府信息公开</p></body></html>"
    assert decode_html(b"\xff\xfe" + text.encode("utf-16-le"), "p.html") == (text, "utf-16")
    assert decode_html(text.encode("gb18030"), "p.html")[1] == "gb18030"  # no charset: not UTF-8 → GB18030
    assert decode_html(text.encode("utf-8"), "p.html")[1] == "utf-8"
    latin = '<meta charset="iso-8859-1">' + text  # a label Chinese pages often carry wrongly
    assert decode_html(latin.encode("utf-8"), "p.html") == (latin, "utf-8")


def test_html_rowspan_colspan_and_whitespace():
    page = ("<html><body><div>一、总体\n  情况</div><p>统计期限为2022年1月1日至12月31日。<br>第二行</p>"
            "<table><tr><td rowspan=2 colspan=2>甲</td><td>1</td></tr><tr><td>2</td></tr>"
            "<tr><td>乙</td><td colspan=2>3</td></tr></table>"
            "<table><tr><td><table><tr><td>里</td><td>面</td></tr></table></td></tr></table></body></html>")
    source = read(page.encode(), "t.html")
    assert source.text.splitlines() == ["一、总体情况", "统计期限为2022年1月1日至12月31日。", "第二行",
                                        "甲\t1", "\t2", "乙\t3", "里\t面"]
    row2 = source.text.index("\t2")
    assert source.locate(row2 + 1) == {"table": 1, "row": 2, "column": 2, "html_line": 2}


def test_a_layout_table_is_not_a_data_table(linter):
    """Old portals lay the page out with a table; the report is in one of its cells."""
    report = CLEAN.read_text(encoding="utf-8")
    page = support.portal_page(report, "utf-8", "charset").decode("utf-8")
    start, end = page.index('<div id="zoom"'), page.index('<div class="share">')
    layout = ('<table width="980"><tr><td width="200"><a href="#">首页</a><br><a href="#">信息公开</a></td>'
              f'<td>{page[start:end]}</td></tr></table>')
    result = linter.lint_bytes((page[:start] + layout + page[end:]).encode("utf-8"), "layout.html")
    assert_same_report(result, reference(linter, CLEAN))
    # a layout table with no table inside: a cell holding a page of prose is still layout
    prose = "".join(f"<p>{line}</p>" for line in report.splitlines()[:12] if line.strip())
    page = f'<html><body><table><tr><td><a href="#">首页</a></td><td>{prose}</td></tr></table></body></html>'
    lines = read(page.encode("utf-8"), "layout.html").text.splitlines()
    assert lines == [line for line in report.splitlines()[:12] if line.strip()]


@pytest.mark.parametrize("name,data,words", [
    ("several MB", b"<html><body>" + "<p>政府信息公开</p>".encode() * 300000 + b"</body></html>", "MB"),
    ("100,000 elements", b"<html><body>" + b"<div>" * 100001 + b"x</body></html>", "elements"),
    ("huge spans", b"<html><body><table>" + b"<tr><td rowspan=1000 colspan=1000>x</td></tr>" * 300
     + b"</table></body></html>", "cells"),
    ("binary", b"<html>\x00\x01\x02" + bytes(range(256)) * 20, "binary"),
])
def test_hostile_html_is_an_input_error(linter, name, data, words):
    result, seconds = timed(linter, data, "page.html")
    assert result.error is not None and result.error.startswith("page.html: ") and words in result.error
    assert seconds < HANG_GUARD


def test_deep_nesting_is_flattened_not_a_crash(linter):
    data = b"<html><body>" + b"<div><span>" * 20000 + "某某局2022年政府信息公开工作年度报告".encode() + b"</body></html>"
    result, seconds = timed(linter, data, "deep.html")
    assert result.error is None and "年度报告" in result.source.text
    assert seconds < HANG_GUARD


# -- sniffing, Markdown and the text reports ----------------------------------------------------------

def test_kangxi_radicals_are_kept_and_folded_for_matching(linter, tmp_path):
    """PDF and Word text often carries Kangxi radicals (⼀ ⼆ ⽂) for 一 二 文: the text keeps
    them (excerpts show what the file says), the line classifier folds them, the report reads the same."""
    text = CLEAN.read_text(encoding="utf-8").replace("一、总体情况", "⼀、总体情况").replace("二、主动", "⼆、主动")
    path = support.word_report(text, tmp_path / "kangxi.docx")
    result = linter.lint_bytes(path.read_bytes(), str(path))
    assert "⼀、总体情况" in result.source.text.splitlines()
    assert_same_report(result, reference(linter, CLEAN))


def test_heading_numbers_from_a_numbered_heading_style(tmp_path):
    """Numbering defined on the Heading 1 style (outline numbering), not on each paragraph."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    support._add_chinese_lists(document)  # numId 90: 一、 at level 0
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    style = document.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:numId w:val="90"/></w:numPr>'))
    for heading in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"):
        document.add_heading(heading, level=1)
        document.add_paragraph("正文。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    lines = read(path.read_bytes(), str(path)).text.splitlines()
    assert lines == ["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况", "正文。"]


def test_content_wins_over_the_suffix(tmp_path):
    word = support.word_report(CLEAN.read_text(encoding="utf-8"), tmp_path / "draft.docx").read_bytes()
    assert read(word, "draft.txt").kind == "docx"
    assert read(support.text_pdf(["x 2022"]), "report.txt").kind == "pdf"
    assert read(support.text_pdf(["x 2022"]), "report.html").kind == "pdf"
    with pytest.raises(InputError, match="not a .docx"):  # a .docx that is not one is not read as text
        read("某某局2022年政府信息公开工作年度报告\n".encode(), "draft.docx")
    with pytest.raises(InputError, match="not a PDF"):
        read("某某局2022年政府信息公开工作年度报告\n".encode(), "draft.pdf")


def test_each_kind_of_document_is_claimed_by_its_own_sniffer_alone(tmp_path):
    """The sniffers look for disjoint signatures, so the order readers are tried in does not matter."""
    samples = {"docx": support.word_report("某某局2022年政府信息公开工作年度报告\n", tmp_path / "a.docx").read_bytes(),
               "pdf": support.text_pdf(["x 2022"]),
               "html": b"<!DOCTYPE html><html><body><p>x</p></body></html>"}
    for name, data in samples.items():
        assert [r.name for r in readers().values() if r.sniff is not None and r.sniff(data)] == [name]


def test_sniffers_look_at_the_first_bytes_only():
    huge = b"x" * (20 * 1024 * 1024)
    start = time.monotonic()
    for candidate in readers().values():
        if candidate.sniff is not None:
            assert candidate.sniff(huge) is False
    assert time.monotonic() - start < 0.5


@pytest.mark.parametrize("path", [*SEEDS, *CORPUS, *sorted(EXAMPLES.rglob("*.txt"))], ids=lambda p: p.name)
def test_text_reports_are_not_misrouted(path):
    data = path.read_bytes()
    assert not [r.name for r in readers().values() if r.sniff is not None and r.sniff(data)]
    assert read(data, path.name).kind == "text"


def test_markdown_ocr_report_reads_as_its_text(linter, copy_of, tmp_path):
    """corpus/2025_suqian_shuyangxian.txt is OCR Markdown: pipe tables split into per-row
    fragments with generic headers.  As a .md it gives the same diagnostics, at the same places."""
    original = copy_of(corpus("2025_suqian_shuyangxian.txt"))
    markdown = tmp_path / "2025_suqian_shuyangxian.md"
    shutil.copyfile(original, markdown)
    as_text = linter.lint_path(str(original))
    as_markdown = linter.lint_path(str(markdown))
    assert as_markdown.error is None and as_markdown.source.kind == "text"
    assert findings(as_markdown) == findings(as_text) and findings(as_text)
    assert [(d.code, d.span) for d in as_markdown.diagnostics] == [(d.code, d.span) for d in as_text.diagnostics]
    assert table_rows(as_markdown) == table_rows(as_text) and as_text.doc.table3.row_order


# -- converted by LibreOffice ---------------------------------------------------------------------------

# Texts converted by LibreOffice: the examples, the seeds and the corpus.  Printed from text,
# a table typed with tabs keeps its columns only through tab stops.
TEXTS = [CLEAN, *DEFECTS, *SEEDS, *CORPUS]
# Known limitation (xfail, strict): in this report table 3 has blank cells typed as empty tab
# fields; three rows are longer than the page, so LibreOffice wraps them inside the run of
# blank tabs, and how many tabs the wrap swallowed cannot be read back from the PDF.
PDF_LIMITATIONS = {"2023_suqian_shuyang_fagaiju": "blank tab cells wrapped at the right margin"}


@pytest.fixture(scope="session")
def converted(tmp_path_factory):
    """All LibreOffice conversions of the session, in five soffice runs."""
    if not support.soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    if not support.cjk_font():
        pytest.skip("no CJK font installed (fc-list :lang=zh is empty): LibreOffice would print every "
                    "Chinese character as the same missing glyph; apt-get install fonts-wqy-microhei")
    base = tmp_path_factory.mktemp("soffice")
    profile = base / "profile"
    texts = base / "texts"
    texts.mkdir()
    sources = []
    for path in TEXTS:
        target = texts / (("defect-" if path.parent.name == "defects" else "") + path.name)
        shutil.copyfile(path, target)
        sources.append(target)
    words = base / "word"
    words.mkdir()
    built = [support.word_report(CLEAN.read_text(encoding="utf-8"), words / "clean-2021.docx", furniture=True),
             support.word_report(TABLE.read_text(encoding="utf-8"), words / "table.docx", furniture=True)]
    start = time.monotonic()
    out = {
        "text-pdf": support.convert(sources, "pdf", base / "text-pdf", profile),
        "text-docx": support.convert(sources, "docx", base / "text-docx", profile),
        "word-pdf": support.convert(built, "pdf", base / "word-pdf", profile),
        "word-html": support.convert(built, "html", base / "word-html", profile),
        "word-docx": support.convert(built, "docx", base / "word-docx", profile),  # merges as LibreOffice writes them
    }
    out["seconds"] = time.monotonic() - start
    out["texts"] = dict(zip([p.stem for p in sources], TEXTS))
    out["built"] = built
    return out


def _converted_params():
    params = []
    for path in TEXTS:
        stem = ("defect-" if path.parent.name == "defects" else "") + path.stem
        for kind in ("text-docx", "text-pdf"):
            marks = []
            if kind == "text-pdf" and stem in PDF_LIMITATIONS:
                marks = [pytest.mark.xfail(strict=True, reason=PDF_LIMITATIONS[stem])]
            params.append(pytest.param(kind, stem, marks=marks, id=f"{kind}-{stem}"))
    return params


@pytest.mark.parametrize("kind,stem", _converted_params())
def test_libreoffice_conversions_of_the_texts(linter, converted, kind, stem):
    path = next(p for p in converted[kind] if p.stem == stem)
    result = linter.lint_bytes(path.read_bytes(), str(path))
    assert result.source.kind == kind.split("-")[1]
    assert_same_report(result, reference(linter, converted["texts"][stem]))


@pytest.mark.parametrize("kind", ["word-pdf", "word-html", "word-docx"])
@pytest.mark.parametrize("example", [CLEAN, TABLE], ids=lambda p: p.stem)
def test_libreoffice_conversions_of_word_tables(linter, converted, kind, example):
    """Word tables with merged cells, exported to PDF (ruled tables, labels wrapped in narrow
    cells, rows cut by page breaks, a page header and “— N —” footers), to HTML, and saved
    again as .docx by LibreOffice."""
    stem = "clean-2021" if example == CLEAN else "table"
    path = next(p for p in converted[kind] if p.stem == stem)
    result = linter.lint_bytes(path.read_bytes(), str(path))
    assert_same_report(result, reference(linter, example))
    if kind == "word-pdf":
        text = result.source.text
        assert "某某县自然资源局政府信息公开工作" not in text  # the page header, on every page
        assert "— 2 —" not in text and "— 1 —" not in text  # the footers
        pages = {result.source.locate(d.span.start)["page"] for d in result.diagnostics}
        assert all(isinstance(page, int) and page >= 1 for page in pages)


def test_pdf_rows_cut_by_a_page_break_are_joined(converted):
    """In the Word-table PDF, table 3's row （六）2 starts at the foot of a page and its label
    runs on at the top of the next: it is read as one row."""
    path = next(p for p in converted["word-pdf"] if p.stem == "clean-2021")
    source = read(path.read_bytes(), str(path))
    line = next(l for l in source.text.splitlines() if "2.申请人逾期未按收费通知要求缴纳费" in l)
    assert line.endswith("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
                         "\t0\t0\t0\t0\t0\t0\t0")


def test_conversions_stay_cheap(converted):
    assert converted["seconds"] < 45  # five soffice runs; a guard, not a benchmark
