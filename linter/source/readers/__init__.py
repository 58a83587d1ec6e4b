"""Readers: turn a file into a Source (text the grammar reads, with the way back).

A reader is picked by the file's content where it can tell (a .txt that is really a
.docx zip, an .html saved as .txt), else by the file's suffix.  Each reader module
registers itself with ``reader(suffixes, sniff)``; the plain-text reader is the
fallback.  ``report_suffixes()`` is what a directory is searched for.

Formats no reader reads (an old Word .doc, OpenDocument, RTF) are recognised by their
content and refused with what to do, rather than read as text or called binary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from govlint.support import i18n
from govlint.source import InputError, Source


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple
    read: Callable[[bytes, str], Source]
    sniff: Callable[[bytes], bool] | None = None


READERS: list[Reader] = []
# The reader modules and the suffixes each reads.  Listed here too so that a module that fails
# to import still claims its files, and the user hears why instead of "binary file".
MODULES = {"docx": (".docx",), "pdf": (".pdf",), "html": (".html", ".htm", ".shtml", ".xhtml")}
BROKEN: dict = {}   # module name → "ExceptionType: message"


def reader(name: str, suffixes: tuple, sniff=None):
    """Register ``read(data, path) -> Source`` for the given suffixes."""
    def register(function):
        READERS.append(Reader(name, tuple(s.lower() for s in suffixes), function, sniff))
        return function
    return register


_loaded = False


def _load() -> None:
    # A flag, not "READERS is non-empty": importing one reader module directly registers it alone.
    global _loaded
    if _loaded:
        return
    _loaded = True
    from govlint.source.readers import text  # noqa: F401  (registration; the fallback, so first)
    for name in MODULES:
        try:
            __import__(f"{__name__}.{name}")
        except Exception as exc:  # any failure, not only ImportError: reported when a file needs it
            BROKEN[name] = f"{type(exc).__name__}: {exc}"


def report_suffixes() -> tuple:
    _load()
    suffixes = {suffix for r in READERS for suffix in r.suffixes}
    suffixes.update(suffix for name in BROKEN for suffix in MODULES[name])
    return tuple(sorted(suffixes))


# -- formats govlint does not read -------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = i18n.msg("save it as .docx (Word/WPS: 另存为 → Word 文档 .docx) or as text (.txt)",
                         "请另存为 .docx（Word/WPS：另存为 → Word 文档 .docx）或纯文本（.txt）后再检查")
_COPY_TABLES = i18n.msg("copy the tables into the report and save it as .docx or as text",
                        "请把表格复制到报告中，并将报告另存为 .docx 或纯文本")
# OLE2 stream names (UTF-16) → what the file is.
_OLE_KINDS = (("WordDocument", i18n.msg("an old Word .doc file (Word 97-2003 or WPS)",
                                        "这是旧版 Word .doc 文件（Word 97-2003 或 WPS）"), _SAVE_AS_DOCX),
              ("Workbook", i18n.msg("an old Excel .xls workbook", "这是旧版 Excel .xls 工作簿"), _COPY_TABLES),
              ("Book", i18n.msg("an old Excel .xls workbook", "这是旧版 Excel .xls 工作簿"), _COPY_TABLES),
              ("PowerPoint Document", i18n.msg("an old PowerPoint .ppt file", "这是旧版 PowerPoint .ppt 文件"),
               i18n.msg("save the report as .docx or as text", "请将报告另存为 .docx 或纯文本")))
_ODF = re.compile(rb"mimetypeapplication/vnd\.oasis\.opendocument\.([a-z-]+)")
_ODF_KINDS = {"text": i18n.msg("an OpenDocument text (.odt) file", "这是 OpenDocument 文本（.odt）文件"),
              "spreadsheet": i18n.msg("an OpenDocument spreadsheet (.ods)", "这是 OpenDocument 电子表格（.ods）"),
              "presentation": i18n.msg("an OpenDocument presentation (.odp)", "这是 OpenDocument 演示文稿（.odp）")}


def _cannot_read(what, todo) -> i18n.Message:
    return i18n.fmt("{what}: govlint cannot read it; {todo}", "无法读取：{what}。{todo}", what=what, todo=todo)


def unreadable_format(data: bytes, path: str = "") -> i18n.Message | None:
    """What the file is and what to do, for a format no reader reads; None otherwise."""
    if data.startswith(_OLE2):
        named = {".xls": "Workbook", ".ppt": "PowerPoint Document"}.get(path.lower()[-4:], "WordDocument")
        streams = [kind for kind in _OLE_KINDS if kind[0].encode("utf-16-le") in data]
        # A header alone (or a damaged file): what its name says, else Word, by far the most common.
        _, what, todo = (streams or [kind for kind in _OLE_KINDS if kind[0] == named])[0]
        return _cannot_read(what, todo)
    if data.startswith(b"PK\x03\x04"):
        match = _ODF.search(data[:200])
        if match:
            kind = match.group(1).decode("ascii", "replace")
            what = _ODF_KINDS.get(kind) or i18n.fmt("an OpenDocument {kind} file", "这是 OpenDocument {kind} 文件",
                                                    kind=kind)
            return _cannot_read(what, i18n.msg(
                "save it as .docx (LibreOffice/WPS: 另存为 → Word 文档 .docx) or as text (.txt)",
                "请另存为 .docx（LibreOffice/WPS：另存为 → Word 文档 .docx）或纯文本（.txt）后再检查"))
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return _cannot_read(i18n.msg("an RTF (rich text) file", "这是 RTF（富文本）文件"), _SAVE_AS_DOCX)
    return None


def read(data: bytes, path: str) -> Source:
    """A Source for the file's bytes; raises InputError when it cannot be read as a report."""
    _load()
    refused = unreadable_format(data, path)
    if refused:
        raise InputError(i18n.join(path, ": ", refused))
    for candidate in READERS:
        if candidate.sniff is not None and candidate.sniff(data):
            return candidate.read(data, path)
    lowered = path.lower()
    for candidate in READERS:
        if candidate.suffixes and lowered.endswith(candidate.suffixes):
            return candidate.read(data, path)
    for name, problem in BROKEN.items():
        if lowered.endswith(MODULES[name]):
            raise InputError(i18n.fmt("{path}: the {name} reader failed to load ({problem}); "
                                      "reinstall govlint, and if that does not help, please report this bug",
                                      "{path}: {name} 读取器加载失败（{problem}）；请重新安装 govlint，"
                                      "如仍不能解决，请报告此缺陷", path=path, name=name, problem=problem))
    return next(r for r in READERS if r.name == "text").read(data, path)  # the fallback
