"""Messages in two languages: the errors govlint prints about its input, its run and its configuration.

A ``Message`` is a ``str`` whose value is the English text and which carries the Chinese text as
``.zh``: code that only needs a string (``str(exc)``, logs, tests looking for English words) keeps
working, and whoever prints it picks the run's language with ``text(message, lang)``.

Composing keeps both languages: ``fmt(en, zh, **values)`` fills two templates (a Message value is
put in each in its own language), ``join(*parts)`` concatenates.  A plain f-string around a
Message keeps only the English.

The language of a run: ``--lang``, else the configuration's ``lang:``, else Chinese (``DEFAULT``).
"""
from __future__ import annotations

DEFAULT = "zh"
LANGS = ("zh", "en")


class Message(str):
    """English text (the str value) with its Chinese translation in ``.zh``."""

    zh: str

    def __new__(cls, en: str = "", zh: str | None = None):
        self = super().__new__(cls, en)
        self.zh = str(en) if zh is None else str(zh)
        return self

    def __getnewargs__(self):  # pickling and copying keep both languages
        return (str(self), self.zh)

    def __repr__(self) -> str:
        return f"Message({str(self)!r}, zh={self.zh!r})"

    def __add__(self, other):
        if isinstance(other, str):
            return join(self, other)
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, str):
            return join(other, self)
        return NotImplemented


def text(message, lang: str | None) -> str:
    """The text of ``message`` in ``lang`` (zh, else en); a plain str is itself, None is ""."""
    if message is None:
        return ""
    if isinstance(message, Message):
        return str.__str__(message) if lang == "en" else message.zh
    return str(message)


def msg(en: str, zh: str) -> Message:
    return Message(en, zh)


def fmt(en: str, zh: str, **values) -> Message:
    """Both templates filled with ``values`` (str.format); a Message value in each one's language."""
    return Message(en.format(**{key: _in(value, "en") for key, value in values.items()}),
                   zh.format(**{key: _in(value, "zh") for key, value in values.items()}))


def join(*parts, sep: str = "") -> Message:
    """The parts concatenated in each language (plain strings are the same in both)."""
    return Message(sep.join(text(part, "en") for part in parts), sep.join(text(part, "zh") for part in parts))


def of(exc: BaseException):
    """The message an exception was raised with: its Message (both languages) if it has one."""
    args: tuple[object, ...] = getattr(exc, "args", ())
    if len(args) == 1 and isinstance(args[0], Message):
        return args[0]
    return str(exc)


def is_bilingual(message) -> bool:
    return isinstance(message, Message)


def _in(value, lang: str):
    return text(value, lang) if isinstance(value, Message) else value


def os_error(exc: BaseException) -> Message:
    """An OSError's reason (strerror) in both languages, for the usual errno values."""
    import errno as _errno

    en = getattr(exc, "strerror", None) or str(exc)
    zh = _OS_ERRORS.get(getattr(exc, "errno", None) or -1)
    if zh is None and getattr(exc, "errno", None) == getattr(_errno, "EDQUOT", -2):
        zh = "超出磁盘配额"
    return Message(en, zh or en)


def _os_errors() -> dict:
    import errno as e

    table = {
        "ENOENT": "文件或文件夹不存在", "EACCES": "没有权限", "EPERM": "不允许此操作", "ENOSPC": "磁盘空间不足",
        "EROFS": "文件系统是只读的", "EISDIR": "这是一个文件夹", "ENOTDIR": "路径中有一项不是文件夹",
        "EEXIST": "文件已存在", "EIO": "输入/输出错误", "EFBIG": "文件过大", "EMFILE": "打开的文件过多",
        "ENAMETOOLONG": "文件名过长", "ELOOP": "符号链接层数过多", "EBUSY": "设备或资源忙", "EXDEV": "不能跨设备移动",
        "ETXTBSY": "文件正被使用", "ENXIO": "没有这个设备或地址", "EAGAIN": "资源暂时不可用", "EPIPE": "管道已断开",
        "EINVAL": "参数无效", "ENODEV": "没有这个设备",
    }
    return {getattr(e, name): zh for name, zh in table.items() if hasattr(e, name)}


_OS_ERRORS = _os_errors()
