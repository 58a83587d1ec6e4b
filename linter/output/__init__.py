"""Output formats.  A formatter is a small unit registered by name, apart from the rules.

``format_results(name, results, stream, settings)`` writes every file's
diagnostics; ``FORMATTERS`` lists what ``--format`` accepts.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass
class Settings:
    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    output_path: str | None = None
    fail_on: str = "error"
    rules: list | None = None  # every rule that could have run (SARIF lists them)
    fixed: int = 0             # fixes applied by --fix (the summary says so)


FORMATTERS: dict = {}
# Where each built-in format lives: only the one asked for is imported (the HTML report's
# jinja2 costs more start-up time than a whole lint of one file).
_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "json-lines": "json_lines",
            "sarif": "sarif", "github": "github", "junit": "junit", "html": "html.report"}


def formatter(name: str):
    def register(cls):
        cls.name = name
        FORMATTERS[name] = cls
        return cls
    return register


def get(name: str):
    if name not in FORMATTERS and name in _MODULES:
        from importlib import import_module

        import_module(f"{__name__}.{_MODULES[name]}")
    return FORMATTERS.get(name)


def names() -> list[str]:
    return sorted(_MODULES)


# -- text every format can write ---------------------------------------------------------------
#
# Output is always valid UTF-8.  A file name that is not valid UTF-8 reaches Python as a str
# with lone surrogates (os.fsdecode: byte 0xff becomes U+DCFF); a str like that cannot be
# encoded, so every format shows such a path, and any text with a lone surrogate, through
# ``safe_text``: an undecodable byte is written ``\xff`` (as ``os.fsencode(path).decode("utf-8",
# "backslashreplace")`` would), any other lone surrogate ``\udXXX``.

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:        # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def safe_text(text) -> str:
    """``text`` without lone surrogates: encodable as UTF-8 (see above)."""
    if not isinstance(text, str):
        text = str(text)
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_escape_surrogate, text)


def display_path(path) -> str:
    r"""The one way every format names a file: the path as given, a byte that is not UTF-8
    written ``\xNN`` (``b"\xff\xfe.txt"`` → ``\xff\xfe.txt``)."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    return safe_text(os.fspath(path))


_OTHER_SURROGATE = re.compile("([\ud800-\udc7f\udd00-\udfff])")  # not an escaped byte


def path_uri(path) -> str:
    """A path as a URI reference (SARIF's artifact URI): the file name's original bytes,
    percent-encoded, so a name that is not UTF-8 still points at the right file."""
    path = os.fspath(path)
    if isinstance(path, str):
        try:
            data = os.fsencode(path)
        except UnicodeEncodeError:       # a surrogate os.fsdecode never makes: keep its code point
            data = b"".join(part.encode("utf-8", "surrogatepass" if index % 2 else "surrogateescape")
                            for index, part in enumerate(_OTHER_SURROGATE.split(path)))
    else:
        data = path
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


def visible(text) -> str:
    """``text`` for one line of a terminal: no surrogates, controls and separators shown."""
    text = safe_text(text)
    if _VISIBLE_CHARS.search(text) is None:
        return text
    return text.translate(_VISIBLE)


# XML 1.0 allows tab, LF, CR and U+0020 on, less the surrogates and U+FFFE/U+FFFF; nothing
# else, not even as a character reference.  The others are shown as their Control Pictures.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_replacement(match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def xml_text(text) -> str:
    """``text`` with only what XML 1.0 allows (escaping is the caller's)."""
    text = safe_text(text)
    if _XML_FORBIDDEN.search(text) is None:
        return text
    return _XML_FORBIDDEN.sub(_xml_replacement, text)


def json_safe(value):
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


def json_text(value, indent=None) -> str:
    """Valid JSON for any value, as one str: serialised whole before anything is written (a
    failure never leaves half a document), and U+2028/U+2029/U+0085 escaped so a JSON-lines
    reader that splits on every Unicode line break (str.splitlines) sees one object a line."""
    text = json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, indent=indent)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def statistics(results) -> list[tuple]:
    """(code, name, severity, count) of every rule that gave diagnostics, most first."""
    counts = {}
    for result in results:
        for diag in result.diagnostics:
            key = (diag.code, diag.name, diag.severity)
            counts[key] = counts.get(key, 0) + 1
    return [(code, name, severity, count) for (code, name, severity), count
            in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
