"""Deterministic mutation operators over report text, for tests/test_fuzz.py and benchmarks/fuzz.py.

A mutant is the text of a report run through a few text operators (delete, duplicate or
shuffle lines, digit and punctuation runs, control characters, line separators, headings,
table separators, very long lines ...), encoded (UTF-8, GB18030, UTF-16 with a BOM ...)
and sometimes damaged at the byte level (bit flips, a truncated multibyte character, a
magic number in front).  Everything derives from one integer seed:

    >>> m = mutate(text, seed=7)
    >>> m.data                      # the bytes to lint
    >>> m.describe()                # 'ops=[...] encoding=... bytes=[...]'
    >>> mutate(text, 7, m.ops, m.encoding, m.byte_ops).data == m.data
    True

The operators are chosen with ``Random(f"choose:{seed}")`` and applied with
``Random(f"apply:{seed}")``, so passing the chosen operators back in gives the same bytes
(and the fuzz test can let Hypothesis choose and shrink the operator list itself).

``sources()`` gives the texts to mutate: the repository's examples, reports of
benchmarks/generate.py and, when present, the real reports in ../shared.
"""
from __future__ import annotations

import codecs
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"

MAX_CHARS = 400_000      # a mutant's text is cut to this after each operator

TextOp = Callable[[random.Random, str], str]
ByteOp = Callable[[random.Random, bytes], bytes]
OPERATORS: dict[str, TextOp] = {}
BYTE_OPERATORS: dict[str, ByteOp] = {}


def _text_op(function: TextOp) -> TextOp:
    OPERATORS[function.__name__] = function
    return function


def _byte_op(function: ByteOp) -> ByteOp:
    BYTE_OPERATORS[function.__name__] = function
    return function


# -- helpers ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CELL_SPLIT = re.compile(r"\t|\s{2,}|\|")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _table_lines(lines: list[str]) -> list[int]:
    """Indexes of lines that look like table rows (tabs, pipes, or several numbers)."""
    return [i for i, line in enumerate(lines)
            if "\t" in line or line.count("|") >= 2 or len(_NUMBER.findall(line)) >= 3]


def _pick_line(rng: random.Random, lines: list[str], table: bool = False) -> int:
    candidates = _table_lines(lines) if table else []
    if not candidates:
        candidates = [i for i, line in enumerate(lines) if line.strip()] or list(range(len(lines)))
    return rng.choice(candidates)


def _insert_in_line(rng: random.Random, line: str, piece: str) -> str:
    at = rng.randint(0, len(line))
    return line[:at] + piece + line[at:]


def _insert_anywhere(rng: random.Random, text: str, piece: str, count: int = 1) -> str:
    for _ in range(count):
        at = rng.randint(0, len(text))
        text = text[:at] + piece + text[at:]
    return text


def _words(rng: random.Random, text: str, count: int = 3) -> str:
    """A few fragments of the text itself (so inserted lines read like the report)."""
    pieces = [p for p in re.split(r"[\s，。；：、,.;:]+", text) if p]
    if not pieces:
        return "政府信息公开"
    return "".join(rng.choice(pieces)[:12] for _ in range(count))


# -- line structure ---------------------------------------------------------------------------

