"""Reports saved from a government portal (.html, .htm, .shtml, .xhtml).

Decoding: a byte-order mark, else the charset a ``<meta charset>`` or ``<meta http-equiv
content="…; charset=gbk">`` (or an XML declaration) names, else UTF-8, else GB18030.
GB2312 and GBK pages are decoded as GB18030, their superset.

The page is parsed with the standard library's ``html.parser`` into a small tree (with the
implied end tags HTML has: ``<p>``, ``<li>``, ``<td>``, ``<tr>`` …).  The report body is
found by weight: from ``<body>``, go down into the child element holding most of the text
(link text does not count: menus are links) while it holds at least 60 % of it.  Scripts,
styles, forms, ``<nav>``, ``<aside>``, page ``<header>``/``<footer>``, hidden elements and
elements whose class or id says navigation, breadcrumb, share bar or copyright are never
text.  When the title is outside the body found (portals print it in an ``<h1>`` above the
article), the nearest heading-like line before it that names a 报告 is put first; failing
that, the page's ``<title>``.

Rendering: each block element (``<p>``, ``<div>``, ``<h1>`` …, ``<li>``) and each ``<br>``
ends a line; white space is collapsed as a browser does, except that a line break between
two Chinese characters disappears.  A ``<table>`` is rendered one row per line, cells
separated by TAB, ``rowspan``/``colspan`` resolved as for Word (a cell spanning columns is
one field, one spanning rows gives its text to its first row and an empty field below);
a table that holds another table, or a single cell, is page layout and is rendered as blocks.

Location: {"table": T, "row": R, "column": C, "html_line": L} for a table cell (T counts
the tables rendered as tables, C the grid column), {"element": "p", "html_line": L} for other
text; ``html_line`` is the line of the element's start tag in the saved file.

Limits (each refusal names the limit it hit): a page over 4 MB, with more than 100,000
elements, whose tables span more than 200,000 grid cells in all (the cells a rowspan or
colspan covers count: a table-3 has 280), that takes more than 20 s to read or renders to
more than 5 million characters is an input error; nesting deeper than 200 elements is
flattened.  Before ``html.parser`` sees the page, markup it could never close is made text
(``<`` that starts no tag, any ``<`` after the last ``>``, ``<!--`` after the last ``-->``) and
``<![…]>`` becomes a bogus comment, as a browser reads it: the standard library's parser
rescans such constructs to the end of the page once each, which is quadratic.
"""
from __future__ import annotations

import codecs
import re
from typing import Collection

from govlint.support import i18n
from govlint.source import InputError, Source
from govlint.source.readers import reader
from govlint.grammar.shapes import is_cjk
from govlint.source.readers.render import Budget, GridCell, TextBuilder, clean, grid_rows

MAX_BYTES = 4 * 1024 * 1024
MAX_ELEMENTS = 100_000
MAX_DEPTH = 200
DESCEND = 0.6

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr basefont "
                  "bgsound frame isindex spacer".split())
_SKIP = frozenset("script style noscript template head title iframe object embed svg math select option "
                  "textarea button input canvas video audio map link meta base frameset frame noframes "
                  "nav aside dialog".split())
_BLOCK = frozenset("address article aside blockquote body center dd details dialog dir div dl dt fieldset "
                   "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol "
                   "p pre section summary table tbody thead tfoot tr td th caption ul legend".split())
_P_CLOSERS = frozenset("address article aside blockquote center details dialog dir div dl fieldset figcaption "
                       "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
                       "summary table ul li dd dt".split())
