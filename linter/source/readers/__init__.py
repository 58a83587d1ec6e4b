"""Readers: turn a file into a Source (text the line classifier reads, with the way back).

Each module of this package is a reader (``render.py`` is the toolkit they share): it registers
``read(data, path) -> Source`` with ``@reader(name, suffixes, sniff)``, and the modules are
discovered, not listed (``support/plugins.py``).  A reader is picked by the file's content where a
sniffer can tell (a .txt that is really a .docx zip, an .html saved as .txt; the sniffers look for
disjoint signatures, so their order does not matter), else by the file's suffix; the plain-text
reader is the fallback.  ``report_suffixes()`` is what a directory is searched for.

A reader module that fails to import is never silent: its suffixes are read from its
``@reader(...)`` line without running it, so its files are still its own and each says why the
reader failed, instead of "binary file"; a file refused by the reader its suffix chose (or by plain
text) also names the readers that failed, whose sniffers could not look at it (a .docx saved as
.txt); ``load_errors()`` is for a warning on stderr.

Formats no reader reads (an old Word .doc, OpenDocument, RTF) are recognised by their
content and refused with what to do, rather than read as text or called binary.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.machinery import PathFinder
from typing import Callable

from govlint.support import i18n
from govlint.support.plugins import Registry
from govlint.source import InputError, Source

FALLBACK = "text"   # the reader of a file no other reader claims


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str], Source]
    sniff: Callable[[bytes], bool] | None = None


READERS: Registry[Reader] = Registry(i18n.msg("reader", "读取器"), __name__)


def reader(name: str, suffixes: tuple[str, ...], sniff: Callable[[bytes], bool] | None = None
           ) -> Callable[[Callable[[bytes, str], Source]], Callable[[bytes, str], Source]]:
    """Register ``read(data, path) -> Source`` for the given suffixes (and the files ``sniff`` accepts).

    Write ``name`` and ``suffixes`` as literals: if the module ever fails to import, they are read
    from its source, so that its files still name it (see the module docstring)."""
    def register(function: Callable[[bytes, str], Source]) -> Callable[[bytes, str], Source]:
        READERS.add(name, Reader(name, tuple(s.lower() for s in suffixes), function, sniff))
        return function
    return register


def readers() -> dict[str, Reader]:
    """Every reader that loaded, by name."""
    return READERS.units()


def load_errors() -> list[i18n.Message]:
    """Why reader modules failed to load (for a warning on stderr); empty when all is well."""
    READERS.load_builtins()
    return list(READERS.errors().values())


@dataclass(frozen=True)
class _Failed:
    """A reader module that did not import: why, and the suffixes its source declares."""
    module: str
    problem: str
    suffixes: tuple[str, ...]


def _failed() -> list[_Failed]:
    READERS.load_builtins()
    return [_Failed(module, problem, _declared_suffixes(module))
            for module, problem in READERS.broken_modules().items()]


@functools.lru_cache(maxsize=None)
def _declared_suffixes(module: str) -> tuple[str, ...]:
    """The suffixes of the ``@reader(name, suffixes, …)`` lines of a module, read without running it
    (empty if its source cannot be found or parsed)."""
    import ast  # only when a reader failed to import

    spec = PathFinder.find_spec(f"{__name__}.{module}", list(__path__))
    if spec is None or not spec.origin:
        return ()
    try:
        with open(spec.origin, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), spec.origin)
    except (OSError, ValueError, SyntaxError):
        return ()
    suffixes: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "reader" \
                and len(node.args) >= 2:
            try:
                declared = ast.literal_eval(node.args[1])
            except (ValueError, TypeError, SyntaxError):
                continue
            if isinstance(declared, (tuple, list)):
                suffixes.extend(str(suffix).lower() for suffix in declared)
    return tuple(suffixes)


def report_suffixes() -> tuple[str, ...]:
    suffixes = {suffix for r in readers().values() for suffix in r.suffixes}
    suffixes.update(suffix for failed in _failed() for suffix in failed.suffixes)
    return tuple(sorted(suffixes))


def _failed_to_load(path: str, name: str, problem: str) -> i18n.Message:
    return i18n.fmt("{path}: the {name} reader failed to load ({problem}); "
                    "reinstall govlint, and if that does not help, please report this bug",
                    "{path}: {name} 读取器加载失败（{problem}）；请重新安装 govlint，"
                    "如仍不能解决，请报告此缺陷", path=path, name=name, problem=problem)


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
    refused = unreadable_format(data, path)
    if refused:
        raise InputError(i18n.join(path, ": ", refused))
    loaded = readers()
    for candidate in loaded.values():
        if candidate.sniff is not None and candidate.sniff(data):
            return candidate.read(data, path)
    failed = _failed()
    lowered = path.lower()
    chosen = next((r for r in loaded.values() if r.suffixes and lowered.endswith(r.suffixes)), None)
    if chosen is None:
        for module in failed:
            if module.suffixes and lowered.endswith(module.suffixes):
                raise InputError(_failed_to_load(path, module.module, module.problem))
        chosen = loaded.get(FALLBACK)
        if chosen is None:
            problem = READERS.broken_modules().get(FALLBACK, "not registered")
            raise InputError(_failed_to_load(path, FALLBACK, problem))
    try:
        return chosen.read(data, path)
    except InputError as exc:
        if not failed:
            raise
        # The sniffer of a reader that failed could not look at the file (a .docx saved as .txt): say so.
        raise InputError(i18n.join(i18n.of(exc), *(i18n.fmt(
            " (it may be for the {name} reader, which failed to load: {problem}; reinstall govlint, "
            "and if that does not help, please report this bug)",
            "（它可能应由 {name} 读取器读取，而该读取器加载失败：{problem}；请重新安装 govlint，"
            "如仍不能解决，请报告此缺陷）", name=module.module, problem=module.problem)
            for module in failed))) from None