@_text_op
def delete_lines(rng, text):
    lines = _lines(text)
    if len(lines) < 2:
        return ""
    start = rng.randrange(len(lines))
    length = rng.randint(1, max(1, len(lines) // rng.choice([3, 10, 40])))
    del lines[start:start + length]
    return "\n".join(lines)


@_text_op
def duplicate_lines(rng, text):
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(1, 20)]
    times = rng.choice([1, 1, 2, 5, 50])
    at = rng.choice([start, rng.randint(0, len(lines))])
    lines[at:at] = block * times
    return "\n".join(lines)


@_text_op
def swap_lines(rng, text):
    lines = _lines(text)
    for _ in range(rng.randint(1, 5)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@_text_op
def shuffle_lines(rng, text):
    lines = _lines(text)
    start = rng.randrange(len(lines))
    window = lines[start:start + rng.choice([3, 10, 30, len(lines)])]
    rng.shuffle(window)
    lines[start:start + len(window)] = window
    return "\n".join(lines)


@_text_op
def truncate(rng, text):
    at = rng.randint(0, len(text))
    return text[:at] if rng.random() < 0.7 else text[at:]


@_text_op
def splice(rng, text):
    """A chunk of the text copied into another place (mid-line, mid-table)."""
    start = rng.randint(0, len(text))
    chunk = text[start:start + rng.randint(1, 2000)]
    return _insert_anywhere(rng, text, chunk)


@_text_op
def repeat_document(rng, text):
    return text * rng.randint(2, 4)


@_text_op
def empty(rng, text):
    return rng.choice(["", "\n", " ", "\ufeff", "\n\n\n", "\t", "\u3000\n", "一、", "|", "\r\n" * 100])


@_text_op
def join_lines(rng, text):
    """Every line joined into one (a text with no line breaks)."""
    return rng.choice(["", " ", "\t", "  "]).join(_lines(text).copy())


# -- runs and long lines ----------------------------------------------------------------------

DIGIT_LENGTHS = [12, 19, 20, 40, 309, 400, 4300, 5000]


@_text_op
def digit_run(rng, text):
    """A long run of digits in a table cell (replacing a number) or in the prose."""
    lines = _lines(text)
    index = _pick_line(rng, lines, table=rng.random() < 0.7)
    digits = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.choice(DIGIT_LENGTHS) - 1))
    if rng.random() < 0.2:
        digits = "-" + digits
    if rng.random() < 0.2:
        digits += rng.choice(["件", "万元", "%", "元", ".5", ",000"])
    line = lines[index]
    numbers = list(_NUMBER.finditer(line))
    if numbers and rng.random() < 0.7:
        match = rng.choice(numbers)
        lines[index] = line[:match.start()] + digits + line[match.end():]
    else:
        lines[index] = _insert_in_line(rng, line, digits)
    return "\n".join(lines)


PUNCT = "-_—–《》〔〕［］【】@.．·…=*#~|/\\、，。：:（(）)\"'“”`<>&%+^!！?？;；,０1-_．@"
RUN_LENGTHS = [3, 48, 200, 1000, 5000, 20000]


@_text_op
def punct_run(rng, text):
    """A run of one repeated punctuation character (or a short pattern), as a line or inside one."""
    unit = rng.choice(PUNCT)
    if rng.random() < 0.2:
        unit = rng.choice(["《", "〔2021〕", "@a.", "a@", "《《》", "-x", "._", "〔", "（一）", "1.", "http://"])
    run = unit * rng.choice(RUN_LENGTHS)
    if rng.random() < 0.3:
        run += rng.choice(["x", "号", "》", "@example.com", "〕30号", "1"])
    lines = _lines(text)
    index = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines.insert(index, run)
    else:
        lines[index] = _insert_in_line(rng, lines[index], run)
    return "\n".join(lines)