_SCOPES = frozenset("td th table caption html body button object marquee template".split())
# tag → (open elements it closes, elements that bound the search)
_IMPLIED_END: dict[str, tuple[tuple[str, ...], Collection[str]]] = {
    "li": (("li",), ("ul", "ol", "menu")),
    "dt": (("dt", "dd"), ("dl",)),
    "dd": (("dt", "dd"), ("dl",)),
    "td": (("td", "th"), ("tr", "table")),
    "th": (("td", "th"), ("tr", "table")),
    "tr": (("tr", "td", "th"), ("table", "thead", "tbody", "tfoot")),
    "thead": (("thead", "tbody", "tfoot", "tr", "td", "th"), ("table",)),
    "tbody": (("thead", "tbody", "tfoot", "tr", "td", "th"), ("table",)),
    "tfoot": (("thead", "tbody", "tfoot", "tr", "td", "th"), ("table",)),
}
_CHROME_NAME = re.compile(r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|share|sharebar|"
                          r"bdshare|toolbar|copyright|sidebar|topbar|friendlinks?|footer|foot)(?:$|[-_\s\d])",
                          re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_LEADING_JUNK = re.compile(r"^(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.S)
_TITLE = re.compile(r"报告")
# Containers the report body may be found in; never descend into a paragraph or a list.
_LEAVES = frozenset("p h1 h2 h3 h4 h5 h6 li dt dd pre a strong b em i u caption label ul ol dl table tr".split())


# -- sniffing and decoding -------------------------------------------------------------------

def sniff(data: bytes) -> bool:
    head = data[:2048]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    else:
        if head.startswith(codecs.BOM_UTF8):
            head = head[3:]
        text = head.decode("latin-1")
    text = _LEADING_JUNK.sub("", text, count=1)[:20].lower()
    return text.startswith(("<!doctype html", "<html", "<head", "<body"))


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) of an HTML page: BOM, then the declared charset, then UTF-8, GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(i18n.fmt("{path}: starts with a {encoding} byte-order mark but byte {byte} "
                                          "cannot be decoded",
                                          "{path}: 文件以 {encoding} 字节顺序标记（BOM）开头，但第 {byte} 字节无法解码",
                                          path=path, encoding=encoding, byte=exc.start)) from None
    declared = None
    head = data[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match:
        declared = _encoding_name(match.group(1).decode("ascii", "replace"))
    candidates = []
    if declared in ("latin-1", "cp1252", "ascii"):
        candidates = ["utf-8", "gb18030", "cp1252"]  # a label Chinese pages use wrongly
    elif declared:
        candidates = [declared, "utf-8", "gb18030"]
    else:
        candidates = ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
        except LookupError:
            continue
    if declared:
        try:
            return data.decode(declared, errors="replace"), declared
        except LookupError:
            pass
    assert first_error is not None  # utf-8, always a candidate, raises no LookupError
    raise InputError(i18n.fmt("{path}: cannot be decoded as {encodings} (byte {byte}); save the page as UTF-8",
                              "{path}: 无法按 {encodings_zh} 解码（第 {byte} 字节）；请将网页另存为 UTF-8 编码",
                              path=path, encodings=" or ".join(candidates), encodings_zh=" 或 ".join(candidates),
                              byte=first_error.start))


def _encoding_name(label: str) -> str | None:
    label = label.strip().lower()
    if label in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "csgb2312", "chinese",
                 "iso-ir-58", "euc-cn", "windows-936", "ms936"):
        return "gb18030"
    if label in ("big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"):
        return "big5hkscs"
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252", "l1"):
        return "latin-1" if label not in ("us-ascii", "ascii") else "ascii"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# -- the tree ----------------------------------------------------------------------------------

class Node:
    __slots__ = ("tag", "attrs", "children", "parent", "line", "weight", "size")

    def __init__(self, tag: str, attrs: dict, parent: "Node | None", line: int):
        self.tag = tag
        self.attrs = attrs
        self.children: list = []
        self.parent = parent
        self.line = line
        self.weight = 0  # characters of text below (links and skipped parts excepted)
        self.size = 1    # elements below, itself included


_NOT_MARKUP = re.compile(r"<(?![A-Za-z/!?])")
_LT = "\ufdd0"  # a noncharacter standing for a "<" that is text, until the parser has passed it


def defuse(text: str) -> str:
    """The page with the markup ``html.parser`` would rescan to the end of the page once per
    occurrence (quadratic: 4 MB of ``<?`` took minutes) made what a browser makes of it.

    ``<`` that starts no tag is text; so is every ``<`` after the last ``>`` (nothing after
    it can be closed) and every ``<!--`` after the last ``-->`` (an unclosed comment);
    ``<![…]>`` (CDATA, Word's ``<![if !supportLists]>``) is a bogus comment ending at the
    next ``>``.  Each step is one linear pass; afterwards every construct the parser meets
    finds its end, so parsing is linear too.  A ``<`` that is text becomes ``_LT`` (not
    ``&lt;``: a million character references cost seconds to unescape), turned back into
    ``<`` as the tree takes the text."""
    text = text.replace(_LT, "")
    text = _NOT_MARKUP.sub(_LT, text)
    last = text.rfind(">")
    if text.find("<", last + 1) >= 0:
        text = text[:last + 1] + text[last + 1:].replace("<", _LT)
    close = None
    for close in _COMMENT_CLOSE.finditer(text):
        pass
    end = close.end() if close is not None else 0
    if text.find("<!--", end) >= 0:
        text = text[:end] + text[end:].replace("<!--", _LT + "!--")
    return text.replace("<![", "<!-[")


_COMMENT_CLOSE = re.compile(r"--\s*>")


class _TreeBuilder:
    def __init__(self, path: str, budget: Budget):
        from html.parser import HTMLParser  # the standard library's (absolute import)

        builder = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                builder.start(tag, attrs, self.getpos()[0])

            def handle_startendtag(self, tag, attrs):
                builder.start(tag, attrs, self.getpos()[0])
                if tag not in _VOID:
                    builder.end(tag)

            def handle_endtag(self, tag):
                builder.end(tag)

            def handle_data(self, data):
                builder.data(data)

            def handle_comment(self, data):
                budget.check()

            handle_decl = handle_pi = unknown_decl = handle_comment

        self.parser = Parser(convert_charrefs=True)
        self.path = path
        self.budget = budget
        self.root = Node("#root", {}, None, 1)
        self.stack = [self.root]
        self.open: dict[str, int] = {}  # how many elements of each tag are on the stack
        self.elements = 0
        self.pending: list[str] = []  # text of the open element since its last child (joined once)

    def feed(self, text: str) -> Node:
        try:
            self.parser.feed(defuse(text))
            self.parser.close()
        except AssertionError as exc:  # _markupbase's way of saying a declaration is malformed
            raise InputError(i18n.fmt("{path}: not a readable HTML page ({error})",
                                      "{path}: 无法读取此 HTML 网页（{error}）", path=self.path, error=exc)) from None
        self._flush()
        return self.root

    def _flush(self) -> None:
        if self.pending:
            text = "".join(self.pending).replace(_LT, "<")
            self.pending = []
            parent = self.stack[-1]
            if parent.children and isinstance(parent.children[-1], str):
                parent.children[-1] += text
            else:
                parent.children.append(text)

    def _close_to(self, index: int) -> None:
        for node in self.stack[index:]:
            self.open[node.tag] -= 1
        del self.stack[index:]

    def start(self, tag: str, attrs, line: int) -> None:
        self._flush()
        attrs = [(k, v.replace(_LT, "<") if v and _LT in v else v) for k, v in attrs[:32]]
        self.budget.check()
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise InputError(i18n.fmt("{path}: the page has more than {limit:,} elements (the element limit); "
                                      "not a report page",
                                      "{path}: 网页元素超过 {limit:,} 个（元素上限），不是报告页面",
                                      path=self.path, limit=MAX_ELEMENTS))
        # Elements HTML closes implicitly: a new <p> closes the open <p>, a new <td> the open cell …
        closes: list[tuple[tuple[str, ...], Collection[str]]] = [(("p",), _SCOPES)] if tag in _P_CLOSERS else []
        if tag in _IMPLIED_END:
            closes.append(_IMPLIED_END[tag])
        for names, boundaries in closes:
            index = self._open_within(names, boundaries)
            if index is not None:
                self._close_to(index)
        parent = self.stack[-1]
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent, line)
        parent.children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)
            self.open[tag] = self.open.get(tag, 0) + 1

    def _open_within(self, names, boundaries) -> int | None:
        if not any(self.open.get(name) for name in names):
            return None
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in names:
                return index
            if tag in boundaries or tag == "table":
                return None
        return None

    def end(self, tag: str) -> None:
        if tag == "br":
            self.start("br", [], self.parser.getpos()[0])
            return
        self._flush()
        self.budget.check()
        if not self.open.get(tag):
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                self._close_to(index)
                return
            if self.stack[index].tag in ("table",) and tag not in ("table",):
                return  # an end tag that does not close anything inside the table

    def data(self, text: str) -> None:
        self.budget.check()
        self.pending.append(text)


