"""Test documents for the readers: a report typed as text, laid out as a Word document with
real tables (merged cells where the national format merges them), converted by LibreOffice,
and hostile files.  Nothing here is read from the network."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

_TOP = re.compile(r"^[一二三四]\s*[、.]")
_GROUP = re.compile(r"^[（(]\s*[一二三四五六七]\s*[)）]")
_ITEM = re.compile(r"^\d\s*[.．、]")
_VALUE = re.compile(r"^(?:[+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|件)?|[—–\-/]+)$")

T3_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_GROUP = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


# -- the report as blocks -----------------------------------------------------------------

def blocks(text: str) -> list:
    """('p', line) for prose and headings; ('t2'|'t3'|'t4', [fields per line]) for tables."""
    out: list = []
    lines = [line for line in text.splitlines() if line.strip()]
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("第二十条") or line.startswith("信息内容"):
            rows = []
            while index < len(lines) and ("\t" in lines[index] or lines[index].startswith("第二十条")):
                rows.append(lines[index].split("\t"))
                index += 1
            out.append(("t2", rows))
            continue
        if "勾稽关系" in line:
            rows = []
            while index < len(lines) and "\t" in lines[index] and not lines[index].startswith("行政复议"):
                rows.append(lines[index].split("\t"))
                index += 1
            out.append(("t3", rows))
            continue
        if line.startswith("行政复议") and "\t" in line:
            rows = []
            while index < len(lines) and "\t" in lines[index]:
                rows.append(lines[index].split("\t"))
                index += 1
            out.append(("t4", rows))
            continue
        out.append(("p", line))
        index += 1
    return out


def _split_row(fields: list) -> tuple[list, list]:
    """Label fields and value fields of a table-3 text row."""
    fields = [f.strip() for f in fields]
    first = next((i for i, f in enumerate(fields) if f and _VALUE.match(f)), len(fields))
    labels = [f for f in fields[:first] if f]
    values = fields[first:]
    while values and not values[-1]:
        values.pop()
    return labels, values


# -- Word ------------------------------------------------------------------------------------

def _set(cell, text: str) -> None:
    cell.text = text


def _grid(table) -> list:
    """The table's cells by row and column, taken once before any merge (python-docx looks
    every cell up again on each ``table.cell``).  Merged regions never overlap and each merge
    touches only its own corners, so these stay valid."""
    return [list(row.cells) for row in table.rows]


def _merge(grid, r0, c0, r1, c1, text: str | None = None):
    cell = grid[r0][c0]
    if (r0, c0) != (r1, c1):
        cell = cell.merge(grid[r1][c1])
    if text is not None:
        _set(cell, text)
    return cell


def add_table2(document, rows: list) -> None:
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    grid = _grid(table)
    for r, fields in enumerate(rows):
        fields = [f for f in fields if f.strip()] or [""]
        if len(fields) == 1:
            _merge(grid, r, 0, r, 3, fields[0])
            continue
        for c, field in enumerate(fields[:-1]):
            _set(grid[r][c], field)
        _merge(grid, r, len(fields) - 1, r, 3, fields[-1])


def add_table3(document, rows: list, group_labels_on_each_row: bool = False) -> None:
    """Table 3 as the format draws it: 3 label columns, 7 value columns; 三、本年度办理结果
    merged down over the result rows, （三）（四）（五）（六） merged down over their items."""
    data = []
    for fields in rows:
        labels, values = _split_row(fields)
        if not values:
            continue  # a header line of the text: the Word header is drawn below
        data.append((labels, values))
    header = 3
    table = document.add_table(rows=header + len(data), cols=10)
    table.style = "Table Grid"
    grid = _grid(table)
    _merge(grid, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(grid, 0, 3, 0, 9, "申请人情况")
    _merge(grid, 1, 3, 2, 3, "自然人")
    _merge(grid, 1, 4, 1, 8, "法人或其他组织")
    _merge(grid, 1, 9, 2, 9, "总计")
    for c, label in enumerate(T3_HEAD[1:6]):
        _set(grid[2][4 + c], label)
    top_start = group_start = None
    top_text = group_text = None
    merges = []

    def close_top(end):
        nonlocal top_start
        if top_start is not None and end > top_start:
            merges.append((top_start, 0, end, 0, top_text))
        top_start = None

    def close_group(end):
        nonlocal group_start
        if group_start is not None and end > group_start:
            merges.append((group_start, 1, end, 1, group_text))
        group_start = None

    for i, (labels, values) in enumerate(data):
        r = header + i
        for c, value in enumerate(values[:7]):
            _set(grid[r][3 + c], value)
        top = next((l for l in labels if _TOP.match(l)), None)
        group = next((l for l in labels if _GROUP.match(l)), None)
        item = next((l for l in labels if _ITEM.match(l)), None)
        if top and not group and not item:
            close_group(r - 1)
            close_top(r - 1)
            _merge(grid, r, 0, r, 2, top)
            continue
        if top:
            close_top(r - 1)
            top_start, top_text = r, top
            _set(grid[r][0], top)
        if group and item:
            close_group(r - 1)
            group_start, group_text = r, group
            _set(grid[r][1], group)
            _set(grid[r][2], item)
        elif group:
            close_group(r - 1)
            _merge(grid, r, 1, r, 2, group)
        elif item:
            _set(grid[r][2], item)
            if group_labels_on_each_row and group_text:
                _set(grid[r][1], group_text)
        if group_labels_on_each_row and top_text and not top and (group or item):
            _set(grid[r][0], top_text)
    close_group(header + len(data) - 1)
    close_top(header + len(data) - 1)
    if not group_labels_on_each_row:
        for r0, c0, r1, c1, text in merges:
            _merge(grid, r0, c0, r1, c1, text)


def add_table4(document, rows: list) -> None:
    values = None
    for fields in rows:
        cells = [f.strip() for f in fields if f.strip()]
        if cells and all(_VALUE.match(f) for f in cells):
            values = cells
    table = document.add_table(rows=4, cols=15)
    table.style = "Table Grid"
    grid = _grid(table)
    _merge(grid, 0, 0, 0, 4, "行政复议")
    _merge(grid, 0, 5, 0, 14, "行政诉讼")
    for c, label in enumerate(T4_GROUP):
        _merge(grid, 1, c, 2, c, label)
    _merge(grid, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(grid, 1, 10, 1, 14, "复议后起诉")
    for c in range(10):
        _set(grid[2][5 + c], T4_GROUP[c % 5])
    for c, value in enumerate((values or [])[:15]):
        _set(grid[3][c], value)


def word_report(text: str, path: Path, numbering: bool = False, furniture: bool = False, **options) -> Path:
    """Write the report as a .docx: headings in Heading styles, tables as Word tables.

    ``numbering``: headings 一、… and sub-headings （一）… get their numbers from Word's
    automatic numbering (a chineseCounting list) instead of the text.
    ``furniture``: a page header naming the office and a footer “— N —” with the page number."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    if furniture:
        _page_furniture(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    heading_num = sub_num = None
    if numbering:
        heading_num, sub_num = _add_chinese_lists(document)
    first = True
    for block in blocks(text):
        kind = block[0]
        if kind == "p":
            line = block[1]
            if first:
                document.add_heading(line, level=0)
                first = False
                continue
            heading = re.match(r"^([一二三四五六七八九十]+)、(.*)$", line)
            sub = re.match(r"^（([一二三四五六七八九十]+)）(.*)$", line)
            if heading and len(line) <= 40 and not re.search(r"\d", line):
                paragraph = document.add_heading("" if numbering else line, level=1)
                if numbering:
                    paragraph.add_run(heading.group(2))
                    _number(paragraph, heading_num, 0)
            elif sub and numbering:
                paragraph = document.add_paragraph(sub.group(2))
                _number(paragraph, sub_num, 1)
            else:
                document.add_paragraph(line)
        elif kind == "t2":
            add_table2(document, block[1])
        elif kind == "t3":
            add_table3(document, block[1], **options)
        elif kind == "t4":
            add_table4(document, block[1])
        first = False
    document.save(str(path))
    return path


def _page_furniture(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "某某县自然资源局政府信息公开工作"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footer._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">— </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {w} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve"> —</w:t></w:r>'))


def _add_chinese_lists(document):
    """A two-level list in numbering.xml: 一、二、… and under each （一）（二）…; returns its numId
    twice (level 0 for headings, level 1 for sub-headings)."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for ilvl, text in ((0, "%1、"), (1, "（%2）")))
    abstract = parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90, 90


def _number(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# -- LibreOffice ---------------------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def cjk_font() -> bool:
    """Is a CJK font installed?  Without one LibreOffice draws every Chinese character
    with the same missing glyph and the PDF's text layer is nonsense."""
    if not shutil.which("fc-list"):
        return False
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(listed.strip())


def convert(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert files with one LibreOffice run (fmt: 'pdf', 'docx', 'html' …)."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    out = []
    for source in sources:
        target = outdir / (source.stem + "." + fmt.split(":")[0])
        if not target.exists():
            raise RuntimeError(f"LibreOffice did not write {target}")
        out.append(target)
    return out


# -- hostile files ---------------------------------------------------------------------------

def zip_bomb(path: Path, megabytes: int = 200) -> Path:
    """A .docx-looking zip whose document.xml inflates to ``megabytes`` MB (written in a
    few hundred KB: zeros compress about 1000 times)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def lying_zip(megabytes: int = 20) -> bytes:
    """A zip whose headers claim document.xml is 1000 bytes while it inflates to ``megabytes`` MB."""
    import io
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (megabytes * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    real = 12 + megabytes * 1024 * 1024
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            if struct.unpack_from("<I", data, at + offset)[0] == real:
                struct.pack_into("<I", data, at + offset, 1000)
            at = data.find(signature, at + 4)
    return bytes(data)


def many_pages_pdf(pages: int) -> bytes:
    """A valid PDF with ``pages`` pages, each saying its number (a hand-written PDF)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    number = 4
    for page in range(1, pages + 1):
        stream = b"BT /F1 12 Tf 72 400 Td (Text of page %d) Tj ET" % page
        objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[number + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                               b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number)
        kids.append(b"%d 0 R" % (number + 1))
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _pdf(objects)


def _show(text: str) -> bytes:
    return b"(" + text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(lines: list[str], link: str | None = None) -> bytes:
    """A one-page PDF with ASCII lines (Helvetica); ``link``: a URI link annotation on it."""
    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(_show(line) + b" '" for line in lines) + b" ET"
    annots = b""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               5: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)}
    if link:
        objects[6] = b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI %s >> >>" % _show(link)
        annots = b" /Annots [6 0 R]"
    objects[4] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R" + annots + b" >>")
    return _pdf(objects)


def furnished_pdf(pages: list[list[str]], header: str, footer: str) -> bytes:
    """A PDF whose pages carry a running header and a footer (``footer % page``), body lines between."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    kids = []
    number = 4
    for page, lines in enumerate(pages, 1):
        body = b" ".join(_show(line) + b" '" for line in lines)
        stream = (b"BT /F1 10 Tf 400 760 Td " + _show(header) + b" Tj ET "
                  b"BT /F1 12 Tf 72 700 Td 14 TL " + body + b" ET "
                  b"BT /F1 10 Tf 290 40 Td " + _show(footer % page) + b" Tj ET")
        objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[number + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                               b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number)
        kids.append(b"%d 0 R" % (number + 1))
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    return _pdf(objects)


def image_only_pdf() -> bytes:
    """A 'scanned' page: one grey image, no text."""
    pixels = bytes([128]) * (8 * 8)
    content = b"q 400 0 0 400 100 200 cm /Im1 Do Q"
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               3: (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels)) + pixels + b"\nendstream",
               5: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /XObject << /Im1 3 0 R >> >> /Contents 5 0 R >>"}
    return _pdf(objects)


def _pdf(objects: dict, trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref)
    return bytes(out)


# -- HTML ---------------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _td(text: str, colspan: int = 1, rowspan: int = 1) -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f'<td{attrs} style="border:1px solid #000"><p align="center">{_esc(text)}</p></td>'


def html_table2(rows: list) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="600"><tbody>']
    for fields in rows:
        fields = [f for f in fields if f.strip()]
        if len(fields) == 1:
            out.append("<tr>" + _td(fields[0], 4) + "</tr>")
        else:
            out.append("<tr>" + "".join(_td(f) for f in fields[:-1]) + _td(fields[-1], 5 - len(fields)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_table3(rows: list) -> str:
    """Table 3 with rowspan group labels, as portals print it (3 label columns, 7 values)."""
    data = []
    for fields in rows:
        labels, values = _split_row(fields)
        if values:
            top = next((l for l in labels if _TOP.match(l)), None)
            group = next((l for l in labels if _GROUP.match(l)), None)
            item = next((l for l in labels if _ITEM.match(l)), None)
            data.append((top, group, item, values))
    out = ['<table border="1" cellspacing="0" cellpadding="0"><tbody>',
           "<tr>" + _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
           + _td("申请人情况", 7) + "</tr>",
           "<tr>" + _td("自然人", 1, 2) + _td("法人或其他组织", 5) + _td("总计", 1, 2) + "</tr>",
           "<tr>" + "".join(_td(label) for label in T3_HEAD[1:6]) + "</tr>"]
    # how many rows each top label and group label spans
    top_span: dict = {}
    group_span: dict = {}
    current_top = current_group = None
    for index, (top, group, item, _) in enumerate(data):
        if top and not group and not item:
            current_top = current_group = None
            continue
        if top:
            current_top = index
            top_span[index] = 0
        if current_top is not None:
            top_span[current_top] += 1
        if group and item:
            current_group = index
            group_span[index] = 0
        elif group:
            current_group = None
        if current_group is not None and not (group and not item):
            group_span[current_group] += 1  # an item row, or a stray row of numbers under the group
    for index, (top, group, item, values) in enumerate(data):
        cells = []
        if top and not group and not item:
            cells.append(_td(top, 3))
        else:
            if top:
                cells.append(_td(top, 1, top_span[index]))
            if group and item:
                cells.append(_td(group, 1, group_span[index]))
                cells.append(_td(item))
            elif group:
                cells.append(_td(group, 2))
            else:
                cells.append(_td(item or ""))  # a stray row of numbers keeps its label cell empty
        cells.extend(_td(v) for v in values[:7])
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_table4(rows: list) -> str:
    values = []
    for fields in rows:
        cells = [f.strip() for f in fields if f.strip()]
        if cells and all(_VALUE.match(f) for f in cells):
            values = cells
    return "\n".join([
        '<table border="1" cellspacing="0"><tbody>',
        "<tr>" + _td("行政复议", 5) + _td("行政诉讼", 10) + "</tr>",
        "<tr>" + "".join(_td(l, 1, 2) for l in T4_GROUP) + _td("未经复议直接起诉", 5) + _td("复议后起诉", 5) + "</tr>",
        "<tr>" + "".join(_td(l) for l in T4_GROUP * 2) + "</tr>",
        "<tr>" + "".join(_td(v) for v in values[:15]) + "</tr>",
        "</tbody></table>"])


def portal_page(text: str, charset: str = "utf-8", declare: str = "http-equiv") -> bytes:
    """The report as a government portal serves it: site header, menus, breadcrumb, the
    title in an <h1> above the article, a metadata table, the body, a share bar, a footer
    with the site's own address and telephone, scripts and styles."""
    body = []
    title = None
    for block in blocks(text):
        if block[0] == "p":
            if title is None:
                title = block[1]
                continue
            line = _esc(block[1])
            if len(line) > 60:  # a long paragraph wrapped in the HTML source, as CMS editors do
                line = line[:30] + "\n          " + line[30:]
            body.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{line}</p>')
        elif block[0] == "t2":
            body.append(html_table2(block[1]))
        elif block[0] == "t3":
            body.append(html_table3(block[1]))
        else:
            body.append(html_table4(block[1]))
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if declare == "http-equiv"
            else f'<meta charset="{charset}">')
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<!-- saved from url=(0051)http://www.example.gov.cn/art/2023/1/20/art_1_1.html -->
<html xmlns="http://www.w3.org/1999/xhtml"><head>{meta}
<title>{_esc(title or "")}_某某县人民政府</title>
<style type="text/css">body {{ font-size: 14px }} .nav li {{ float: left }}</style>
<script type="text/javascript">var title = "一、总体情况 二、主动公开政府信息情况"; document.write("<p>统计期限</p>");</script>
</head>
<body>
<div id="header"><div class="logo">某某县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/zjmx/">走进某某</a></li></ul></div>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="#">年度报告</a></div>
<div class="main">
<div class="left-menu"><h3>信息公开目录</h3><ul><li><a href="#">政府信息公开指南</a></li><li><a href="#">政府信息公开制度</a></li>
<li><a href="#">法定主动公开内容</a></li><li><a href="#">政府信息公开年报</a></li></ul></div>
<div class="article">
<h1 class="title">{_esc(title or "")}</h1>
<table class="xxgk-meta" width="100%"><tr><td>索引号：</td><td>11640522MB1234567X/2023-00012</td><td>发布机构：</td><td>某某县自然资源局</td></tr>
<tr><td>发布日期：</td><td>2023-01-20</td><td>主题分类：</td><td>政府信息公开年报</td></tr></table>
<div class="info">发布时间：2023-01-20 09:30 浏览次数：<span id="hits">1024</span> 字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">打印</a> <a href="#">关闭</a></div>
</div></div>
<div id="footer"><p>主办单位：某某县人民政府办公室　地址：某某县城关镇府前街1号　邮编：751199</p>
<p>联系电话：0953-7654321　网站标识码：6405220001　ICP备案：宁ICP备00000000号</p></div>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</body></html>
"""
    # Pages labelled gb2312 are really GBK (a superset): encode as the portal's editor would.
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


# -- hostile files, one per limit of the readers ------------------------------------------------------
# Each is generated (a few KB to a few MB); none is committed.

_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbered_docx(path: Path, start: int = 10 ** 9, fmt: str = "upperLetter", paragraphs: int = 200,
                  override: bool = False) -> Path:
    """A .docx whose list starts at ``start`` (in ``w:start``, or in a ``w:startOverride`` of the
    paragraph's list when ``override``): 10⁹ written out as letters is 38 million A's per paragraph."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    level_start = 1 if override else start
    abstract = parse_xml(f'<w:abstractNum {_WNS} w:abstractNumId="91"><w:lvl w:ilvl="0">'
                         f'<w:start w:val="{level_start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/>'
                         f'</w:lvl></w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    lists = paragraphs if override else 1
    for index in range(lists):
        overrides = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                     if override else "")
        numbering.append(parse_xml(f'<w:num {_WNS} w:numId="{100 + index}"><w:abstractNumId w:val="91"/>'
                                   f'{overrides}</w:num>'))
    for index in range(paragraphs):
        paragraph = document.add_paragraph("某某局政府信息公开工作")
        _number(paragraph, 100 + (index if override else 0), 0)
    document.save(str(path))
    return path


def identical_tables_docx(path: Path, tables: int = 60, rows: int = 20, columns: int = 63) -> Path:
    """A legitimate draft: a title and ``tables`` copies of one wide, empty template table.  Its
    document.xml is 1.5 MB of the same cell over and over, which deflates about 240 times: more
    than a ratio test tuned on prose tolerates (not a zip bomb for all that)."""
    import docx

    document = docx.Document()
    document.add_heading("某某县自然资源局2022年政府信息公开工作年度报告", level=0)
    for _ in range(tables):
        table = document.add_table(rows=rows, cols=columns)
        for tcpr in table._tbl.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tcPr"):
            tcpr.getparent().remove(tcpr)  # cells without a width of their own, as some editors write them
    document.add_paragraph("本表为空白模板。")
    document.save(str(path))
    return path


def dense_pdf(glyphs: int = 50_000) -> bytes:
    """One page holding ``glyphs`` characters in small print: words and numbers, rows of them."""
    per_line = 200
    lines = []
    count = 0
    number = 0
    while count < glyphs:
        words = []
        length = 0
        while length < per_line:
            number += 1
            word = "row%d %d" % (number % 97, number * 7 % 1000)
            words.append(word)
            length += len(word) + 1
        line = " ".join(words)[:per_line]
        lines.append(line)
        count += len(line.replace(" ", ""))
    content = (b"BT /F1 2.5 Tf 2.6 TL 10 785 Td "
               + b" ".join(_show(line) + b" '" for line in lines) + b" ET")
    return one_page_pdf(content, font=b" /Encoding /WinAnsiEncoding")


def one_page_pdf(stream: bytes, entries: bytes = b"", font: bytes = b"") -> bytes:
    """A one-page PDF in Helvetica whose content stream is ``stream`` (``entries``: more of the
    stream's dictionary, such as its /Filter; ``font``: more of the font's)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica%s >>" % font,
               5: b"<< /Length %d%s >>\nstream\n" % (len(stream), entries) + stream + b"\nendstream",
               4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"}
    return _pdf(objects)


def flate_bomb_pdf(megabytes: int = 512, filters: bytes = b"/FlateDecode") -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of spaces (about 1 KB
    per MB compressed), after a line of real text."""
    import zlib

    compressor = zlib.compressobj(9)
    text = b"BT /F1 12 Tf 72 720 Td (Bomb page 2022) Tj ET\n"
    pieces = [compressor.compress(text)]
    chunk = b" " * (1024 * 1024)
    for _ in range(megabytes):
        pieces.append(compressor.compress(chunk))
    pieces.append(compressor.flush())
    stream = b"".join(pieces)
    if filters == b"[/ASCIIHexDecode /FlateDecode]":
        stream = stream.hex().encode() + b">"
    return one_page_pdf(stream, b" /Filter " + filters)


def corrupt_flate_pdf(kilobytes: int = 2048) -> bytes:
    """A content stream whose deflate data is good for ``kilobytes`` KB of text and then
    garbage (pdfminer's fallback re-inflates such a stream a byte at a time, quadratically)."""
    import zlib

    text = b"BT /F1 12 Tf 72 720 Td (Damaged page 2022) Tj ET\n" + b"% filler\n" * (kilobytes * 1024 // 9)
    stream = zlib.compress(text, 1)[:-4] + b"\xff\xff\xff\xff"  # a wrong checksum
    return one_page_pdf(stream, b" /Filter /FlateDecode")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user: str = "secret", owner: str = "owner", lines: tuple = ("Protected report 2022",)) -> bytes:
    """A PDF encrypted with the standard security handler (revision 2, 40-bit RC4).  With a user
    password nobody can open it without that password; with ``user=""`` it opens for anyone
    (only an owner password restricting printing or copying)."""
    import hashlib

    def pad(password: str) -> bytes:
        return (password.encode("latin-1") + _PAD)[:32]

    file_id = hashlib.md5(b"govlint test").digest()
    permissions = -44  # printing and copying not allowed
    owner_key = hashlib.md5(pad(owner or user)).digest()[:5]
    o_entry = _rc4(owner_key, pad(user))
    key = hashlib.md5(pad(user) + o_entry + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return _rc4(object_key, data)

    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(_show(line) + b" '" for line in lines) + b" ET"
    secret = encrypt(5, content)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
               5: b"<< /Length %d >>\nstream\n" % len(secret) + secret + b"\nendstream",
               6: b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                  % (o_entry.hex().encode(), u_entry.hex().encode(), permissions)}
    trailer = b" /Encrypt 6 0 R /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    return _pdf(objects, trailer)


def html_of_brackets(megabytes: float = 3.9, unit: bytes = b"<") -> bytes:
    """A page that is ``unit`` (``<``, ``<?``, ``<!--x>`` …) repeated for ``megabytes`` MB after a title:
    constructs html.parser never sees closed, each rescanned to the end of the page."""
    head = "<html><body><p>某某局2022年政府信息公开工作年度报告</p>".encode()
    count = int(megabytes * 1024 * 1024) // len(unit)
    return head + unit * count


def html_of_span_tables(tables: int = 490) -> bytes:
    """``tables`` data tables, each under the old per-table limit (999 × 200 spanned cells):
    98 million grid cells in a 400 KB page of 99,000 elements."""
    table = ("<table><tr><td colspan=999 rowspan=1000>x</td><td>1</td></tr>" + "<tr>" * 199 + "</table>")
    return ("<html><body><p>某某局2022年政府信息公开工作年度报告</p>" + table * tables + "</body></html>").encode()


def _one_page(content_objects: list, text: bytes = b"BT /F1 12 Tf 72 720 Td (Hostile page 2022) Tj ET") -> bytes:
    """A one-page PDF: a line of text, then the given stream objects (``<< … >>\\nstream…``) as
    further content streams of the page."""
    text_stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               5: text_stream}
    refs = [b"5 0 R"]
    for index, stream in enumerate(content_objects):
        objects[6 + index] = stream
        refs.append(b"%d 0 R" % (6 + index))
    objects[4] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 3 0 R >> >> /Contents [" + b" ".join(refs) + b"] >>")
    return _pdf(objects)


