"""Extract: a fetched page into an article draft (metadata candidates and body blocks).

The one place HTML is parsed: the metadata candidates and trafilatura's body both come from
the same lxml tree. In a crawl this runs in a pool of worker processes (`newscrawl.workers`), so
the reactor keeps downloading while pages are parsed: setting `NEWSCRAWL_EXTRACT_WORKERS`
(default: one per CPU; 0 extracts in the crawl's own process, for debugging) and
`NEWSCRAWL_EXTRACT_TIMEOUT` (seconds a page may take; a page past it, or one that kills its
worker, becomes an error line at stage `extract`).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

import attrs

from newscrawl.draft import ArticleDraft
from newscrawl.errors import PageRejected, PageSkipped
from newscrawl.extract import NotHtmlError, extract_candidates
from newscrawl.extract.classify import article_evidence
from newscrawl.items import Page
from newscrawl.workers import PagePool, WorkerFailed, cpu_count
from pipelines.bylines import resolve_authors
from pipelines.dates import resolve_dates, timezone_for
from pipelines.repeats import clean_draft

logger = logging.getLogger(__name__)


def extract_draft(page: Page, spider: str | None = None) -> ArticleDraft:
    """The draft of a page: its metadata candidates and body blocks.

    Raises `PageRejected` (stage `extract`) for a page that is not HTML or holds no article text,
    and `PageSkipped` for a page of a site crawl that is not an article (a section or tag page).
    """
    try:
        metadata, blocks = extract_candidates(page.html, page.url)
    except NotHtmlError as error:
        raise PageRejected(url=page.url, stage="extract", reason=str(error), status=page.status) from error
    if not blocks:
        raise PageRejected(url=page.url, stage="extract", reason="no article text found", status=page.status)
    is_article, evidence = article_evidence(metadata, blocks, page.url, strict=bool(page.hints.get("require_article")))
    if not is_article:
        raise PageSkipped(url=page.url, reason="not_article", detail=evidence)
    return ArticleDraft(
        url=page.url,
        dateDownloaded=page.dateDownloaded,
        spider=spider,
        status=page.status,
        hints=page.hints,
        etag=page.etag,
        lastModified=page.lastModified,
        metadata=metadata,
        blocks=blocks,
    )


def process_page(page: Page, spider: str | None = None, timezone_name: str | None = None) -> ArticleDraft:
    """Every CPU stage of a page at once (extract, repeats, bylines, dates): what a worker process
    runs, so that one round trip does all the parsing. The draft is marked `stages_done`."""
    draft = clean_draft(extract_draft(page, spider))
    draft = resolve_dates(resolve_authors(draft), timezone_name=timezone_name)
    return attrs.evolve(draft, stages_done=True)


def worker_count(setting: Any) -> int:
    """The number of extract workers a `NEWSCRAWL_EXTRACT_WORKERS` value asks for (empty: one per CPU)."""
    if setting is None or str(setting).strip() == "":
        return cpu_count()
    return max(int(setting), 0)


class ExtractPipeline:
    """Scrapy pipeline: turns each `Page` into an `ArticleDraft`, in a worker process; other items
    pass through."""

    work: ClassVar = staticmethod(process_page)
    """What a worker runs on a page: `work(page, spider_name, timezone_name) -> ArticleDraft`."""

    def __init__(self, crawler: Any = None, *, workers: int = 0, timeout: float = 60.0) -> None:
        self.crawler = crawler
        self.pool = PagePool(self.work, workers, timeout) if workers else None
        self.zones: dict[str, str] = crawler.settings.getdict("NEWSCRAWL_TIMEZONES") if crawler else {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        return cls(
            crawler,
            workers=worker_count(settings.get("NEWSCRAWL_EXTRACT_WORKERS")),
            timeout=settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", 60.0),
        )

    async def open_spider(self) -> None:
        """Start the workers before the first page; if they cannot start, extract in-process."""
        if self.pool is None:
            return
        try:
            await self.pool.start()
        except WorkerFailed as error:
            logger.error("%s: extracting in the crawl's process", error)
            self.pool.close()
            self.pool = None
        else:
            logger.info("extracting pages in %d worker processes", self.pool.workers)

    async def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        spider = self.crawler.spider if self.crawler else None
        if self.pool is None:  # in-process: the later stages run in their own pipelines
            return extract_draft(item, spider.name if spider else None)
        timezone_name = timezone_for(item.url, self.zones, getattr(spider, "timezone", None))
        try:
            return await self.pool.run(item, spider.name if spider else None, timezone_name)
        except WorkerFailed as error:
            raise PageRejected(url=item.url, stage="extract", reason=str(error), status=item.status) from error