def _skipped(node: Node) -> bool:
    tag = node.tag
    if tag in _SKIP:
        return True
    attrs = node.attrs
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if tag in ("header", "footer"):
        ancestor = node.parent
        while ancestor is not None:
            if ancestor.tag in ("article", "main"):
                return tag == "footer"
            ancestor = ancestor.parent
        return True
    for name in ("id", "class"):
        value = attrs.get(name)
        if value and _CHROME_NAME.search(value):
            return True
    return False


def _weigh(root: Node) -> None:
    """Each element's weight: characters of text below it, link text and skipped parts excluded."""
    order = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        for child in node.children:
            if isinstance(child, Node) and not _skipped(child):
                stack.append(child)
    for node in reversed(order):
        weight = 0
        size = 1
        for child in node.children:
            if isinstance(child, str):
                if node.tag != "a":
                    weight += len(child) - child.count(" ") - child.count("\n") - child.count("\t")
            elif not _skipped(child):
                weight += child.weight if child.tag != "a" else 0
                size += child.size
        node.weight = weight
        node.size = size


def _find(root: Node, tag: str) -> Node | None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == tag:
            return node
        stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))
    return None


def _content_root(root: Node) -> Node:
    """Go down from <body> into the child holding most of the text while it holds most of it;
    stop above a data table (the report's tables and the prose around them belong together)."""
    node = _find(root, "body") or root
    while True:
        children = [c for c in node.children if isinstance(c, Node) and not _skipped(c)]
        if not children or node.weight == 0:
            return node
        best = max(children, key=lambda c: c.weight)
        if best.weight < DESCEND * node.weight:
            return node
        if best.tag in _LEAVES and not (best.tag in ("table", "tr") and not _is_data_table(best)):
            return node  # a paragraph or a data table: the report is it and what is around it
        node = best


