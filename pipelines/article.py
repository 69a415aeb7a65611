"""The page core's round trip: a fetched `Page` in, its validated `Article` out.

The whole page core (`newscrawl.article.article_of_page`: decode, parse, headline, repeats,
bylines, dates, record) runs in one call to a pool of worker processes (`newscrawl.workers`), so
the reactor keeps downloading while pages are parsed; with `NEWSCRAWL_EXTRACT_WORKERS=0` the same
function runs in the crawl's own process. Settings: `NEWSCRAWL_EXTRACT_WORKERS` (default: one
per CPU), `NEWSCRAWL_EXTRACT_TIMEOUT` (seconds a page may take; a page past it, or one that
kills its worker, becomes an error line at stage `extract`), `NEWSCRAWL_WORKER_MAX_MEMORY` (MB a
worker may hold after a page before the workers are replaced) and `NEWSCRAWL_TIMEZONES` (each
site's zone, for dates printed without one; the spider argument `-a timezone=` sets one for all).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from newscrawl.article import article_of_page
from newscrawl.article.dates import timezone_for
from newscrawl.errors import drops_unused_pages
from newscrawl.items import Page
from newscrawl.outcomes import PageRejected
from newscrawl.workers import PagePool, WorkerFailed, cpu_count

logger = logging.getLogger(__name__)


def worker_count(setting: Any) -> int:
    """The number of extract workers a `NEWSCRAWL_EXTRACT_WORKERS` value asks for (empty: one per CPU)."""
    if setting is None or str(setting).strip() == "":
        return cpu_count()
    return max(int(setting), 0)


class ArticlePipeline:
    """Scrapy pipeline: turns each `Page` into its validated `Article`, in a worker process; other
    items pass through."""

    work: ClassVar = staticmethod(article_of_page)
    """What runs on a page: `work(page, spider_name, timezone_name) -> Article`."""

    def __init__(self, crawler: Any, *, workers: int = 0, timeout: float = 60.0, max_memory_mb: int = 0) -> None:
        self.crawler = crawler
        self.pool = PagePool(self.work, workers, timeout, max_memory_mb * 1024 * 1024) if workers else None
        self.zones: dict[str, str] = crawler.settings.getdict("NEWSCRAWL_TIMEZONES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArticlePipeline:
        settings = crawler.settings
        return cls(
            crawler,
            workers=worker_count(settings.get("NEWSCRAWL_EXTRACT_WORKERS")),
            timeout=settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", 60.0),
            max_memory_mb=settings.getint("NEWSCRAWL_WORKER_MAX_MEMORY", 0),
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

    @drops_unused_pages
    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        spider = self.crawler.spider
        timezone_name = timezone_for(item.url, self.zones, getattr(spider, "timezone", None))
        if self.pool is None:
            return self.work(item, spider.name, timezone_name)
        try:
            return await self.pool.run(item, spider.name, timezone_name)
        except WorkerFailed as error:
            raise PageRejected(url=item.url, stage="extract", reason=str(error), status=item.status) from error
