"""Published reports (.pdf): the text layer in reading order, table rows on one line.

Rendering, page by page:

* Ruled tables (pdfplumber's ``find_tables``, the lines strategy) are read cell by cell:
  one line per row, cells separated by TAB; a cell spanning columns is one field, a cell
  spanning rows gives its text to its first row and an empty field to the rows below (as
  the Word reader does); a label wrapped inside its cell is joined (``三、本\\n年度办`` →
  ``三、本年度办``).  A row that the page break cut in two (its label runs on at the top of
  the next page, with no numbers) is joined back to its first part.
* Everything else is grouped into printed lines by baseline and ordered top to bottom.
  Within a line, a gap of about a character's width or more (not made of space characters)
  is a TAB: a table typed with tabs and printed without rules.  On such a tabular line any
  gap before a number is one too (a tab stop that landed right after its label), and so is
  the small gap before a trailing number on a line next to a tabular one
  (``行政事业性收费12.5``).  Where the numbers of tabular lines sit on evenly spaced tab
  stops, a number two stops from the one before gets a blank cell between them.  A line
  of numbers only that continues a tabular (or markdown pipe) line which ran into the
  right margin is joined to it, on the same page or at the top of the next.
* Dropped: page headers and footers (page numbers ``— 3 —``, ``- 3 -``, ``第3页 共9页``,
  ``3/9``, and any line repeated in the top or bottom margin of most pages), link
  annotations (never text in the first place), soft hyphens and hyphenation residue
  (``infor-`` + ``mation``), a URL cut at the end of a line (joined).

Location: {"page": P} (1-based).

Limits (each refusal names the limit it hit): at most 200 pages (a longer file is refused
before its pages are parsed).  On one page, counted as pdfminer produces them: at most
20,000 characters, 20,000 drawn lines, rectangles and curves, and 300,000 content operations
(operators and operands; a page of a report has a few thousand of each); no page ruled into
more than 5,000 cells (table finding crosses every rule with every other).  No compressed
stream expanding beyond 32 MB, nor all of them together beyond 128 MB (a 4 MB stream can
inflate to 4 GB: streams are inflated with a bound, never in one call).  20 s for the whole
file, checked while a page's content is interpreted, not only between pages; 5 million
characters of text.  An encrypted PDF that needs a password to open is refused as such (one
with only an owner password, restricting printing or copying, is read).  A PDF whose pages
have no text is refused as a scan that needs OCR, one whose text layer maps most Chinese
glyphs to one character (fonts without their Unicode map) or to ``(cid:N)`` codes as
unreadable.  A damaged cross-reference table is rebuilt by pdfminer when the objects are
intact (the file is read); anything pdfminer cannot parse is an input error naming the file.

Each reader registers twice: by suffix (a .pdf that is not one is an input error, not text)
and by content (a PDF saved as .txt).
"""
from __future__ import annotations

import contextvars
import io
import logging
import re
import zlib
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice
from typing import Any

from govlint.grammar.shapes import (
    MARGIN_PAGE_MARK_PATTERN,
    PRINTED_NUMBER_PATTERN,
    PRINTED_URL_CHAR,
    PRINTED_URL_TAIL_PATTERN,
    is_cjk,
    is_ideograph,
)
from govlint.support import i18n
from govlint.source import InputError, Source
from govlint.source.readers import reader
from govlint.source.readers.render import Budget, TextBuilder, cell_text, clean

MAX_PAGES = 200
MAX_PAGE_CHARS = 20_000      # characters on one page (a dense page of a report has 2,000)
MAX_PAGE_GRAPHICS = 20_000   # lines, rectangles and curves drawn on one page
MAX_PAGE_OPERATIONS = 300_000  # operators and operands of one page's content (a page of a report: 10,000)
MAX_STREAM = 32 * 1024 * 1024     # one stream, inflated (content, fonts, object streams)
MAX_INFLATED = 128 * 1024 * 1024  # all the streams of the file, inflated
MAX_RULED_GRID = 5_000       # distinct horizontal rules × distinct vertical rules of a page (a report's: 500)
TAB_EM = 0.95        # a gap this many character widths wide separates cells
WORD_EM = 0.15       # between two ASCII letters or digits, a gap this wide is a space
MARGIN = 0.1         # top and bottom tenth of the page: where headers and footers live