MAX_CELL_TEXT = 300  # a cell holding more text than this is page layout (report cells are labels)


def _is_data_table(table: Node) -> bool:
    """A table of data, not page layout: no table inside it, two cells or more, none of them
    holding a page of text."""
    cells = 0
    stack = [c for c in table.children if isinstance(c, Node)]
    while stack:
        node = stack.pop()
        if node.tag == "table":
            return False
        if node.tag in ("td", "th"):
            cells += 1
            if node.weight > MAX_CELL_TEXT:
                return False
        stack.extend(c for c in node.children if isinstance(c, Node))
    return cells >= 2


# -- rendering ---------------------------------------------------------------------------------

class _Renderer:
    def __init__(self, budget: Budget):
        self.budget = budget
        self.builder = TextBuilder(budget)
        self.buffer: list[str] = []
        self.place: dict = {}
        self.tables = 0

    def flush(self) -> None:
        if self.buffer:
            text = _collapse("".join(self.buffer))
            self.buffer = []
            if text:
                self.builder.line(text, self.place)

    def render(self, node: Node, depth: int = 0) -> None:
        for child in node.children:
            if isinstance(child, str):
                if not self.buffer:
                    self.place = {"element": node.tag, "html_line": node.line}
                self.buffer.append(child)
                continue
            if _skipped(child):
                continue
            tag = child.tag
            if tag == "br":
                self.flush()
                continue
            if tag == "table":
                self.flush()
                if _is_data_table(child):
                    self.table(child)
                else:
                    self.render(child, depth + 1)
                    self.flush()
                continue
            if tag == "pre":
                self.flush()
                for line in _text_of(child, keep_lines=True).split("\n"):
                    self.builder.line(clean(line).rstrip(), {"element": "pre", "html_line": child.line})
                continue
            block = tag in _BLOCK or tag in ("img", "hr")
            if block:
                self.flush()
                self.place = {"element": tag, "html_line": child.line}
            self.render(child, depth + 1)
            if block:
                self.flush()

    def table(self, table: Node) -> None:
        self.tables += 1
        rows = []
        for tr in _rows(table):
            cells = []
            for cell in tr.children:
                if not isinstance(cell, Node) or cell.tag not in ("td", "th") or _skipped(cell):
                    continue
                cells.append(GridCell(_text_of(cell), _span(cell.attrs.get("colspan")),
                                      _span(cell.attrs.get("rowspan")), {"html_line": cell.line}))
            rows.append((tr, cells))
        caption = next((c for c in table.children if isinstance(c, Node) and c.tag == "caption"), None)
        if caption is not None:
            self.builder.line(_collapse(_text_of(caption)), {"element": "caption", "html_line": caption.line})
        grid = grid_rows([cells for _, cells in rows], self.budget)
        for number, ((tr, _), fields) in enumerate(zip(rows, grid), 1):
            located = []
            column = 0
            for text, place in fields:
                column += 1
                located.append((text, {"table": self.tables, "row": number, "column": column,
                                       "html_line": place.get("html_line", tr.line)}))
            self.builder.row(located)


def _rows(table: Node):
    for child in table.children:
        if not isinstance(child, Node) or _skipped(child):
            continue
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip().rstrip(";")), 1000))
    except (TypeError, ValueError):
        return 1


