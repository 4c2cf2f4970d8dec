"""Where a document comes from: the source's title and the verbatim passage(s) the document models.

A document names its source (``source``). A shipped document also quotes, character for character,
the passage or passages of the source it models (``source.excerpt``), so a reader — and a test —
can hold every item text and every number against the words they came from::

    source:
      title: 《服务标准》合集：「服务标准」（保险公司，第十八条）
      excerpt:
        - 第十八条服务电话在第三次振铃之前要接通。

``excerpt`` is one passage or a list of them, each copied as the source writes it (its
punctuation, its script, its line breaks). A plain text is a title with no excerpt, so documents
users write may keep ``source: 公司服务手册 2026版``.

>>> Source.of("公司服务手册 2026版")
Source(title='公司服务手册 2026版', excerpts=())
>>> s = Source("《服务标准》合集", "第三条公平竞争,不诋毁同业。")
>>> str(s), s.excerpts
('《服务标准》合集', ('第三条公平竞争,不诋毁同业。',))
>>> s.data()
{'title': '《服务标准》合集', 'excerpt': ['第三条公平竞争,不诋毁同业。']}

Documents are validated at the edge (``SourceDoc``) and become a :class:`Source` once.
"""

from __future__ import annotations

from typing import Any

import attrs

from servstd._schema import Shaped

__all__ = ["Source", "as_source"]


def _passages(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Source(Shaped):
    """A document's source: its human ``title`` (and the place in it) and the ``excerpts`` it models.

    ``str(source)`` is the title, so a source prints as it always did.
    """

    title: str = ""
    excerpts: tuple[str, ...] = attrs.field(default=(), converter=_passages)
    """The passages of the source the document models, each verbatim (may be empty)."""

    def __str__(self) -> str:
        return self.title

    @classmethod
    def of(cls, value: Source | str) -> Source:
        """``value`` as a source: a source stays, a text is a title with no excerpt."""
        return value if isinstance(value, Source) else cls(str(value))

    def data(self) -> str | dict[str, Any]:
        """As a document writes it: the title alone when there is no excerpt."""
        if not self.excerpts:
            return self.title
        return {"title": self.title, "excerpt": list(self.excerpts)}


def as_source(value: Source | str) -> Source:
    """``value`` as a source (the converter of every ``source`` field): a text is a title."""
    return Source.of(value)
