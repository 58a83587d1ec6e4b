r"""Text any output can carry: valid UTF-8 always, one line where a line is promised, valid XML and JSON.

The formatters (``govlint.output``) and the baseline file (``govlint.lint.baseline``) write
paths and messages through these.

Output is always valid UTF-8.  A file name that is not valid UTF-8 reaches Python as a str
with lone surrogates (os.fsdecode: byte 0xff becomes U+DCFF); a str like that cannot be
encoded, so every format shows such a path, and any text with a lone surrogate, through
``safe_text``: an undecodable byte is written ``\xff`` (as ``os.fsencode(path).decode("utf-8",
"backslashreplace")`` would), any other lone surrogate ``\udXXX``.
"""
from __future__ import annotations

import json
import math
import os
import re
from html import escape as _html_escape
from typing import Any
from urllib.parse import quote

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:        # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def safe_text(text: object) -> str:
    """``text`` without lone surrogates: encodable as UTF-8 (see above)."""
    value = text if isinstance(text, str) else str(text)
    if _SURROGATE.search(value) is None:
        return value
    return _SURROGATE.sub(_escape_surrogate, value)


def display_path(path: str | bytes | os.PathLike[str]) -> str:
    r"""The one way every format names a file: the path as given, a byte that is not UTF-8
    written ``\xNN`` (``b"\xff\xfe.txt"`` → ``\xff\xfe.txt``)."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    return safe_text(os.fspath(path))


_OTHER_SURROGATE = re.compile("([\ud800-\udc7f\udd00-\udfff])")  # not an escaped byte


def path_uri(path: str | bytes | os.PathLike[str]) -> str:
    """A path as a URI reference (SARIF's artifact URI): the file name's original bytes,
    percent-encoded, so a name that is not UTF-8 still points at the right file."""
    name = os.fspath(path)
    if isinstance(name, str):
        try:
            data = os.fsencode(name)
        except UnicodeEncodeError:       # a surrogate os.fsdecode never makes: keep its code point
            data = b"".join(part.encode("utf-8", "surrogatepass" if index % 2 else "surrogateescape")
                            for index, part in enumerate(_OTHER_SURROGATE.split(name)))
    else:
        data = name
    if os.sep != "/":
        data = data.replace(os.sep.encode(), b"/")
    if re.match(rb"[A-Za-z]:/", data):    # a Windows drive: an absolute file URI
        return "file:///" + data[:2].decode("ascii") + quote(data[2:], safe="/")
    return quote(data, safe="/")


# Single-line human output (text, concise, github): a control character, a line separator or a
# bidirectional override in a message or a path must not break the line, move the cursor or
# reorder what the terminal shows.  C0 controls become their Control Pictures (U+240C for a
# form feed), U+2028/U+2029/U+0085 become U+2424, the others (C1 controls, bidirectional
# marks and overrides, U+FFFE/U+FFFF) an escape like ``\\u202e``.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = "\u2421"
for _code in (0x85, 0x2028, 0x2029):
    _VISIBLE[_code] = "\u2424"
for _code in list(range(0x80, 0xA0)) + [0x061C, 0x200E, 0x200F] + list(range(0x202A, 0x202F)) + \
        list(range(0x2066, 0x206A)) + [0xFFFE, 0xFFFF]:
    _VISIBLE.setdefault(_code, f"\\u{_code:04x}")
_VISIBLE_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _VISIBLE) + "]")


def visible(text: object) -> str:
    """``text`` for one line of a terminal: no surrogates, controls and separators shown."""
    shown = safe_text(text)
    if _VISIBLE_CHARS.search(shown) is None:
        return shown
    return shown.translate(_VISIBLE)


# XML 1.0 allows tab, LF, CR and U+0020 on, less the surrogates and U+FFFE/U+FFFF; nothing
# else, not even as a character reference.  The others are shown as their Control Pictures.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def xml_text(text: object) -> str:
    """``text`` with only what XML 1.0 allows (escaping is the caller's)."""
    allowed = safe_text(text)
    if _XML_FORBIDDEN.search(allowed) is None:
        return allowed
    return _XML_FORBIDDEN.sub(_xml_replacement, allowed)


def xml_escape(text: object) -> str:
    """Element text: what XML allows, with & < > escaped."""
    return _html_escape(xml_text(text), quote=False)


def xml_attribute(text: object) -> str:
    """A quoted attribute value.  Tab, LF and CR as references: an attribute's own would be read
    back as spaces."""
    return '"' + _html_escape(xml_text(text), quote=True).replace("\t", "&#9;").replace("\n", "&#10;") \
        .replace("\r", "&#13;") + '"'


def json_safe(value: Any) -> Any:
    """A copy of ``value`` that json.dumps turns into valid JSON and valid UTF-8: strings
    without lone surrogates, no NaN or infinity (null), tuples as lists, unknown objects as
    their str."""
    if isinstance(value, str):
        return safe_text(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key if key is None or isinstance(key, (bool, int)) else safe_text(key): json_safe(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    return safe_text(value)


def json_text(value: Any, indent: int | None = None) -> str:
    """Valid JSON for any value, as one str: serialised whole before anything is written (a
    failure never leaves half a document), and U+2028/U+2029/U+0085 escaped so a JSON-lines
    reader that splits on every Unicode line break (str.splitlines) sees one object a line."""
    text = json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, indent=indent)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