def _text_of(node: Node, keep_lines: bool = False) -> str:
    """The text under a node: block boundaries and <br> as line breaks (cell_text joins them)."""
    out: list[str] = []
    stack: list = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item is not node and _skipped(item):
            continue
        if item.tag == "br":
            out.append("\n")
            continue
        block = item is not node and (item.tag in _BLOCK)
        if block:
            out.append("\n")
            stack.append("\n")
        stack.extend(reversed(item.children))
    text = "".join(out)
    if keep_lines:
        return text
    return "\n".join(_collapse(line) for line in text.split("\n"))


def _collapse(text: str) -> str:
    """White space as a browser shows it; a line break between two CJK characters vanishes."""
    text = clean(text)

    def space(match):
        run = match.group()
        if "\n" in run or "\r" in run:
            start, end = match.start(), match.end()
            if 0 < start and end < len(text) and is_cjk(text[start - 1]) and is_cjk(text[end]):
                return ""
        return " "
    return _SPACE_RUN.sub(space, text).strip()


def _title_lines(root: Node, content: Node, body: str) -> list[tuple[str, dict]]:
    """The report's title when the content found does not start with it: the nearest short
    text naming a 报告 before the content, else the page's <title> (without the site name)."""
    head = [line for line in body.split("\n")[:6] if line.strip()]
    if any(_TITLE.search(line) and len(line.strip()) <= 60 for line in head[:3]):
        return []
    candidate = None
    stack = [_find(root, "body") or root]
    while stack:
        node = stack.pop()
        if node is content:
            break
        if _skipped(node):
            continue
        if node.weight <= 120 and node.size <= 64 and node.tag in ("h1", "h2", "h3", "h4", "p", "div", "td", "span", "strong", "b",
                                               "font", "center"):
            text = _collapse(_text_of(node))
            if text and len(text) <= 80 and _TITLE.search(text) and re.search(r"\d{4}|年度", text):
                candidate = (text, {"element": node.tag, "html_line": node.line})
                continue
        stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))
    if candidate is None:
        title = _find(root, "title")
        if title is not None:
            text = _collapse(_text_of(title))
            text = re.split(r"\s*[_|]\s*|\s+[-–—]\s+", text)[0] if text else ""
            if text and _TITLE.search(text):
                candidate = (text, {"element": "title", "html_line": title.line})
    return [candidate] if candidate else []


@reader("html", (".html", ".htm", ".shtml", ".xhtml"), sniff)
def read_html(data: bytes, path: str) -> Source:
    return _read(data, path)



def _read(data: bytes, path: str) -> Source:
    if len(data) > MAX_BYTES:
        raise InputError(i18n.fmt("{path}: the page is {size:.1f} MB; govlint reads pages up to {mb} MB "
                                  "(the size limit; save the report itself, not a page with it embedded)",
                                  "{path}: 网页大小为 {size:.1f} MB；govlint 最多读取 {mb} MB 的网页"
                                  "（大小上限；请保存报告本身，而不是嵌有报告的网页）",
                                  path=path, size=len(data) / 1024 / 1024, mb=MAX_BYTES // 1024 // 1024))
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(i18n.fmt("{path}: binary file (contains NUL bytes), not an HTML page",
                                  "{path}: 这是二进制文件（含 NUL 字节），不是 HTML 网页", path=path))
    budget = Budget(path, i18n.msg("the page", "网页"))
    text, encoding = decode_html(data, path)
    try:
        root = _TreeBuilder(path, budget).feed(text)
        budget.check()
        _weigh(root)
        content = _content_root(root)
        renderer = _Renderer(budget)
        renderer.place = {"element": content.tag, "html_line": content.line}
        renderer.render(content)
        renderer.flush()
    except InputError:
        raise
    except RecursionError:
        raise InputError(i18n.fmt("{path}: the page nests elements too deeply to read",
                                  "{path}: 网页元素嵌套层次过深，无法读取", path=path)) from None
    builder = renderer.builder
    title = _title_lines(root, content, builder.text())
    if title:
        final = TextBuilder(budget)
        for line, place in title:
            final.line(line, place)
        final.extend(builder)
        builder = final
    if not builder.text().strip():
        raise InputError(i18n.fmt("{path}: the page has no text", "{path}: 网页中没有文字", path=path))
    return Source(builder.text(), path, encoding=encoding, kind="html", locator=builder.locator())