def _stream(data: bytes, filters: bytes = b"") -> bytes:
    extra = b" /Filter " + filters if filters else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def deflated_spaces(megabytes: int) -> bytes:
    import zlib

    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    return b"".join([compressor.compress(chunk) for _ in range(megabytes)] + [compressor.flush()])


def many_streams_pdf(streams: int = 6, megabytes: int = 30) -> bytes:
    """Content streams each under the per-stream limit, together over the limit for the file."""
    one = deflated_spaces(megabytes)
    return _one_page([_stream(one, b"/FlateDecode")] * streams)


def runlength_bomb_pdf(megabytes: int = 64) -> bytes:
    """A RunLengthDecode content stream: 2 bytes for each 128 spaces (pdfminer decodes it into
    a list of ints, 8 bytes a byte)."""
    runs = b"\x81 " * (megabytes * 1024 * 1024 // 128) + b"\x80"
    return _one_page([_stream(runs, b"/RunLengthDecode")])


def ruled_pdf(rows: int = 300, columns: int = 300) -> bytes:
    """A page ruled like graph paper: ``rows`` horizontal and ``columns`` vertical rules (rules
    closer than 3 pt are one for pdfplumber: 100 × 100 at most on this page)."""
    lines = [b"0.1 w"]
    for r in range(rows):
        y = 50 + 700 * r / max(1, rows - 1)
        lines.append(b"50 %.2f m 560 %.2f l S" % (y, y))
    for c in range(columns):
        x = 50 + 510 * c / max(1, columns - 1)
        lines.append(b"%.2f 50 m %.2f 750 l S" % (x, x))
    return _one_page([_stream(b"\n".join(lines))])


def busy_pdf(operators: int = 2_000_000) -> bytes:
    """A page whose content is ``operators`` times ``q Q`` (save and restore the graphics
    state): no glyph, no path, only work for the content interpreter."""
    return _one_page([_stream(b"q Q " * operators)])
