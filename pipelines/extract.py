"""Extract: a fetched page into an article draft (metadata candidates and body blocks).

The one place HTML is parsed: the metadata candidates and trafilatura's body both come from
the same lxml tree.
"""

from __future__ import annotations

from typing import Any

from newscrawl.draft import ArticleDraft
from newscrawl.errors import PageRejected
from newscrawl.extract import NotHtmlError, extract_candidates
from newscrawl.items import Page


def extract_draft(page: Page, spider: str | None = None) -> ArticleDraft:
    """The draft of a page: its metadata candidates and body blocks.

    Raises `PageRejected` (stage `extract`) for a page that is not HTML or holds no article text.
    """
    try:
        metadata, blocks = extract_candidates(page.html, page.url)
    except NotHtmlError as error:
        raise PageRejected(url=page.url, stage="extract", reason=str(error), status=page.status) from error
    if not any(block.kind != "image" for block in blocks):
        raise PageRejected(url=page.url, stage="extract", reason="no article text found", status=page.status)
    return ArticleDraft(
        url=page.url,
        dateDownloaded=page.dateDownloaded,
        spider=spider,
        status=page.status,
        hints=page.hints,
        metadata=metadata,
        blocks=blocks,
    )


class ExtractPipeline:
    """Scrapy pipeline: turns each `Page` into an `ArticleDraft`; other items pass through."""

    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        spider = self.crawler.spider.name if self.crawler and self.crawler.spider else None
        return extract_draft(item, spider)
