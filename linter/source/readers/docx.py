"""Word drafts (.docx): paragraphs and tables in document order.

Rendering: each body paragraph is one line; each table row is one line with its cells
separated by TAB (a cell spanning columns is one field; a cell merged down over several
rows — ``w:vMerge`` — gives its text to its first row and an empty field to the rows
below, which is how table 3's group labels 三、本年度办理结果 / （三）不予公开 … are typed
in a text report).  Numbers that Word's automatic numbering draws (``一、`` ``（一）``
``1.``) are written out in front of the paragraph text, counted per list as Word counts
them, for the usual formats (Chinese counting, decimal, letters, roman, circled digits).
Deleted revisions, moved-from text and hidden runs are left out; page headers and
footers, footnotes and comments are not part of the body and are not read.

Location: {"paragraph": N} (the N-th paragraph of the body, empty ones included, as
Word's paragraph list counts them) or {"table": T, "row": R, "column": C} (1-based;
C is the grid column where the cell starts).

Merged cells are read from the XML (``w:gridSpan``, ``w:vMerge``, legacy ``w:hMerge``), not
from python-docx's ``row.cells`` (which repeats a merged cell in every grid position it
covers): each physical cell is one field, a ``vMerge="continue"`` cell an empty field.

Limits (each refusal names the limit it hit).  The file is checked as a zip before
python-docx parses it: more than 5,000 members, more than 50 MB unpacked (counted while
every member is inflated, whatever the zip's headers claim), an XML part of more than 20 MB,
or a member of more than 10 MB that expands more than 200 times (a zip bomb; repetitive
XML, such as many identical empty tables, compresses 100–300 times at smaller sizes and is
read) is an input error; so is an old binary .doc or an encrypted document (OLE compound
files).  Reading stops after 20 s or 5 million characters of text.  A list number above
10,000 is written as a decimal number whatever the list's format (a list starting at 10⁹
drawn as letters would be 38 million letters long).

Picked by suffix (a .docx that is not a zip is an input error, not read as text) or by
content (a Word document saved as .txt).
"""
from __future__ import annotations

import io
import re
from typing import Any, overload

from govlint.grammar.shapes import CHINESE_DIGITS, PRINTED_NUMBERING_PATTERN, chinese_numeral
from govlint.support import i18n
from govlint.source import InputError, Source
from govlint.source.readers import reader
from govlint.source.readers.render import Budget, TextBuilder, cell_text, clean

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all members together, counted as they inflate
MAX_XML = 20 * 1024 * 1024           # one XML part (python-docx holds its tree in memory)
MAX_MEMBERS = 5000
MAX_RATIO = 200                      # prose XML deflates 5–30×, identical tables up to 300×, zeros 1000×
RATIO_FLOOR = 10 * 1024 * 1024       # members smaller than this may compress as they like
MAX_LIST_NUMBER = 10_000             # a larger list number is written as a decimal number
MAX_LEVEL_TEXT = 255                 # characters of a numbering level's text (Word's own limit is lower)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R, _T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r", _W + "t"
_VAL = _W + "val"
_SKIP_CONTAINERS = frozenset([_W + "del", _W + "moveFrom", _W + "rPr", _W + "pPr", _W + "tcPr", _W + "trPr",
                              _W + "tblPr", _W + "sectPr", _MC + "Fallback", _W + "instrText",
                              _W + "delText", _W + "fldData"])
# A list number Word put before a tab ("一、\t总体情况"): heading, sub-heading or item numbering.
_ORDINAL_TAB = re.compile(r"^(\s*(?:%s))\t+" % PRINTED_NUMBERING_PATTERN)


