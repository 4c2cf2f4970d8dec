"""The language the command speaks: ``--lang``, then ``SERVSTD_LANG``, then the locale.

Chinese under a Chinese locale (``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` — the first one set, as
POSIX reads them — starting with ``zh``), English under any other; ``SERVSTD_LANG=zh|en`` overrides
the locale and ``--lang zh|en`` overrides both. With no locale variable set at all (Windows), the
locale Python reports decides.

>>> command_language(["--lang", "en"], {"LANG": "zh_CN.UTF-8"})
'en'
>>> command_language([], {"LANG": "zh_CN.UTF-8"}), command_language([], {"LANG": "en_US.UTF-8"})
('zh', 'en')
>>> command_language([], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8", "SERVSTD_LANG": "zh"})
'zh'
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping, Sequence
from typing import Any

from servstd._lang import Lang
from servstd._messages import tr

__all__ = ["LANGUAGE", "command_language", "language", "locale_language", "t"]

LANGUAGE: contextvars.ContextVar[Lang] = contextvars.ContextVar("servstd_cli_language", default="en")
"""The language of the command now running (``main`` sets it once it has read the arguments)."""


def language() -> Lang:
    """The language of the command now running."""
    return LANGUAGE.get()


def t(msgid: str, /, **values: Any) -> str:
    """The message ``msgid`` (English, with ``{name}`` placeholders) in the running command's language.

    >>> token = LANGUAGE.set("zh")
    >>> t("chart written to {path}", path="a.png")
    '图表已写入 a.png'
    >>> LANGUAGE.reset(token)
    """
    return tr(msgid, LANGUAGE.get(), **values)


def _lang_option(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` among the options (before a ``--``), if any."""
    words = list(argv[: list(argv).index("--")] if "--" in argv else argv)
    found = None
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            found = words[i + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


def locale_language(environ: Mapping[str, str]) -> Lang:
    """``zh`` under a Chinese locale, else ``en`` (see the module documentation)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale  # noqa: PLC0415 - read only when no variable says

    try:
        name = locale.getlocale(locale.LC_CTYPE)[0] or ""
    except (ValueError, TypeError):  # an unreadable locale setting
        name = ""
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


def command_language(argv: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language of the command's messages, help and reports (see the module documentation).

    A ``--lang`` value other than ``zh``/``en`` is left to the parser to refuse (in the language the
    rest would give).
    """
    option = _lang_option(argv)
    if option in ("zh", "en"):
        return "zh" if option == "zh" else "en"
    env = environ.get("SERVSTD_LANG", "").strip().lower()
    if env in ("zh", "en"):
        return "zh" if env == "zh" else "en"
    return locale_language(environ)