def _long_content(rng: random.Random, text: str, length: int) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        seed = text.replace("\n", "")[:5000] or "政府信息公开"
        return (seed * (length // len(seed) + 1))[:length]
    if kind == 1:
        return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(length))
    if kind == 2:
        return ("1\t" * (length // 2))[:length]
    if kind == 3:
        return ("一、本予以公开" * length)[:length]
    if kind == 4:
        return " ".join(str(rng.randint(0, 999)) for _ in range(length // 4))[:length]
    return "".join(rng.choice("ab 1-_.@《》〔〕\t") for _ in range(length))


@_text_op
def long_line(rng, text):
    """A line of about 10^5 characters (or a few thousand)."""
    length = rng.choice([5000, 30000, 100000])
    lines = _lines(text)
    piece = _long_content(rng, text, length)
    if rng.random() < 0.6:
        lines.insert(rng.randint(0, len(lines)), piece)
    else:
        index = rng.randrange(len(lines))
        lines[index] = _insert_in_line(rng, lines[index], piece)
    return "\n".join(lines)


# -- characters -------------------------------------------------------------------------------

CONTROLS = "\x0c\x0b\x00\x1b\x07\x08\x7f\x1c\x1d\x1e\x1f\x01"


@_text_op
def control_chars(rng, text):
    count = rng.choice([1, 3, 20, 200])
    char = rng.choice(CONTROLS)
    for _ in range(count):
        text = _insert_anywhere(rng, text, char if rng.random() < 0.7 else rng.choice(CONTROLS))
    return text


SEPARATORS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\r"]


@_text_op
def line_separators(rng, text):
    """Some newlines replaced by (or some separators inserted as) U+2028, U+2029, U+0085 ..."""
    separator = rng.choice(SEPARATORS)
    share = rng.choice([0.1, 0.5, 1.0])
    parts = _lines(text)
    out = [parts[0]]
    for part in parts[1:]:
        out.append(separator if rng.random() < share else "\n")
        out.append(part)
    text = "".join(out)
    if rng.random() < 0.3:
        text = _insert_anywhere(rng, text, separator, rng.randint(1, 10))
    return text


@_text_op
def bom_middle(rng, text):
    """Byte-order marks and zero-width or direction characters in the middle of lines."""
    char = rng.choice(["\ufeff", "\ufeff", "\u200b", "\u200d", "\u202e", "\u00ad", "\ufffe", "\ufffd"])
    return _insert_anywhere(rng, text, char * rng.choice([1, 1, 3]), rng.choice([1, 5, 50]))


@_text_op
def mixed_line_endings(rng, text):
    endings = ["\n", "\r\n", "\r", "\r\r\n", "\n\r"]
    parts = _lines(text)
    return parts[0] + "".join(rng.choice(endings) + part for part in parts[1:])


@_text_op
def unicode_noise(rng, text):
    """Random characters replaced by astral, private-use, combining or odd space characters."""
    pools = [(0x1F600, 0x1F64F), (0xE000, 0xF8FF), (0x0300, 0x036F), (0x20000, 0x2A6DF), (0xFF01, 0xFF5E),
             (0x3000, 0x303F), (0x2000, 0x200F), (0xFE30, 0xFE4F), (0x0600, 0x06FF)]
    chars = list(text)
    if not chars:
        return text
    low, high = rng.choice(pools)
    for _ in range(rng.choice([1, 10, 100])):
        chars[rng.randrange(len(chars))] = chr(rng.randint(low, high))
    return "".join(chars)


@_text_op
def whitespace(rng, text):
    """Indents and trailing blanks of ideographic spaces, NBSPs, tabs; or blanks removed."""
    mode = rng.randrange(3)
    lines = _lines(text)
    if mode == 0:
        blank = rng.choice(["\u3000\u3000", "    ", "\t", "\xa0", " \u3000 "])
        lines = [blank + line if rng.random() < 0.5 else line for line in lines]
    elif mode == 1:
        lines = [line + rng.choice([" ", "\t", "\u3000", "   "]) * rng.randint(1, 40) for line in lines]
    else:
        lines = [re.sub(r"[ \t\u3000]+", "", line) for line in lines]
    return "\n".join(lines)


FULLWIDTH = str.maketrans("0123456789.-%,", "０１２３４５６７８９．－％，")


@_text_op
def fullwidth_digits(rng, text):
    if rng.random() < 0.3:
        return text.translate(FULLWIDTH)
    lines = _lines(text)
    for index in rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 20))):
        lines[index] = lines[index].translate(FULLWIDTH)
    return "\n".join(lines)


NUMBER_VARIANTS = ["-{n}", "−{n}", "－{n}", "{n}.5", "{n},000", "1，{n}", "{n}件", "{n}万元", "{n}%", "{n}元",
                   "{n}个", "{n}e5", "0x{n}", "000{n}", "9999999999999999999999", "—", "/", "", "N/A", "／",
                   "无", "{n}.", ".{n}", "{n}..{n}", "{n}-{n}", "五", "〇", "十万", "+{n}", "{n} {n}", "１{n}",
                   "{n}\u00a0{n}", "{n}/{n}", "inf", "NaN", "½", "²", "٣", "{n}年", "-0", "0.0000001"]


@_text_op
def numbers(rng, text):
    """Numbers replaced by negative, decimal, unit-bearing, huge or non-numeric variants."""
    matches = list(_NUMBER.finditer(text))
    if not matches:
        return text
    chosen = sorted(rng.sample(matches, min(len(matches), rng.choice([1, 5, 30]))), key=lambda m: m.start(),
                    reverse=True)
    for match in chosen:
        variant = rng.choice(NUMBER_VARIANTS).replace("{n}", match.group())
        text = text[:match.start()] + variant + text[match.end():]
    return text


YEAR_VARIANTS = ["0000", "0", "1900", "1989", "1990", "2007", "2008", "2100", "2101", "9999", "99999", "20２2",
                 "二〇二二", "２０２２", "-2022", "2022.5", "202", "20222"]


@_text_op
def years(rng, text):
    matches = list(re.finditer(r"(?:19|20)\d\d", text))
    if not matches:
        return text
    variant = rng.choice(YEAR_VARIANTS)
    for match in sorted(rng.sample(matches, min(len(matches), rng.choice([1, 3, len(matches)]))),
                        key=lambda m: m.start(), reverse=True):
        text = text[:match.start()] + variant + text[match.end():]
    return text


# -- headings and tables ----------------------------------------------------------------------

ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "二十", "九十九", "一百", "〇", "零",
            "壹", "貳", "两", "廿"]
HEADING_TEXTS = ["本予以公开", "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                 "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
                 "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "总计", "", "。", "1"]


def _heading(rng: random.Random, text: str) -> str:
    ordinal = rng.choice(ORDINALS)
    number = str(rng.choice([1, 3, 9, 10, 99, 1000000000]))
    form = rng.choice(["{o}、", "（{o}）", "({o})", "{o}.", "{n}.", "{n}．", "（{n}）", "第{o}部分", "第{o}条", "表{n}",
                       "附表{n}", "{o}、（{o}）{n}.", "{o}{o}、", "{n}、"])
    head = form.replace("{o}", ordinal).replace("{n}", number)
    body = rng.choice(HEADING_TEXTS) if rng.random() < 0.7 else _words(rng, text)
    return head + body + rng.choice(["", "", "。", "：", "\t1\t2", " 12"])


@_text_op
def heading_lines(rng, text):
    """Heading-like lines with CJK ordinals (三、本予以公开, （二）, 第十部分 ...) inserted or replacing lines."""
    lines = _lines(text)
    for _ in range(rng.choice([1, 3, 10, 100])):
        index = rng.randint(0, len(lines))
        if rng.random() < 0.7 or index == len(lines):
            lines.insert(index, _heading(rng, text))
        else:
            lines[index] = _heading(rng, text)
    return "\n".join(lines)


@_text_op
def table_separators(rng, text):
    """Table rows with tabs turned into pipes, spaces or doubled tabs; extra, missing or empty cells."""
    lines = _lines(text)
    rows = _table_lines(lines)
    if not rows:
        return text
    chosen = rows if rng.random() < 0.4 else rng.sample(rows, min(len(rows), rng.randint(1, 10)))
    mode = rng.randrange(6)
    for index in chosen:
        line = lines[index]
        if mode == 0:
            lines[index] = line.replace("\t", rng.choice(["|", " | ", "  ", "\t\t", " ", "｜", ",", "\u3000"]))
        elif mode == 1:
            lines[index] = "|" + line.replace("\t", "|") + "|"
        elif mode == 2:
            cells = _CELL_SPLIT.split(line)
            extra = rng.choice(["", "0", "1", "—", "|", "x" * 50])
            cells.insert(rng.randint(0, len(cells)), extra)
            lines[index] = "\t".join(cells * rng.choice([1, 1, 2, 30]))
        elif mode == 3:
            cells = _CELL_SPLIT.split(line)
            if len(cells) > 1:
                del cells[rng.randrange(len(cells))]
            lines[index] = "\t".join(cells)
        elif mode == 4:
            lines[index] = line + "\t" * rng.choice([1, 5, 200])
        else:
            lines[index] = "\t".join(c for c in line) if len(line) < 300 else line
    if rng.random() < 0.3:
        lines.insert(rng.choice(rows), "|" + "---|" * rng.choice([1, 4, 10, 500]))
    return "\n".join(lines)


@_text_op
def markdown_tables(rng, text):
    """Tab rows as Markdown pipe tables, each with a separator row (as OCR Markdown gives)."""
    out: list[str] = []
    previous = False
    for line in _lines(text):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not previous:
                out.append("|" + "---|" * len(cells))
            previous = True
        else:
            out.append(line)
            previous = False
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@_text_op
def html_wrap(rng, text):
    """The report as an HTML page (so the HTML reader reads the mutant): <p> per line, tab rows as
    table rows with odd rowspan/colspan values, sometimes unclosed tags."""
    spans = ["1", "2", "0", "-1", "3", "999999999", "abc", "", "1.5", "２"]
    out = [rng.choice(["<!DOCTYPE html>", "<html>", "<html><head><meta charset=\"utf-8\"></head>"]), "<body>"]
    in_table = False
    for line in _lines(text):
        if "\t" in line:
            if not in_table:
                out.append("<table>")
                in_table = True
            cells = []
            for cell in line.split("\t"):
                attrs = ""
                if rng.random() < 0.1:
                    attrs = f' {rng.choice(["rowspan", "colspan"])}="{rng.choice(spans)}"'
                cells.append(f"<td{attrs}>{_escape(cell)}</td>")
            out.append("<tr>" + "".join(cells) + ("</tr>" if rng.random() < 0.9 else ""))
        else:
            if in_table:
                out.append("</table>" if rng.random() < 0.9 else "")
                in_table = False
            out.append(f"<p>{_escape(line)}</p>" if rng.random() < 0.95 else f"<div><span>{_escape(line)}")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


# -- encodings and bytes ----------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-be-bom",
             "utf-16-le"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    if encoding in ("gbk", "gb18030"):
        return text.encode(encoding, "replace")
    return text.encode(encoding, "surrogatepass")


@_byte_op
def flip_bits(rng, data):
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 64])):
        buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    return bytes(buffer)


