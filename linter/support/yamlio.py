"""YAML reading with positions, for configuration files and rule packs (ruamel.yaml).

Problems are raised as ``ConfigError`` naming the file, line and column, so a
user can go straight to the mistake.

These files are written by people but read like code, so reading is bounded:
at most ``MAX_BYTES`` from a regular file, plain YAML only (no anchors, aliases
or tags beyond the standard scalars and collections), at most ``MAX_DEPTH``
levels and ``MAX_NODES`` values, and no unquoted number longer than
``MAX_NUMBER`` characters.  The limits are checked event by event as the parser
produces them, before anything is built from them.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat

from govlint.support import i18n

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 20_000
MAX_NUMBER = 40
_STANDARD_TAGS = {"!"} | {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
# What the resolver could read as a number (int, float, YAML 1.1 base 60): converting a
# long one is slow on Python 3.9 and refused on 3.11.
# One star, last: linear even on a megabyte of digits.
_NUMBER_LIKE = re.compile(r"[-+]?\.?[0-9][0-9a-fA-FxXoObB._:+-]*")


class ConfigError(Exception):
    """A configuration file or rule pack is wrong (exit code 2)."""

    def __init__(self, path: str, line: int | None, column: int | None, message):
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(self.where_message())

    def where_message(self) -> i18n.Message:
        """"path:line:col: message" in both languages; str(error) is its English."""
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"
        return i18n.join(where, ": ", self.message)

    def text(self, lang: str | None) -> str:
        return i18n.text(self.where_message(), lang)


class _Refused(Exception):
    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


def _tag_text(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _check_event(parser, event) -> None:
    """Refuse an event beyond the limits, before the composer builds anything from it."""
    from ruamel.yaml import events

    if isinstance(event, events.AliasEvent):
        raise _Refused(event.start_mark, i18n.fmt("aliases (*{anchor}) are not allowed; write the value out",
                                                  "不允许使用别名（*{anchor}）；请直接写出其值", anchor=event.anchor))
    if not isinstance(event, events.NodeEvent):
        if isinstance(event, events.CollectionEndEvent):
            parser._govlint_depth -= 1
        return
    if event.anchor is not None:
        raise _Refused(event.start_mark, i18n.fmt("anchors (&{anchor}) are not allowed; write the value out",
                                                  "不允许使用锚点（&{anchor}）；请直接写出其值", anchor=event.anchor))
    tag = getattr(event, "tag", None)  # a scalar's or a collection's (the node events left)
    if tag is not None and tag not in _STANDARD_TAGS:
        raise _Refused(event.start_mark, i18n.fmt("the tag {tag!r} is not allowed (plain YAML only)",
                                                  "不允许使用标签 {tag!r}（只支持普通 YAML）", tag=_tag_text(tag)))
    parser._govlint_nodes += 1
    if parser._govlint_nodes > MAX_NODES:
        raise _Refused(event.start_mark, i18n.fmt("more than {limit:,} values; this file is too large",
                                                  "值超过 {limit:,} 个；文件过大", limit=MAX_NODES))
    if isinstance(event, events.CollectionStartEvent):
        parser._govlint_depth += 1
        if parser._govlint_depth > MAX_DEPTH:
            raise _Refused(event.start_mark, i18n.fmt("nested more than {limit} levels deep",
                                                      "嵌套超过 {limit} 层", limit=MAX_DEPTH))
    elif (isinstance(event, events.ScalarEvent) and len(event.value) > MAX_NUMBER
          and (event.style is None or tag is not None)
          and _NUMBER_LIKE.fullmatch(event.value)):
        raise _Refused(event.start_mark, i18n.fmt("a number longer than {limit} characters; quote it if it is text",
                                                  "数字超过 {limit} 个字符；如果是文本，请加引号", limit=MAX_NUMBER))


_GUARDED: dict = {}


def _guarded(parser_class):
    """``parser_class`` checking each event it hands to the composer."""
    if parser_class not in _GUARDED:
        class Guarded(parser_class):
            _govlint_depth = 0
            _govlint_nodes = 0

            def get_event(self):
                event = super().get_event()
                _check_event(self, event)
                return event

        _GUARDED[parser_class] = Guarded
    return _GUARDED[parser_class]


def load(text: str, path: str, positions: bool = True):
    """Parse YAML text; with ``positions`` into ruamel's round-trip containers, which
    remember where each key and value is (slower), else into plain data."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if len(text) > MAX_BYTES:
        raise ConfigError(path, None, None, i18n.fmt("larger than {limit:,} bytes; not a govlint file",
                                                     "超过 {limit:,} 字节，不是 govlint 的文件", limit=MAX_BYTES))
    # The pure-Python parser always: the C one cannot be checked event by event.
    yaml = YAML(typ="rt") if positions else YAML(typ="safe", pure=True)
    yaml.Parser = _guarded(yaml.Parser)
    try:
        return yaml.load(text)
    except _Refused as exc:
        raise ConfigError(path, exc.mark.line + 1, exc.mark.column + 1, exc.message) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ConfigError(path, line, column, _invalid(exc.problem or exc.context)) from None
    except YAMLError as exc:
        raise ConfigError(path, None, None, _invalid(exc)) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # a constructor's own error
        raise ConfigError(path, None, None, _invalid(f"{type(exc).__name__}: {exc}")) from None