# Elements that only wrap content (content controls, custom XML, insertions): looked through.
_ROW_WRAPPERS = frozenset([_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"])
_BLOCK_WRAPPERS = _ROW_WRAPPERS | {_W + "smartTag", _MC + "AlternateContent", _MC + "Choice"}


def _descendants(element, wanted: tuple, wrappers: frozenset):
    """The ``wanted`` elements below ``element``, in order, looking through ``wrappers`` only."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag in wanted:
            yield child
        elif child.tag in wrappers:
            stack.append(iter(child))


def sniff(data: bytes) -> bool:
    """A zip whose member names mention word/ (a .docx saved under another name)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"word/" in data[:65536] or b"word/document.xml" in data[-65536:]


@reader("docx", (".docx",), sniff)
def read_docx(data: bytes, path: str) -> Source:
    """A .docx by its suffix, or a Word document under another name (a bad one is an input error)."""
    return _read(data, path)



def _read(data: bytes, path: str) -> Source:
    budget = Budget(path, i18n.msg("the Word document", "Word 文档"))
    _check_zip(data, path)
    try:
        import docx  # python-docx (absolute import: this module is govlint.source.readers.docx)
    except ImportError:
        raise InputError(i18n.fmt("{path}: reading Word documents needs python-docx (pip install python-docx)",
                                  "{path}: 读取 Word 文档需要 python-docx（pip install python-docx）",
                                  path=path)) from None
    try:
        document = docx.Document(io.BytesIO(data))
        budget.check()
        renderer = _Renderer(document, budget)
        renderer.render(document.element.body)
    except InputError:
        raise
    except RecursionError:
        raise InputError(i18n.fmt("{path}: the Word document nests too deeply to read",
                                  "{path}: Word 文档嵌套层次过深，无法读取", path=path)) from None
    except MemoryError:
        raise InputError(i18n.fmt("{path}: the Word document is too large to read (out of memory)",
                                  "{path}: Word 文档过大，无法读取（内存不足）", path=path)) from None
    except Exception as exc:  # python-docx and lxml raise many kinds; none may become a traceback
        raise InputError(i18n.fmt("{path}: cannot read the Word document ({error})",
                                  "{path}: 无法读取此 Word 文档（{error}）",
                                  path=path, error=f"{type(exc).__name__}: {exc}")) from None
    builder = renderer.builder
    if builder.empty:
        raise InputError(i18n.fmt("{path}: the Word document has no text", "{path}: Word 文档中没有文字", path=path))
    return Source(builder.text(), path, encoding="utf-8", kind="docx", locator=builder.locator())


def _check_zip(data: bytes, path: str) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(i18n.fmt("{path}: an old Word .doc or a password-protected document, not a .docx; "
                                  "save it as a .docx (Word 2007 or later) without a password",
                                  "{path}: 这是旧版 Word .doc 文件或设有密码的文档，不是 .docx。"
                                  "请另存为不设密码的 .docx（Word 2007 或更高版本）", path=path))
    if not data.startswith(b"PK"):
        raise InputError(i18n.fmt("{path}: not a .docx (a .docx is a zip archive; this file is not one)",
                                  "{path}: 不是 .docx 文件（.docx 是 zip 压缩包，此文件不是）", path=path))
    import zipfile
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(_broken_zip(path, exc)) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(i18n.fmt("{path}: the .docx archive has {count} members (the limit is {limit:,}); "
                                  "not a report", "{path}: .docx 压缩包有 {count} 个成员（上限为 {limit:,} 个），不是年度报告",
                                  path=path, count=len(members), limit=MAX_MEMBERS))
    names = set()
    declared = 0
    for info in members:
        names.add(info.filename)
        if info.flag_bits & 0x1:
            raise InputError(i18n.fmt("{path}: the .docx is encrypted (password-protected): save an unprotected copy",
                                      "{path}: 此 .docx 已加密（设有密码）：请另存一份不设密码的副本", path=path))
        declared += info.file_size
        if declared > MAX_UNCOMPRESSED:
            _too_big(path)
    if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
        raise InputError(i18n.fmt("{path}: a zip archive but not a Word document (no word/document.xml)",
                                  "{path}: 这是 zip 压缩包，但不是 Word 文档（没有 word/document.xml）", path=path))
    if "[Content_Types].xml" not in names:
        raise InputError(i18n.fmt("{path}: not a complete Word document (no [Content_Types].xml in the archive)",
                                  "{path}: Word 文档不完整（压缩包中没有 [Content_Types].xml）", path=path))
    # The headers may lie: inflate every member (a block at a time, nothing kept) and count.
    total = 0
    for info in members:
        size = 0
        try:
            with archive.open(info) as member:
                while True:
                    block = member.read(1024 * 1024)
                    if not block:
                        break
                    size += len(block)
                    total += len(block)
                    if total > MAX_UNCOMPRESSED:
                        _too_big(path)
                    if size > MAX_XML and info.filename.lower().endswith((".xml", ".rels")):
                        raise InputError(i18n.fmt(
                            "{path}: part {part} of the .docx unpacks to more than {mb} MB (the XML part size limit); "
                            "not a report", "{path}: .docx 的部件 {part} 解压后超过 {mb} MB（XML 部件大小上限），不是年度报告",
                            path=path, part=info.filename, mb=MAX_XML // 1024 // 1024))
        except InputError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
                RuntimeError, __import__("zlib").error) as exc:
            raise InputError(_broken_zip(path, exc)) from None
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(i18n.fmt(
                "{path}: member {part} of the .docx expands {ratio} times to {mb} MB (the limit is {limit} times "
                "for members over {floor} MB: a zip bomb?); not read",
                "{path}: .docx 的成员 {part} 解压后膨胀 {ratio} 倍，达 {mb} MB（超过 {floor} MB 的成员最多膨胀 {limit} 倍："
                "可能是 zip 炸弹），未读取",
                path=path, part=info.filename, ratio=size // max(info.compress_size, 1), mb=size // 1024 // 1024,
                limit=MAX_RATIO, floor=RATIO_FLOOR // 1024 // 1024))


def _too_big(path: str) -> None:
    raise InputError(i18n.fmt("{path}: the .docx would unpack to more than {mb} MB "
                              "(the unpacked-size limit: a zip bomb?); not read",
                              "{path}: .docx 解压后将超过 {mb} MB（解压大小上限：可能是 zip 炸弹），未读取",
                              path=path, mb=MAX_UNCOMPRESSED // 1024 // 1024))


def _broken_zip(path: str, exc: BaseException) -> i18n.Message:
    return i18n.fmt("{path}: not a readable .docx (broken zip archive: {error})",
                    "{path}: 无法读取此 .docx（zip 压缩包已损坏：{error}）", path=path, error=exc)


@overload
def _int(value: str | None, default: int) -> int: ...
@overload
def _int(value: str | None, default: None) -> int | None: ...


def _int(value: str | None, default: int | None) -> int | None:
    """A number attribute of the XML (at most 12 digits: int() of a million digits is slow)."""
    if value is None:
        return default
    value = value.strip()
    if not 0 < len(value) <= 12:
        return default
    try:
        return int(value)
    except ValueError:
        return default


# -- numbering --------------------------------------------------------------------------------

_LEGAL = "零壹贰叁肆伍陆柒捌玖"  # the numerals of amounts (Word's chineseLegalSimplified), with 拾 and 佰


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    table = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
             (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in table:
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    if number <= 0:
        return str(number)
    letter = chr(ord("A") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def format_number(number: int, fmt: str) -> str:
    """A list number as Word draws it for ``w:numFmt`` (a number above MAX_LIST_NUMBER, or
    below 0, is not a real list's: it is written as a decimal number, in O(digits))."""
    if fmt in ("none", "bullet"):
        return ""
    if not 0 <= number <= MAX_LIST_NUMBER:
        return str(number)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese_numeral(number)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_numeral(number, _LEGAL, "拾", "佰")
    if fmt in ("decimal", "decimalZero", "ordinal", "cardinalText", "ordinalText"):
        return f"{number:02d}" if fmt == "decimalZero" and number < 10 else str(number)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(number).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else str(number)
    if fmt == "decimalEnclosedParen":
        return _PAREN[number - 1] if 0 < number <= len(_PAREN) else f"({number})"
    if fmt == "decimalEnclosedFullstop":
        return _STOP[number - 1] if 0 < number <= len(_STOP) else f"{number}."
    if fmt == "upperLetter":
        return _letters(number)
    if fmt == "lowerLetter":
        return _letters(number).lower()
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "ideographTraditional":
        return _HEAVENLY[(number - 1) % 10] if number > 0 else str(number)
    if fmt == "ideographZodiac":
        return _EARTHLY[(number - 1) % 12] if number > 0 else str(number)
    if fmt == "ideographDigital":
        return "".join(CHINESE_DIGITS[int(d)] for d in str(number))
    return str(number)


class _Level:
    __slots__ = ("fmt", "text", "start", "suffix", "restart", "legal", "style")

    def __init__(self, element):
        def val(tag, default=None):
            child = element.find(_W + tag)
            return child.get(_VAL, default) if child is not None else default
        self.fmt = val("numFmt", "decimal")
        self.text = (val("lvlText", "") or "")[:MAX_LEVEL_TEXT]
        self.start = _int(val("start", "1"), 1)
        self.suffix = val("suff", "tab")
        restart = val("lvlRestart")
        self.restart = _int(restart, None) if restart and restart.isdigit() else None
        self.legal = element.find(_W + "isLgl") is not None
        self.style = val("pStyle")


class _Numbering:
    """Word's numbering.xml: which list and level a paragraph belongs to, and its number."""

    def __init__(self, document: Any) -> None:  # a python-docx Document
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self._load(document)

    def _load(self, document) -> None:
        root = None
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                root = getattr(rel.target_part, "element", None)
                break
        if root is not None:
            for abstract in root.iter(_W + "abstractNum"):
                levels = {}
                for lvl in abstract.iter(_W + "lvl"):
                    ilvl = _int(lvl.get(_W + "ilvl", "0"), None)
                    if ilvl is not None:
                        levels[ilvl] = _Level(lvl)
                self.abstract[abstract.get(_W + "abstractNumId", "")] = levels
            for num in root.iter(_W + "num"):
                ref = num.find(_W + "abstractNumId")
                overrides = {}
                for override in num.iter(_W + "lvlOverride"):
                    start = override.find(_W + "startOverride")
                    if start is not None:
                        ilvl = _int(override.get(_W + "ilvl", "0"), None)
                        if ilvl is not None:
                            overrides[ilvl] = _int(start.get(_VAL, "1"), 1)
                self.nums[num.get(_W + "numId", "")] = (ref.get(_VAL, "") if ref is not None else "", overrides)
        try:
            styles = document.styles.element
        except Exception:
            return
        for style in styles.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            based = style.find(_W + "basedOn")
            if based is not None:
                self.style_based[style_id] = based.get(_VAL, "")
            ppr = style.find(_W + "pPr")
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                self.style_num[style_id] = _num_pr(numpr)

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_num:
                num_id, level = self.style_num[style_id]
                if level is None:
                    level = self._level_for_style(num_id, style_id)
                return num_id, level
            style_id = self.style_based.get(style_id)
        return None, None

    def _level_for_style(self, num_id: str | None, style_id: str) -> int:
        abstract_id, _ = self.nums.get(num_id or "", ("", {}))
        for ilvl, level in self.abstract.get(abstract_id, {}).items():
            if level.style == style_id:
                return ilvl
        return 0

    def label(self, paragraph) -> str:
        """The number Word draws in front of this paragraph ('' for none)."""
        if not self.nums:
            return ""
        ppr = paragraph.find(_W + "pPr")
        num_id = level = None
        style_id = None
        if ppr is not None:
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                num_id, level = _num_pr(numpr)
            style = ppr.find(_W + "pStyle")
            if style is not None:
                style_id = style.get(_VAL)
        if num_id is None or level is None:
            style_num, style_level = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            if level is None:
                level = style_level if style_level is not None else 0
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        this = levels.get(level)
        if this is None:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = overrides.get(level, this.start)
        counts[level] = counts[level] + 1 if level in counts else start
        for deeper in [key for key in counts if key > level]:
            # w:lvlRestart: absent, restart after any higher level; 0, never; n, after level n (1-based)
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and level < restart):
                del counts[deeper]
        if this.fmt == "bullet" or not this.text:
            return ""

        def number(match):
            index = int(match.group(1)) - 1
            lvl = levels.get(index)
            if lvl is None:
                return ""
            value = counts.get(index, overrides.get(index, lvl.start))
            fmt = "decimal" if this.legal and lvl.fmt not in ("none", "bullet") else lvl.fmt
            return format_number(value, fmt)
        text = re.sub(r"%([1-9])", number, this.text)
        if this.suffix == "space":
            text += " "
        return text


def _num_pr(numpr) -> tuple[str | None, int | None]:
    num = numpr.find(_W + "numId")
    ilvl = numpr.find(_W + "ilvl")
    level = None
    if ilvl is not None:
        level = _int(ilvl.get(_VAL, "0"), 0)
    return (num.get(_VAL) if num is not None else None), level


# -- rendering --------------------------------------------------------------------------------

def _hidden(run) -> bool:
    rpr = run.find(_W + "rPr")
    if rpr is None:
        return False
    for tag in ("vanish", "specVanish"):
        mark = rpr.find(_W + tag)
        if mark is not None and mark.get(_VAL, "true") not in ("0", "false", "off"):
            return True
    return False


def paragraph_text(paragraph, boxes: list | None = None) -> str:
    """The text a paragraph shows: runs, hyperlinks, fields' results, inserted revisions.

    Text boxes anchored in the paragraph are not part of its text; their paragraphs are
    appended to ``boxes`` when a list is given."""
    out: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_CONTAINERS:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag == _R:
            if not _hidden(child):
                stack.append(iter(child))
        elif tag == _W + "tab" or tag == _W + "ptab":
            out.append("\t")
        elif tag == _W + "br":
            if child.get(_W + "type") not in ("page", "column"):
                out.append("\n")
        elif tag == _W + "cr":
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "sym":
            code = child.get(_W + "char", "")
            font = (child.get(_W + "font") or "").lower()
            if code and "wingding" not in font and "symbol" not in font:
                try:
                    value = int(code, 16)
                    if value >= 0xF000:
                        value -= 0xF000
                    if value >= 0x20:
                        out.append(chr(value))
                except ValueError:
                    pass
        elif tag == _W + "txbxContent":
            if boxes is not None:
                boxes.extend(p for p in child.iter(_P))
        elif tag == _P:
            continue  # a paragraph inside something else (not a text box): not this paragraph's text
        else:
            stack.append(iter(child))
    return "".join(out)


class _Renderer:
    def __init__(self, document, budget: Budget):
        self.budget = budget
        self.builder = TextBuilder(budget)
        self.numbering = _Numbering(document)
        self.paragraphs = 0
        self.tables = 0

    def render(self, body) -> None:
        for child in self._blocks(body):
            if child.tag == _P:
                self.paragraphs += 1
                self._paragraph(child)
            else:
                self.tables += 1
                self._table(child, self.tables)

    def _blocks(self, container):
        """Paragraphs and tables of a body or cell, in order, through content controls."""
        return _descendants(container, (_P, _TBL), _BLOCK_WRAPPERS)

    def _paragraph(self, paragraph) -> None:
        place = {"paragraph": self.paragraphs}
        boxes: list = []
        text = self.numbering.label(paragraph) + paragraph_text(paragraph, boxes)
        for box in boxes:
            self.builder.line(paragraph_text(box).replace("\t", " "), place)
        text = _ORDINAL_TAB.sub(lambda m: m.group(1) + " ", text)
        self.builder.line(text, place)

    def _table(self, table, number: int) -> None:
        row_number = 0
        for row in self._rows(table):
            row_number += 1
            fields = []
            column = 0
            for cell in self._cells(row):
                self.budget.check()
                tcpr = cell.find(_W + "tcPr")
                span = 1
                vmerge = hmerge = None
                if tcpr is not None:
                    grid = tcpr.find(_W + "gridSpan")
                    if grid is not None:
                        span = max(1, _int(grid.get(_VAL, "1"), 1))
                    merge = tcpr.find(_W + "vMerge")
                    if merge is not None:
                        vmerge = merge.get(_VAL, "continue")
                    merge = tcpr.find(_W + "hMerge")
                    if merge is not None:
                        hmerge = merge.get(_VAL, "continue")
                place = {"table": number, "row": row_number, "column": column + 1}
                column += span
                if hmerge == "continue":
                    continue  # the legacy horizontal merge: part of the cell before
                if vmerge == "continue":
                    fields.append(("", place))  # merged down from the row above
                    continue
                fields.append((self._cell_text(cell), place))
            self.builder.row(fields)

    def _rows(self, table):
        for child in self._children(table, _TR):
            yield child

    def _cells(self, row):
        yield from self._children(row, _TC)

    @staticmethod
    def _children(element, wanted):
        return _descendants(element, (wanted,), _ROW_WRAPPERS)

    def _cell_text(self, cell) -> str:
        pieces = []
        for block in self._blocks(cell):
            self.budget.check()
            if block.tag == _P:
                label = self.numbering.label(block)
                boxes: list = []
                pieces.append(label + paragraph_text(block, boxes))
                pieces.extend(paragraph_text(box) for box in boxes)
            else:  # a table inside a cell: its text, row by row
                for row in self._rows(block):
                    pieces.append(" ".join(self._cell_text(c) for c in self._cells(row)))
        return cell_text("\n".join(clean(p).replace("\t", " ") for p in pieces))


__all__ = ["read_docx", "sniff", "format_number", "paragraph_text"]