@_byte_op
def random_bytes(rng, data):
    piece = bytes(rng.randrange(256) for _ in range(rng.choice([1, 4, 64])))
    at = rng.randint(0, len(data))
    return data[:at] + piece + data[at:]


@_byte_op
def cut_bytes(rng, data):
    """Cut at an arbitrary byte (often inside a multibyte character)."""
    return data[:rng.randint(0, len(data))]


@_byte_op
def bom_bytes(rng, data):
    mark = rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\x84\x31\x95\x33"])
    at = rng.choice([0, rng.randint(0, len(data))])
    return data[:at] + mark + data[at:]


@_byte_op
def magic_prefix(rng, data):
    """A magic number in front: the readers sniff PDF, zip (.docx) and HTML by content."""
    return rng.choice([b"%PDF-1.4\n", b"PK\x03\x04", b"PK\x03\x04word/", b"<html>", b"<!doctype html>", b"\x00\x00",
                       b"\xff\xfe\x00\x00", b"{\\rtf1 ", b"\xd0\xcf\x11\xe0"]) + data


# -- the mutant -------------------------------------------------------------------------------

@dataclass
class Mutant:
    seed: int
    ops: list
    encoding: str
    byte_ops: list
    data: bytes = field(repr=False, default=b"")
    source: str = ""

    def describe(self) -> str:
        bytes_part = f" bytes={self.byte_ops}" if self.byte_ops else ""
        return f"seed={self.seed} ops={self.ops} encoding={self.encoding}{bytes_part}"


