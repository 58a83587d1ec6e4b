"""YAML reading with positions, for configuration files and rule packs (ruamel.yaml).

Problems are raised as ``ConfigError`` naming the file, line and column, so a
user can go straight to the mistake.
"""
from __future__ import annotations

import hashlib
import json
import os


class ConfigError(Exception):
    """A configuration file or rule pack is wrong (exit code 2)."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        where = path if line is None else f"{path}:{line}:{column}"
        super().__init__(f"{where}: {message}")


def load(text: str, path: str, positions: bool = True):
    """Parse YAML text; with ``positions`` into ruamel's round-trip containers, which
    remember where each key and value is (slower), else into plain data (C loader)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        if positions:
            return YAML(typ="rt").load(text)
        try:
            return YAML(typ="safe", pure=False).load(text)
        except (ImportError, AttributeError):  # no C extension: the pure loader
            return YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ConfigError(path, line, column, f"invalid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise ConfigError(path, None, None, f"invalid YAML: {exc}") from None


def load_cached(text: str, path: str, cache_dir: str | None):
    """Plain data of a YAML text, from a JSON cache keyed by the text's hash when possible."""
    if cache_dir is None:
        return load(text, path, positions=False)
    from . import __version__

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    cache = os.path.join(cache_dir, f"yaml-{__version__}-{digest}.json")
    try:
        with open(cache, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        pass
    data = load(text, path, positions=False)
    try:
        encoded = json.dumps(data, ensure_ascii=False)
        if json.loads(encoded) == data:  # only data JSON keeps exactly (string keys)
            temporary = f"{cache}.{os.getpid()}.tmp"
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(encoded)
            os.replace(temporary, cache)
    except (OSError, TypeError, ValueError):
        pass
    return data


def read(path: str):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, None, f"cannot read: {exc}") from None
    return load(text, path)


class Located:
    """Positions of keys and values in a loaded YAML document."""

    def __init__(self, path: str):
        self.path = path

    def error(self, node, key=None, message: str = "", value: bool = False) -> ConfigError:
        line = column = None
        try:
            lc = getattr(node, "lc", None)  # only ruamel's round-trip containers know positions
            if lc is None:
                pass
            elif isinstance(node, dict) and key is not None and key in node:
                line, column = node.lc.value(key) if value else node.lc.key(key)
            elif isinstance(node, list) and key is not None and 0 <= key < len(node):
                line, column = node.lc.item(key)
            else:
                line, column = node.lc.line, node.lc.col
        except (AttributeError, KeyError, TypeError):
            pass
        if line is not None:
            line, column = line + 1, column + 1
        return ConfigError(self.path, line, column, message)


def plain(node):
    """ruamel containers → plain dicts/lists/str (ruamel scalars subclass the builtins)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    return node
