"""The one language switch: ``lang`` is ``"zh"`` (the default) or ``"en"`` wherever text is rendered.

>>> check_lang("en")
'en'
>>> check_lang("fr")
Traceback (most recent call last):
  ...
servstd.errors.InputValueError: lang='fr' is not accepted; accepted: 'zh', 'en'
"""

from __future__ import annotations

from typing import Literal

from servstd.errors import InputTypeError, InputValueError

__all__ = ["LANGS", "Lang", "check_lang", "in_lang"]

Lang = Literal["zh", "en"]
"""A language servstd renders text in: Chinese (``"zh"``, the default) or English (``"en"``)."""

LANGS: tuple[Lang, ...] = ("zh", "en")


def check_lang(lang: object) -> Lang:
    """``lang`` if it is ``"zh"`` or ``"en"``; another text is an
    :class:`~servstd.errors.InputValueError`, anything else an :class:`~servstd.errors.InputTypeError`."""
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    if not isinstance(lang, str):
        raise InputTypeError(lang, "lang", "'zh' or 'en' (text)")
    raise InputValueError(lang, "lang", LANGS)


def in_lang(zh: str, en: str, lang: object) -> str:
    """A name written in Chinese (``zh``) with an optional English gloss (``en``), in ``lang``:
    the gloss for ``"en"`` when there is one, else the Chinese as written.

    >>> in_lang("重大", "major", "en"), in_lang("重大", "", "en"), in_lang("重大", "major", "zh")
    ('major', '重大', '重大')
    """
    return (en or zh) if check_lang(lang) == "en" else zh