def choose(seed: int) -> tuple[list, str, list]:
    """The operators, encoding and byte operators that ``seed`` picks."""
    rng = random.Random(f"choose:{seed}")
    ops = rng.choices(sorted(OPERATORS), k=rng.choice([1, 1, 2, 2, 3, 4]))
    encoding = rng.choice(ENCODINGS)
    byte_ops = rng.choices(sorted(BYTE_OPERATORS), k=rng.choice([1, 2])) if rng.random() < 0.12 else []
    return ops, encoding, byte_ops


def mutate_text(text: str, seed: int, ops: list) -> str:
    rng = random.Random(f"apply:{seed}")
    for name in ops:
        text = OPERATORS[name](rng, text)[:MAX_CHARS]
    return text


def mutate(text: str, seed: int, ops: list | None = None, encoding: str | None = None,
           byte_ops: list | None = None, source: str = "") -> Mutant:
    """The mutant of ``text`` for ``seed``; ops/encoding/byte_ops default to what the seed picks."""
    chosen_ops, chosen_encoding, chosen_bytes = choose(seed)
    ops = chosen_ops if ops is None else list(ops)
    encoding = chosen_encoding if encoding is None else encoding
    byte_ops = chosen_bytes if byte_ops is None else list(byte_ops)
    data = encode(mutate_text(text, seed, ops), encoding)
    rng = random.Random(f"bytes:{seed}")
    for name in byte_ops:
        data = BYTE_OPERATORS[name](rng, data)
    return Mutant(seed, ops, encoding, byte_ops, data, source)