def _invalid(problem) -> i18n.Message:
    """The YAML parser's own words stay English (they name YAML syntax)."""
    return i18n.fmt("invalid YAML: {problem}", "YAML 格式有误：{problem}", problem=problem)


# -- the cache of parsed rule packs ----------------------------------------------------
def _cache_file(text: str, cache_dir: str) -> str:
    from govlint import __version__

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    return os.path.join(cache_dir, f"yaml-{__version__}-{digest}.json")


def _read_cache(path: str):
    from govlint.support.cache import open_cache_file

    handle = open_cache_file(path)
    if handle is None:
        return None
    try:
        with handle:
            return json.loads(handle.read(4 * MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _write_cache(path: str, data) -> None:
    try:
        encoded = json.dumps(data, ensure_ascii=False)
        if json.loads(encoded) != data:  # only data JSON keeps exactly (string keys, no dates)
            return
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(encoded)
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError):
        pass


def load_cached(text: str, path: str, cache_dir: str | None, build):
    """``build(data)`` of the YAML text's plain data.  ``build`` validates (raising
    ConfigError); only data it accepted is written to the JSON cache, keyed by the
    text's hash, and data read back from the cache goes through ``build`` again."""
    cache = _cache_file(text, cache_dir) if cache_dir is not None else None
    if cache is not None:
        data = _read_cache(cache)
        if data is not None:
            try:
                return build(data)
            except ConfigError:
                pass  # stale: read the text itself
    data = load(text, path, positions=False)
    result = build(data)
    if cache is not None:
        _write_cache(cache, data)
    return result


# -- files ------------------------------------------------------------------------------
def read_text(path: str, what: str = "file") -> str:
    """The text of a regular file of at most MAX_BYTES (a FIFO or /dev/zero is refused,
    not read until memory runs out)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise ConfigError(path, None, None, _cannot_read(what, i18n.os_error(exc))) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ConfigError(path, None, None, _cannot_read(what, i18n.msg("not a regular file", "不是普通文件")))
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ConfigError(path, None, None, _cannot_read(what, i18n.os_error(exc))) from None
    if len(data) > MAX_BYTES:
        raise ConfigError(path, None, None, i18n.fmt("{what} is larger than {limit:,} bytes", "{what}超过 {limit:,} 字节",
                                                     what=_what(what), limit=MAX_BYTES))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ConfigError(path, line, column, i18n.fmt("{what} is not UTF-8 text", "{what}不是 UTF-8 文本",
                                                       what=_what(what))) from None


# What read_text reads, for its messages.
_WHAT = {"file": "文件", "configuration": "配置文件", "rule pack": "规则包", "baseline": "基线文件"}


def _what(what) -> i18n.Message:
    return what if isinstance(what, i18n.Message) else i18n.msg(what, _WHAT.get(what, what))


def _cannot_read(what, reason) -> i18n.Message:
    return i18n.fmt("cannot read {what}: {reason}", "无法读取{what}：{reason}", what=_what(what), reason=reason)


def read(path: str):
    return load(read_text(path, "configuration"), path)


class Located:
    """Positions of keys and values in a loaded YAML document."""

    def __init__(self, path: str):
        self.path = path

    def error(self, node, key=None, message: str = "", value: bool = False) -> ConfigError:
        line: int | None = None
        column: int | None = None
        try:
            lc = getattr(node, "lc", None)  # only ruamel's round-trip containers know positions
            if lc is None:
                pass
            elif isinstance(node, dict) and key is not None and key in node:
                line, column = lc.value(key) if value else lc.key(key)
            elif isinstance(node, list) and key is not None and 0 <= key < len(node):
                line, column = lc.item(key)
            else:
                line, column = lc.line, lc.col
        except (AttributeError, KeyError, TypeError):
            pass
        if line is not None and column is not None:
            line, column = line + 1, column + 1
        return ConfigError(self.path, line, column, message)

    def check_mapping(self, data, known, not_mapping: i18n.Message, unknown) -> None:
        """A document's top level: a mapping (else ``not_mapping`` at 1:1) whose keys are all ``known``
        (else ``unknown(key)`` at that key)."""
        if not isinstance(data, dict):
            raise ConfigError(self.path, 1, 1, not_mapping)
        for key in data:
            if key not in known:
                raise self.error(data, key, unknown(key))


def plain(node):
    """ruamel containers → plain dicts/lists/str (ruamel scalars subclass the builtins)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    return node
