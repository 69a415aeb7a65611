"""The article while the page core works on it: candidates in, decided fields out.

Reading the page fills `metadata` and `blocks`; each later step decides its own fields (headline:
headline, alternative headline, kicker and section; repeats: images and clean blocks; bylines:
authors, agencies and credited organisations; dates: the two dates); `newscrawl.article.record`
turns the draft into the published `Article`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from newscrawl.extract.blocks import Block
from newscrawl.extract.metadata import BylineCandidate, DateCandidate, PageMetadata
from newscrawl.items import Author, Image

if TYPE_CHECKING:
    from newscrawl.article.explain import Trace


@attrs.define(kw_only=True)
class ArticleDraft:
    """An article on its way through the pipeline."""

    url: str
    dateDownloaded: str
    spider: str | None = None
    status: int = 200
    hints: dict[str, Any] = attrs.field(factory=dict)
    metadata: PageMetadata = attrs.field(factory=PageMetadata)
    blocks: list[Block] = attrs.field(factory=list)
    trace: Trace | None = attrs.field(default=None, eq=False, repr=False)
    """Where the steps record their choices, for `newscrawl extract --explain`; None: not recorded."""

    headline: str | None = None
    alternativeHeadline: str | None = None
    kicker: str | None = None
    articleSection: str | None = None
    images: list[Image] = attrs.field(factory=list)
    extra_bylines: list[BylineCandidate] = attrs.field(factory=list)
    """Byline lines the body's cleaning took out of the body, for the author choice."""
    extra_dates: list[DateCandidate] = attrs.field(factory=list)
    """Date lines the body's cleaning took out of the body, for the date choice."""

    authors: list[Author] = attrs.field(factory=list)
    agencies: list[str] = attrs.field(factory=list)
    creditedOrganizations: list[str] = attrs.field(factory=list)
    datePublished: str | None = None
    datePublishedRaw: str | None = None
    dateModified: str | None = None
    dateModifiedRaw: str | None = None

    @property
    def language(self) -> str | None:
        """The page's language, or the one its discovery source gave."""
        return self.metadata.language or self.hints.get("language")