# -- what to mutate ---------------------------------------------------------------------------

def generated(count: int, seed: int = 20240601) -> list[tuple[str, str]]:
    """``count`` reports of benchmarks/generate.py (deterministic)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import generate

    out = []
    for index in range(count):
        report = generate.make_report(seed, index)
        out.append((f"generated/{generate.slug(report)}", generate.render(report, seed)))
    return out


def repository_sources(generated_count: int = 12) -> list[tuple[str, str]]:
    """The repository's example reports and some generated ones: (name, text)."""
    examples = sorted((REPO / "examples").rglob("*.txt"))
    out = [(str(path.relative_to(REPO)), path.read_text(encoding="utf-8")) for path in examples]
    return out + generated(generated_count)


def shared_sources() -> list[tuple[str, str]]:
    """The real reports in ../shared (seeds and corpus), or [] when they are absent."""
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    return [(f"shared/{path.parent.name}/{path.name}", path.read_text(encoding="utf-8", errors="replace"))
            for path in paths]


def sources(generated_count: int = 12) -> list[tuple[str, str]]:
    return shared_sources() + repository_sources(generated_count)


__all__ = ["OPERATORS", "BYTE_OPERATORS", "ENCODINGS", "Mutant", "choose", "encode", "mutate", "mutate_text",
           "generated", "repository_sources", "shared_sources", "sources"]

if __name__ == "__main__":  # a quick look: python benchmarks/mutate.py [SEED]
    name, text = sources(1)[0]
    mutant = mutate(text, int(sys.argv[1]) if len(sys.argv) > 1 else 0, source=name)
    print(name, mutant.describe(), len(mutant.data), "bytes", file=sys.stderr)
    os.write(1, mutant.data[:2000])
