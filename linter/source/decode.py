"""Bytes → text: the encoding (a BOM, else UTF-8, else GB18030), and refusing what is not text.

A file that cannot be read as a report raises ``InputError`` with a message that says
what is wrong and where (exit code 2, never a traceback).
"""
from __future__ import annotations

import codecs
import re
from itertools import islice

from govlint.support import i18n

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, LF, CR, FF: text files do not contain them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as bytes.  UTF-8 and GB18030 put no byte below 0x80 inside a character of
# several bytes but 0x30-0x39 (GB18030's digits) and 0x40-0x7e (its trail bytes), none of them a
# control: text decoded from bytes without these holds no control character.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + b"\x0b" + bytes(range(0x0e, 0x20)) + b"\x7f"
MAX_BYTES = 20 * 1024 * 1024
_FEW_CONTROLS = 16


class InputError(Exception):
    """The input cannot be read as a report (exit code 2, never a traceback)."""


def decode(data: bytes, name: str = "<input>") -> tuple[str, str, bool]:
    """Decode report bytes; return (text, encoding, had_bom).

    Raises InputError for binary data (a NUL anywhere, many control characters) and for
    undecodable bytes, naming the first bad byte's offset and line.
    """
    if len(data) > MAX_BYTES:
        raise InputError(i18n.fmt("{name}: file is {size:.1f} MB; reports larger than {mb} MB are not read",
                                  "{name}: 文件大小为 {size:.1f} MB，超过 {mb} MB，不是年度报告，未读取",
                                  name=name, size=len(data) / 1024 / 1024, mb=MAX_BYTES // 1024 // 1024))
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(i18n.fmt("{name}: starts with a {encoding} byte-order mark but {bad} cannot be "
                                          "decoded", "{name}: 文件以 {encoding} 字节顺序标记（BOM）开头，但{bad}无法解码",
                                          name=name, encoding=encoding.upper(),
                                          bad=_bad_bytes(data, exc, encoding))) from None
            text = text.lstrip("\ufeff")
            _reject_binary(text, name)
            return text, encoding, True
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(i18n.fmt("{name}: binary file (NUL byte at byte {nul}, line {line}); expected a text report "
                                  "in UTF-8, GB18030/GBK or UTF-16 with a byte-order mark",
                                  "{name}: 这是二进制文件（第 {line} 行第 {nul} 字节是 NUL 字节）；报告应为 UTF-8、"
                                  "GB18030/GBK 或带字节顺序标记（BOM）的 UTF-16 纯文本",
                                  name=name, nul=nul, line=_line_at(data, nul, "latin-1")))
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        # GB18030 decodes almost any byte string.  A file that is UTF-8 up to a damaged byte
        # (several CJK characters decoded fine before it) is a UTF-8 report with a bad byte,
        # not a GB18030 one: read as GB18030 it would be nonsense.
        if _looks_utf8(data[:exc.start]):
            raise InputError(i18n.fmt("{name}: not valid UTF-8 at {bad}; save the report as UTF-8 text",
                                      "{name}: {bad}不是有效的 UTF-8 编码；请将报告另存为 UTF-8 编码的纯文本",
                                      name=name, bad=_bad_bytes(data, exc, "utf-8"))) from None
        # Then GB18030: a superset of GBK and GB2312, which many offices still save drafts in.
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError as gb_exc:
            # Name the bad byte of the reading that got further: the file's likelier encoding.
            far, far_encoding = (exc, "utf-8") if exc.start >= gb_exc.start else (gb_exc, "gb18030")
            raise InputError(i18n.fmt("{name}: cannot be decoded as UTF-8 or GB18030 ({encoding}: {bad}); "
                                      "save the report as UTF-8 text",
                                      "{name}: 无法按 UTF-8 或 GB18030 解码（{encoding}：{bad}）；"
                                      "请将报告另存为 UTF-8 编码的纯文本",
                                      name=name, encoding=far_encoding.upper(),
                                      bad=_bad_bytes(data, far, far_encoding))) from None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):  # deleting in C: cheaper than a search of the text
        _reject_binary(text, name)
    return text, encoding, False


# Characters of three UTF-8 bytes (CJK and most other scripts): bytes of a GB18030 file
# almost never form several of them by chance.
_UTF8_WIDE = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}")
_UTF8_EVIDENCE = 4


def _looks_utf8(valid_prefix: bytes) -> bool:
    """Does a prefix that decodes as UTF-8 hold a few characters of three UTF-8 bytes?"""
    return len(list(islice(_UTF8_WIDE.finditer(valid_prefix), _UTF8_EVIDENCE))) == _UTF8_EVIDENCE


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """1-based line of byte ``offset`` (only \\r\\n, \\r and \\n end a line)."""
    prefix = data[:offset].decode(encoding, errors="replace")
    return prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1


def _bad_bytes(data: bytes, exc: UnicodeDecodeError, encoding: str) -> i18n.Message:
    """"byte 3000 (line 41): 0xff" for the first byte a decoder rejected (in both languages)."""
    start = exc.start
    return i18n.fmt("byte {start} (line {line}): 0x{byte:02x}", "第 {line} 行第 {start} 字节（0x{byte:02x}）",
                    start=start, line=_line_at(data, start, encoding), byte=data[start])


def _reject_binary(text: str, name: str) -> None:
    """A text report holds no NUL and few control characters; the whole text is checked."""
    first = _CONTROL.search(text)
    if first is None:
        return
    nul = text.find("\x00", first.start())
    if nul >= 0:
        line = text.count("\n", 0, nul) + text.count("\r", 0, nul) - text.count("\r\n", 0, nul) + 1
        raise InputError(i18n.fmt("{name}: binary file (NUL character at offset {nul}, line {line}); "
                                  "expected a text report",
                                  "{name}: 这是二进制文件（第 {line} 行、第 {nul} 个字符是 NUL 字符）；报告应为纯文本",
                                  name=name, nul=nul, line=line))
    # More than one character in 50, at the start or overall, is binary; a handful (a vertical
    # tab Word left, a stray \x1c) is not, even in a short draft.
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    if controls * 50 <= len(sample):
        controls = len(_CONTROL.findall(text, first.start()))
        sample = text
    if controls * 50 > len(sample) and controls >= _FEW_CONTROLS:
        raise InputError(i18n.fmt("{name}: binary file ({controls} control characters in {length} characters, "
                                  "the first at offset {first}); expected a text report",
                                  "{name}: 这是二进制文件（{length} 个字符中有 {controls} 个控制字符，第一个在第 {first} "
                                  "个字符处）；报告应为纯文本",
                                  name=name, controls=controls, length=len(sample), first=first.start()))


