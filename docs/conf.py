"""Sphinx configuration for the servstd documentation site."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "servstd"
author = "servstd developers"
copyright = "2026, servstd developers"
release = _version("servstd")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "servstd_docs",
    "servstd_languages",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"servstd {release}"
html_static_path = ["_static"]
templates_path = ["_templates"]
# Every page carries a link to itself in the other language (sidebar) and hreflang alternates.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/language.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}

# Languages: English is the source; the Chinese site is built with ``-D language=zh_CN`` into
# ``_build/html/zh_CN/`` from the message catalogs in ``locale/zh_CN/LC_MESSAGES`` (gettext).
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True  # docstring messages are recognised by their location and left English
html_baseurl = "https://servstd.readthedocs.io/"

nitpicky = True
nitpick_ignore_regex = [
    # attrs/pydantic generated members and private engine types are not documented targets
    (r"py:class", r"servstd(\..*)?\._.*"),
    (r"py:class", r"Shelf"),  # the catalog's file index (servstd.catalog.shelf), not a documented target
    (r"py:class", r"(attr|attrs)\..*"),
    (r"py:class", r"(datetime\.|dt\.)?(date|datetime|timedelta|tzinfo|time)"),
    (r"py:class", r"(zoneinfo\.)?ZoneInfo"),
    (r"py:class", r"pydantic\..*"),
    (r"py:class", r"(pathlib\.)?Path|enum\.Enum|(decimal\.)?Decimal|(fractions\.)?Fraction"),
    (
        r"py:(class|exc)",
        r"(Exception|ValueError|TypeError|LookupError|ImportError|UserWarning|str|int|bool|object)",
    ),
    (r"py:class", r"(os\.)?PathLike(\[str\])?"),
    (r"py:class", r"Decimal|Path|Fraction|numpy\..*|np\..*|NDArray.*|pendulum\..*"),
    (r"py:class", r"(collections\.abc\.)?(Iterable|Iterator|Mapping|Sequence|Callable)"),
    (r"py:(class|obj)", r"(typing\.)?(Any|Literal|Self|TypeAlias|Union|Optional)"),
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
# Docstring examples run under pytest (--doctest-modules); the docs session runs the pages' own.
doctest_test_doctest_blocks = ""
doctest_global_setup = """
import datetime as dt
import numpy as np
from zoneinfo import ZoneInfo
import servstd
from servstd.sla import *
from servstd.sla import DeadlineRule, parse_duration, SLAPolicy, ComplaintPolicy, TimerEvent, evaluate_timer, DayKind
from servstd.catalog import catalog
from servstd.standards import parse_standard, read_standard, dump
from servstd.scoring import Finding, Inspection, score
"""
