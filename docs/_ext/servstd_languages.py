"""The English and Chinese sites side by side.

English is built at ``_build/html/`` and Chinese at ``_build/html/zh_CN/``. Each page gets the
relative link to itself in the other language (the sidebar switch) and absolute ``hreflang``
alternates under ``html_baseurl``; the Chinese build's ``html_baseurl`` gains ``zh_CN/``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

ZH = "zh_CN"


def _base(config: Config) -> str:
    base = str(config.html_baseurl or "")
    return base if base.endswith("/") else base + "/"


def _config_inited(app: Sphinx, config: Config) -> None:
    app.config.servstd_root_baseurl = _base(config)  # type: ignore[attr-defined]
    if config.language == ZH:
        config.html_baseurl = _base(config) + f"{ZH}/"


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    up = "../" * pagename.count("/")
    root = app.config.servstd_root_baseurl  # type: ignore[attr-defined]
    lang = app.config.language
    context["servstd_lang"] = lang
    context["servstd_other_href"] = f"{up}../{pagename}.html" if lang == ZH else f"{up}{ZH}/{pagename}.html"
    context["servstd_href_en"] = f"{root}{pagename}.html"
    context["servstd_href_zh"] = f"{root}{ZH}/{pagename}.html"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("servstd_root_baseurl", "", "html")
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