def page_number(line: str) -> re.Match | None:
    """Does the line say nothing but a page number (— 3 —, - 3 -, 第3页 共9页, 3/9, Page 3 of 9)?
    The shape is grammar/shapes.py's MARGIN_PAGE_MARK_PATTERN."""
    return _margin_page_mark().match(line)


@lru_cache(maxsize=1)
def _margin_page_mark() -> re.Pattern:
    return re.compile(MARGIN_PAGE_MARK_PATTERN)  # compiled on first use: every run imports the readers, few read a PDF


_NUMBER = re.compile(PRINTED_NUMBER_PATTERN)  # a printed field that is a number (grammar/shapes.py)
_URL_TAIL = re.compile(PRINTED_URL_TAIL_PATTERN)  # a line that ends inside a URL (grammar/shapes.py)
_URL_CHAR = re.compile(PRINTED_URL_CHAR)


def sniff(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\x00")
    return head.startswith(b"%PDF-")


@reader("pdf", (".pdf",), sniff)
def read_pdf(data: bytes, path: str) -> Source:
    return _read(data, path)


# -- limits inside pdfminer ---------------------------------------------------------------------------
#
# pdfminer inflates a stream with one zlib.decompress() call (a 4 MB stream is 4 GB), decodes
# RunLength into a list of ints and LZW without a bound, and interprets a page's content in
# one loop.  While govlint reads a PDF (``_ACTIVE`` set, in this thread or task only), the
# module-level names pdfminer.pdftypes uses for this are bounded versions, and the content
# parser counts its tokens against the deadline; otherwise they behave exactly as pdfminer's.

_ACTIVE: contextvars.ContextVar = contextvars.ContextVar("govlint_pdf_limits", default=None)


class _LimitHit(BaseException):
    """A limit reached inside pdfminer (a BaseException: no ``except Exception`` swallows it)."""


class _Limits:
    def __init__(self, budget: Budget):
        self.budget = budget
        self.inflated = 0
        self.ticks = 0
        self.page = 0
        self.chars = 0
        self.graphics = 0

    def tick(self) -> None:
        self.ticks += 1
        if not self.ticks & 1023:
            if self.ticks > MAX_PAGE_OPERATIONS:
                raise _LimitHit(i18n.fmt("{path}: page {page} has more than {limit:,} content operations "
                                         "(the per-page content limit); not a report page",
                                         "{path}: 第 {page} 页超过 {limit:,} 个内容操作（每页内容上限），不是报告页面",
                                         path=self.budget.path, page=self.page, limit=MAX_PAGE_OPERATIONS))
            self.check()

    def check(self) -> None:
        try:
            self.budget.check(i18n.fmt(", stopped at page {page}", "，停在第 {page} 页", page=self.page)
                              if self.page else "")
        except InputError as exc:
            raise _LimitHit(i18n.of(exc)) from None

    def output(self, size: int) -> int:
        """How many more bytes one stream may inflate to."""
        return max(0, min(MAX_STREAM, MAX_INFLATED - self.inflated) - size)

    def refuse_stream(self) -> None:
        if self.inflated + MAX_STREAM > MAX_INFLATED:
            raise _LimitHit(i18n.fmt("{path}: the PDF's compressed streams expand beyond {mb} MB in all "
                                     "(the inflated-size limit); not a report",
                                     "{path}: PDF 的压缩流解压后共超过 {mb} MB（解压大小上限），不是年度报告",
                                     path=self.budget.path, mb=MAX_INFLATED // 1024 // 1024))
        raise _LimitHit(i18n.fmt("{path}: a compressed stream of the PDF expands beyond {mb} MB "
                                 "(the stream size limit); not a report",
                                 "{path}: PDF 中有一个压缩流解压后超过 {mb} MB（单个流大小上限），不是年度报告",
                                 path=self.budget.path, mb=MAX_STREAM // 1024 // 1024))

    def inflate(self, data: bytes) -> bytes:
        allowed = self.output(0)
        try:
            out = zlib.decompressobj().decompress(data, allowed + 1)
        except zlib.error:
            # As pdfminer does: a stream damaged only in its checksum gives what it inflated,
            # one damaged before that nothing (pdfminer retries a byte at a time, quadratically).
            try:
                out = zlib.decompressobj().decompress(data[:-4], allowed + 1)
            except zlib.error:
                out = b""
        self.add(len(out))
        return out

    def add(self, size: int) -> None:
        if size > self.output(0):
            self.refuse_stream()
        self.inflated += size
        self.check()


class _BoundedZlib:
    """What pdfminer.pdftypes sees as ``zlib``."""

    def __init__(self, module):
        self._module = module
        self.error = module.error

    def __getattr__(self, name):
        return getattr(self._module, name)

    def decompress(self, data, *args, **kwargs):
        limits = _ACTIVE.get()
        if limits is None:
            return self._module.decompress(data, *args, **kwargs)
        return limits.inflate(data)


def _bounded_rldecode(original):
    def rldecode(data: bytes) -> bytes:
        limits = _ACTIVE.get()
        if limits is None:
            return original(data)
        allowed = limits.output(0)
        out = bytearray()
        index, size = 0, len(data)
        while index < size:
            length = data[index]
            if length == 128:
                break
            if length < 128:
                out += data[index + 1:index + 2 + length]
                index += 2 + length
            else:
                out += data[index + 1:index + 2] * (257 - length)
                index += 2
            if len(out) > allowed:
                limits.refuse_stream()
        limits.add(len(out))
        return bytes(out)
    return rldecode


def _bounded_lzwdecode(original):
    def lzwdecode(data: bytes) -> bytes:
        limits = _ACTIVE.get()
        if limits is None:
            return original(data)
        from pdfminer.lzw import LZWDecoder

        allowed = limits.output(0)
        out = []
        size = 0
        for chunk in LZWDecoder(io.BytesIO(data)).run():
            size += len(chunk)
            if size > allowed:
                limits.refuse_stream()
            out.append(chunk)
        limits.add(size)
        return b"".join(out)
    return lzwdecode


_INSTALLED: list[bool] = []


def _install() -> None:
    """Put the bounded decoders and the counting content parser in pdfminer (once)."""
    if _INSTALLED:
        return
    from pdfminer import pdfinterp, pdftypes

    if isinstance(getattr(pdftypes, "zlib", None), type(zlib)):
        setattr(pdftypes, "zlib", _BoundedZlib(pdftypes.zlib))
    for name, bound in (("rldecode", _bounded_rldecode), ("lzwdecode", _bounded_lzwdecode)):
        original = getattr(pdftypes, name, None)
        if callable(original):
            setattr(pdftypes, name, bound(original))
    parser: Any = getattr(pdfinterp, "PDFContentParser", None)
    if isinstance(parser, type):
        class CountingContentParser(parser):
            def nextobject(self):
                limits = _ACTIVE.get()
                if limits is not None:
                    limits.tick()
                return super().nextobject()
        setattr(pdfinterp, "PDFContentParser", CountingContentParser)
    _INSTALLED.append(True)


def _layout(page, limits: _Limits) -> None:
    """Interpret the page's content ourselves (what pdfplumber's ``Page.layout`` does), with a
    device that counts the characters and paths as they are produced."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    path, number = limits.budget.path, page.page_number

    class CountingDevice(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args, **kwargs):
            limits.chars += 1
            if limits.chars > MAX_PAGE_CHARS:
                raise _LimitHit(i18n.fmt("{path}: page {page} has more than {limit:,} characters "
                                         "(the per-page character limit); not a report page",
                                         "{path}: 第 {page} 页超过 {limit:,} 个字符（每页字符上限），不是报告页面",
                                         path=path, page=number, limit=MAX_PAGE_CHARS))
            if not limits.chars & 255:
                limits.check()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            limits.graphics += 1
            if limits.graphics > MAX_PAGE_GRAPHICS:
                raise _LimitHit(i18n.fmt("{path}: page {page} draws more than {limit:,} lines, rectangles and "
                                         "curves (the per-page drawing limit); not a report page",
                                         "{path}: 第 {page} 页绘制的线条、矩形和曲线超过 {limit:,} 个（每页图形上限），"
                                         "不是报告页面", path=path, page=number, limit=MAX_PAGE_GRAPHICS))
            if not limits.graphics & 255:
                limits.check()
            return super().paint_path(*args, **kwargs)

    limits.page, limits.chars, limits.graphics, limits.ticks = number, 0, 0, 0
    device = CountingDevice(page.pdf.rsrcmgr, pageno=number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def _limit_in(exc: BaseException | None) -> BaseException | None:
    """The limit hit or the encryption error behind an exception pdfplumber wrapped, if any."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, _LimitHit):
            return exc
        if type(exc).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning",
                                  "PDFTextExtractionNotAllowed"):
            return exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None


def _encrypted(path: str) -> InputError:
    return InputError(i18n.fmt("{path}: the PDF is encrypted (password-protected): save an unprotected copy",
                               "{path}: 此 PDF 已加密（设有密码）：请另存一份不设密码的副本", path=path))



def _read(data: bytes, path: str) -> Source:
    if b"%PDF-" not in data[:1024]:
        raise InputError(i18n.fmt("{path}: not a PDF (no %PDF- header)", "{path}: 不是 PDF 文件（没有 %PDF- 文件头）",
                                  path=path))
    try:
        import pdfplumber
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdftypes import resolve1
    except ImportError:
        raise InputError(i18n.fmt("{path}: reading PDF needs pdfplumber (pip install pdfplumber)",
                                  "{path}: 读取 PDF 需要 pdfplumber（pip install pdfplumber）", path=path)) from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's business
    _install()
    budget = Budget(path, i18n.msg("the PDF", "PDF 文件"))
    limits = _Limits(budget)
    token = _ACTIVE.set(limits)
    try:
        pages, images = _read_pages(data, path, pdfplumber, PDFPage, resolve1, limits)
    except InputError:
        raise
    except _LimitHit as exc:
        raise InputError(i18n.of(exc)) from None
    except RecursionError:
        raise InputError(i18n.fmt("{path}: the PDF's object tree nests too deeply to read",
                                  "{path}: PDF 的对象树嵌套层次过深，无法读取", path=path)) from None
    except MemoryError:
        raise InputError(i18n.fmt("{path}: the PDF is too large to read (out of memory)",
                                  "{path}: PDF 文件过大，无法读取（内存不足）", path=path)) from None
    except Exception as exc:  # pdfminer raises a zoo of exceptions on broken files
        hit = _limit_in(exc)
        if isinstance(hit, _LimitHit):
            raise InputError(i18n.of(hit)) from None
        if hit is not None:
            raise _encrypted(path) from None
        message = str(exc) or type(exc).__name__
        if "password" in message.lower() or "encrypt" in message.lower():
            raise _encrypted(path) from None
        raise InputError(i18n.fmt("{path}: not a readable PDF ({error})", "{path}: 无法读取此 PDF（{error}）",
                                  path=path, error=f"{type(exc).__name__}: {message[:200]}")) from None
    finally:
        _ACTIVE.reset(token)
    _check_text_layer(pages, images, path)
    builder = TextBuilder(budget)
    for number, items in _assemble(pages):
        place = {"page": number}
        for kind, value in items:
            if kind == "line":
                builder.line(value, place)
            else:
                builder.row([(text, place) for text in value])
    if builder.empty:
        raise InputError(i18n.fmt("{path}: the PDF has no text besides page numbers, headers and footers",
                                  "{path}: PDF 中除页码、页眉和页脚外没有文字", path=path))
    return Source(builder.text(), path, encoding="utf-8", kind="pdf", locator=builder.locator())


def _read_pages(data: bytes, path: str, pdfplumber, PDFPage, resolve1, limits: _Limits):
    # Not a context manager: pdfplumber's close() would list every page of the file.
    pdf = pdfplumber.open(io.BytesIO(data))
    declared = _declared_pages(pdf.doc, resolve1)
    if declared is not None and declared > MAX_PAGES:
        raise InputError(i18n.fmt("{path}: the PDF has {count} pages; govlint reads at most {limit} "
                                  "(an annual report is far shorter)",
                                  "{path}: PDF 有 {count} 页；govlint 最多读取 {limit} 页（年度报告远没有这么长）",
                                  path=path, count=declared, limit=MAX_PAGES))
    page_objects = list(islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1))
    if len(page_objects) > MAX_PAGES:
        raise InputError(i18n.fmt("{path}: the PDF has more than {limit} pages; govlint reads at most {limit} "
                                  "(an annual report is far shorter)",
                                  "{path}: PDF 超过 {limit} 页；govlint 最多读取 {limit} 页（年度报告远没有这么长）",
                                  path=path, limit=MAX_PAGES))
    if not page_objects:
        raise InputError(i18n.fmt("{path}: the PDF has no pages", "{path}: PDF 中没有页面", path=path))
    pages = []
    images = 0
    doctop = 0.0
    for number, page_object in enumerate(page_objects, 1):
        limits.page = number
        limits.check()
        page = pdfplumber.page.Page(pdf, page_object, page_number=number, initial_doctop=doctop)
        doctop += page.height
        try:
            _layout(page, limits)
            pages.append(_read_page(page, limits))
            images += len(page.images)
        finally:
            page.close()
    return pages, images


def _declared_pages(document, resolve1) -> int | None:
    try:
        pages = resolve1(document.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        return count if isinstance(count, int) else None
    except Exception:
        return None


# -- one page -----------------------------------------------------------------------------------

class _Page:
    __slots__ = ("number", "height", "items", "chars", "cjk")

    def __init__(self, number: int, height: float):
        self.number = number
        self.height = height
        self.items: list = []   # (top, bottom, kind, value, extra) in reading order
        self.chars = 0
        self.cjk: dict = {}


def _read_page(page, limits: _Limits) -> _Page:
    result = _Page(page.page_number, float(page.height))
    chars = _dedupe(page.chars)
    limits.check()
    _check_ruling(page, limits)
    tables = []
    for table in page.find_tables():
        limits.check()
        rows = _table_rows(table)
        if rows and max(len(row) for row in rows) >= 2:
            tables.append((table.bbox, rows))
    boxes = [bbox for bbox, _ in tables]
    free = []
    for char in chars:
        text = char.get("text", "")
        if not text:
            continue
        if not text.isspace():
            result.chars += 1
            if is_ideograph(text):
                result.cjk[text] = result.cjk.get(text, 0) + 1
        centre_x = (char["x0"] + char["x1"]) / 2
        centre_y = (char["top"] + char["bottom"]) / 2
        if any(x0 - 1 <= centre_x <= x1 + 1 and top - 1 <= centre_y <= bottom + 1 for x0, top, x1, bottom in boxes):
            continue
        free.append(char)
    lines = _lines(free)
    _restore_blank_cells(lines)
    for index, line in enumerate(lines):
        _split_glued_number(line, lines[index - 1] if index else None,
                            lines[index + 1] if index + 1 < len(lines) else None)
    for line in lines:
        if line["text"].strip():
            result.items.append((line["top"], line["bottom"], "line", line["text"],
                                 (line["tabular"], line["x0"], line["x1"], line["size"])))
    for bbox, rows in tables:
        result.items.append((bbox[1], bbox[3], "table", rows, None))
    result.items.sort(key=lambda item: (item[0], 0 if item[2] == "line" else 1))
    return result


def _dedupe(chars: list, tolerance: float = 1) -> list:
    """pdfplumber's ``dedupe_chars`` (a character drawn twice at the same place, in the same
    font and size, to look bold, is one character) without its quadratic last step (it put
    the survivors back in order with ``list.index``)."""
    from itertools import groupby
    from operator import itemgetter

    from pdfplumber.utils import cluster_objects

    key = itemgetter("upright", "text", "fontname", "size")
    position = itemgetter("doctop", "x0")
    order = {id(char): index for index, char in enumerate(chars)}
    kept = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for cluster in cluster_objects(row, itemgetter("x0"), tolerance):
                kept.append(min(cluster, key=position))
    kept.sort(key=lambda char: order[id(char)])
    return kept


def _check_ruling(page, limits: _Limits) -> None:
    """Table finding crosses every horizontal rule with every vertical one and reads each cell
    it finds (a page ruled 100 × 100 took 8 s): refuse a page ruled like graph paper before it
    starts.  Rules closer than 3 pt are one (pdfplumber snaps them together)."""
    rows, columns = [], []
    for edge in page.edges:
        if edge.get("orientation") == "h":
            rows.append(edge["top"])
        elif edge.get("orientation") == "v":
            columns.append(edge["x0"])
    across, down = _distinct(rows), _distinct(columns)
    if across * down > MAX_RULED_GRID:
        raise InputError(i18n.fmt("{path}: page {page} is ruled into more than {limit:,} cells "
                                  "({across} × {down} rules; the per-page ruling limit); not a report page",
                                  "{path}: 第 {page} 页的表格线划分出超过 {limit:,} 个格子（{across} × {down} 条线；"
                                  "每页表格线上限），不是报告页面",
                                  path=limits.budget.path, page=page.page_number, limit=MAX_RULED_GRID,
                                  across=across, down=down))


def _distinct(positions: list, tolerance: float = 3) -> int:
    count = 0
    last = None
    for position in sorted(positions):
        if last is None or position - last > tolerance:
            count += 1
        last = position
    return count


def _table_rows(table) -> list:
    """Rows of fields; a cell spanning columns is one field, one merged down from above is ''."""
    try:
        texts = table.extract(x_tolerance=1.5)
    except Exception:
        return []
    cell_rows = [row.cells for row in table.rows]
    starts: dict[int, float] = {}
    for cells in cell_rows:
        for index, bbox in enumerate(cells):
            if bbox is not None:
                starts[index] = min(starts.get(index, bbox[0]), bbox[0])
    rows = []
    for cells, row_texts in zip(cell_rows, texts):
        fields = []
        spans = [bbox for bbox in cells if bbox is not None]
        for index, (bbox, text) in enumerate(zip(cells, row_texts)):
            if bbox is None:
                x = starts.get(index)
                if x is not None and any(b[0] < x - 0.5 and x + 0.5 < b[2] for b in spans):
                    continue  # inside a cell of this row that spans several columns
                fields.append("")
            else:
                fields.append(cell_text(text or ""))
        rows.append(fields)
    return rows


def _lines(chars: list) -> list:
    """Group characters into printed lines (by baseline), left to right, gaps made TAB or space."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"]))
    groups: list[list] = []
    for char in chars:
        size = char.get("size") or (char["bottom"] - char["top"]) or 10
        if groups and abs(char["bottom"] - groups[-1][-1]["bottom"]) <= max(1.5, 0.3 * size):
            groups[-1].append(char)
        else:
            groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        lines.append(_join(group))
    return lines


def _join(chars: list) -> dict:
    """One printed line: its text (gaps made TAB or space), whether it is tabular, where a
    number is glued to the text before it by a small gap, its extent."""
    visible = [c for c in chars if not c["text"].isspace()]
    if not visible:
        return {"text": "", "tabular": False, "glued": [], "fields": [], "top": chars[0]["top"],
                "bottom": chars[0]["bottom"], "x0": 0, "x1": 0, "size": 10}
    sizes = sorted((c.get("size") or 10) for c in visible)
    size = sizes[len(sizes) // 2] if sizes else 10
    pieces = []  # (char, gap before it not explained by space characters, a space character before it)
    previous = None
    spaced = False
    space_width = 0.0
    for char in chars:
        if char["text"].isspace():
            if previous is not None:
                spaced = True
                space_width += max(0.0, char["x1"] - char["x0"])
            continue
        gap = char["x0"] - previous["x1"] if previous is not None else 0.0
        pieces.append((char, gap - space_width, spaced))
        previous = char
        spaced = False
        space_width = 0.0
    tabular = any(gap >= TAB_EM * size for _, gap, _ in pieces[1:])
    out: list[str] = []
    length = 0
    glued = []
    fields = []  # [x0, x1, text] of each TAB-separated field
    for index, (char, gap, spaced) in enumerate(pieces):
        text = char["text"]
        if index:
            before = out[-1][-1:]
            number_start = (gap >= 0.5 and (text[:1].isdigit() or text[:1] in "+-—")
                            and not (before.isdigit() or before in ".,%+-"))
            separator = ""
            if gap >= TAB_EM * size or (tabular and number_start):
                separator = "\t"  # a cell boundary (or a tab stop right after its label)
            elif spaced:
                separator = " "
            elif (gap >= WORD_EM * size and before.isascii() and before.isalnum()
                  and text[:1].isascii() and text[:1].isalnum()):
                separator = " "
            if separator:
                out.append(separator)
                length += len(separator)
            elif number_start:
                glued.append(length)
            if separator == "\t":
                fields.append([char["x0"], char["x1"], text])
            else:
                fields[-1][1] = char["x1"]
                fields[-1][2] += separator + text
        else:
            fields.append([char["x0"], char["x1"], text])
        out.append(text)
        length += len(text)
    return {"text": "".join(out), "tabular": tabular, "glued": glued, "fields": fields,
            "top": min(c["top"] for c in visible) if visible else chars[0]["top"],
            "bottom": max(c["bottom"] for c in visible) if visible else chars[0]["bottom"],
            "x0": visible[0]["x0"] if visible else 0, "x1": visible[-1]["x1"] if visible else 0,
            "size": size}


def _restore_blank_cells(lines: list) -> None:
    """Blank cells of a table typed with tabs: printed, two tabs look like one wider gap.

    The tab-stop distance is the shortest distance between consecutive numbers that at
    least four pairs share (within 2 %); when nine pairs in ten are a whole number of such
    stops apart (within 8 %), numbers two or more stops apart get an empty field for each
    stop skipped.  Tables whose columns are not evenly spaced are left alone."""
    distances = []
    for line in lines:
        if not line["tabular"]:
            continue
        fields = line["fields"]
        for left, right in zip(fields, fields[1:]):
            if _NUMBER.match(left[2]) and _NUMBER.match(right[2]):
                distances.append(right[0] - left[0])
    if len(distances) < 6:
        return
    distances.sort()
    step = next((d for d in distances if d > 0
                 and bisect_right(distances, d + 0.02 * d) - bisect_left(distances, d - 0.02 * d) >= 4), None)
    if step is None:
        return
    regular = sum(1 for d in distances if round(d / step) >= 1 and abs(d / step - round(d / step)) <= 0.08 * round(d / step))
    if regular * 10 < len(distances) * 9:
        return  # columns not evenly spaced: not tab stops
    for line in lines:
        if not line["tabular"]:
            continue
        fields = line["fields"]
        parts = [fields[0][2]]
        changed = False
        for left, right in zip(fields, fields[1:]):
            stops = (right[0] - left[0]) / step
            whole = round(stops)
            if (_NUMBER.match(left[2]) and _NUMBER.match(right[2]) and whole >= 2
                    and abs(stops - whole) <= 0.08 * whole):
                parts.append("\t" * whole + right[2])
                changed = True
            else:
                parts.append("\t" + right[2])
        if changed:
            line["text"] = "".join(parts)


def _split_glued_number(line: dict, above: dict | None, below: dict | None) -> None:
    """A table row typed with a tab and printed without rules, whose tab stop fell right
    after its label (``行政事业性收费12.5``, 0.9 pt apart): when the line next to it is
    tabular, cut the trailing number off with a TAB."""
    if line["tabular"] or not line["glued"]:
        return
    if not ((above and above["tabular"]) or (below and below["tabular"])):
        return
    text = line["text"]
    cut = line["glued"][-1]
    if cut <= 0 or not _NUMBER.match(text[cut:].strip()):
        return
    line["text"] = text[:cut].rstrip() + "\t" + text[cut:].lstrip()


# -- the whole document ---------------------------------------------------------------------------

def _check_text_layer(pages: list, images: int, path: str) -> None:
    total = sum(page.chars for page in pages)
    if total == 0:
        if images:
            raise InputError(i18n.fmt("{path}: no text layer: a scanned PDF needs OCR first",
                                      "{path}: 没有文字层：扫描版 PDF 需要先进行文字识别（OCR）", path=path))
        raise InputError(i18n.fmt("{path}: the PDF has no text", "{path}: PDF 中没有文字", path=path))
    cjk: dict = {}
    for page in pages:
        for char, count in page.cjk.items():
            cjk[char] = cjk.get(char, 0) + count
    cjk_total = sum(cjk.values())
    if cjk_total >= 200 and max(cjk.values()) * 2 > cjk_total:
        char = max(cjk, key=lambda found: cjk[found])
        raise InputError(i18n.fmt("{path}: the PDF's text layer is unreadable (most Chinese characters come out as "
                                  "“{char}”: the fonts were not embedded with their Unicode mapping); "
                                  "export the PDF again with embedded fonts, or OCR it",
                                  "{path}: PDF 的文字层无法识读（大部分汉字显示为“{char}”：字体未连同 Unicode 映射一起嵌入）；"
                                  "请重新导出嵌入字体的 PDF，或进行文字识别（OCR）", path=path, char=char))
    cid = sum(1 for page in pages for item in page.items if item[2] == "line" and "(cid:" in item[3])
    lines = sum(1 for page in pages for item in page.items if item[2] == "line")
    if lines and cid * 2 > lines:
        raise InputError(i18n.fmt("{path}: the PDF's text layer is unreadable (glyphs without a Unicode mapping, "
                                  "“(cid:N)”); export the PDF again with embedded fonts, or OCR it",
                                  "{path}: PDF 的文字层无法识读（字形没有 Unicode 映射，显示为“(cid:N)”）；"
                                  "请重新导出嵌入字体的 PDF，或进行文字识别（OCR）", path=path))


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _assemble(pages: list) -> list:
    """Per page: (number, [("line", text) | ("row", fields)]) with headers, footers and
    wrapped numbers dealt with (a list: a row cut by a page break is mended afterwards)."""
    margins: dict[str, int] = {}
    for page in pages:
        seen = set()
        for top, bottom, kind, value, _ in page.items:
            if kind == "line" and (bottom <= page.height * MARGIN or top >= page.height * (1 - MARGIN)):
                seen.add(_normal(value))
        for key in seen:
            margins[key] = margins.get(key, 0) + 1
    threshold = max(2, (len(pages) + 1) // 2)
    # Only lines with words repeat as headers and footers; a row of numbers is data.
    repeated = {key for key, count in margins.items() if count >= threshold and re.search(r"[^\W\d_]", key)}
    previous_table = None  # the last row list of the previous page, if the page ended with a table
    carried = None         # the previous page's last line, if it was a line: [out, index, extra, right]
    assembled = []
    for page in pages:
        out: list = []
        right = max((extra[2] for _, _, kind, _, extra in page.items if kind == "line"), default=0)
        last_line = None   # [out, index, extra, right, bottom] of the last line emitted
        if carried is not None:
            last_line = carried + [None]
        first_item = True
        for top, bottom, kind, value, extra in page.items:
            in_margin = bottom <= page.height * MARGIN or top >= page.height * (1 - MARGIN)
            if kind == "line":
                stripped = clean(value).strip()
                if last_line is not None and _continues(last_line, stripped, top):
                    target, index = last_line[0], last_line[1]
                    previous_text = target[index][1].rstrip()
                    if previous_text.lstrip().startswith("|"):
                        target[index] = ("line", previous_text + " " + stripped)
                    else:
                        fields = [f for f in re.split(r"[\t |]+", stripped) if f]
                        target[index] = ("line", previous_text + "\t" + "\t".join(fields))
                    last_line[4] = bottom
                    continue
                if in_margin and (page_number(stripped) or _normal(stripped) in repeated):
                    continue
                if out and out[-1][0] == "line":
                    joined = _join_wrapped(out[-1][1], stripped)
                    if joined is not None:
                        out[-1] = ("line", joined)
                        continue
                out.append(("line", value))
                last_line = [out, len(out) - 1, extra, right, bottom]
                first_item = False
                continue
            rows = value
            if first_item and previous_table is not None and rows and _is_row_tail(rows[0], previous_table):
                _merge_row(previous_table, rows[0])
                rows = rows[1:]
            for row in rows:
                out.append(("row", row))
            last_line = None
            first_item = False
        previous_table = out[-1][1] if out and out[-1][0] == "row" else None
        if last_line is not None and last_line[0] is out and out and last_line[1] == len(out) - 1:
            carried = last_line[:4]
        elif not out and carried is not None:
            pass  # an empty page (or only furniture): the line before it may still go on
        else:
            carried = None
        assembled.append((page.number, out))
    return assembled


def _continues(last_line: list, text: str, top: float) -> bool:
    """Is this line of numbers the end of the tabular line before it, which ran into the
    right margin and wrapped (on this page, or at the top of the next)?"""
    fields = [f for f in re.split(r"[\t |]+", text) if f]
    if not fields or not all(_NUMBER.match(f) for f in fields):
        return False
    target, index, extra, right, bottom = last_line
    if target[index][0] != "line":
        return False
    tabular, _, x1, size = extra
    if bottom is not None and top - bottom > 1.5 * size:
        return False  # not the next printed line (a footer's page number, say)
    previous_text = target[index][1].rstrip()
    piped = previous_text.lstrip().startswith("|")
    tail = "|" if previous_text.endswith("|") else re.split(r"[\t |]+", previous_text)[-1]
    return (tabular or piped) and (tail == "|" or bool(_NUMBER.match(tail))) and x1 >= right - 3 * size


def _join_wrapped(previous: str, current: str) -> str | None:
    """Hyphenation residue and URLs cut at the end of a line: the joined line, or None."""
    head = previous.rstrip()
    if re.search(r"[A-Za-z]-$", head) and re.match(r"[a-z]", current):
        return head[:-1] + current
    if _URL_TAIL.search(head) and _URL_CHAR.match(current) and current[:1].isascii():
        if head.endswith(("/", ".", "-", "_", "=", "&", "?")):
            return head + current
    return None


def _is_row_tail(row: list, previous: list) -> bool:
    """Is this first row of a page the rest of the previous page's last row (cut by the break)?"""
    if len(row) != len(previous):
        return False
    texts = [field for field in row if field]
    return bool(texts) and not any(_NUMBER.match(field) for field in texts)


def _merge_row(previous: list, tail: list) -> None:
    for index, text in enumerate(tail):
        if not text:
            continue
        before = previous[index]
        glue = "" if (before and is_cjk(before[-1]) and is_cjk(text[0])) or not before else " "
        previous[index] = before + glue + text
