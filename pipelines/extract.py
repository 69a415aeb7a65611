"""Extract: a fetched page into an article draft (metadata candidates and body blocks).

The stage's core, `extract_draft`, is in `pipelines.page` with the other CPU stages a worker runs
with it (a module free of Scrapy). In a crawl it runs in a pool of worker processes
(`newscrawl.workers`), so the reactor keeps downloading while pages are parsed. Settings:
`NEWSCRAWL_EXTRACT_WORKERS` (default: one per CPU; 0 extracts in the crawl's own process, for
debugging), `NEWSCRAWL_EXTRACT_TIMEOUT` (seconds a page may take; a page past it, or one that
kills its worker, becomes an error line at stage `extract`) and `NEWSCRAWL_WORKER_MAX_MEMORY` (MB
a worker may hold after a page before the workers are replaced).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from newscrawl.errors import drops_unused_pages
from newscrawl.items import Page
from newscrawl.outcomes import PageRejected
from newscrawl.workers import PagePool, WorkerFailed, cpu_count
from pipelines.dates import timezone_for
from pipelines.page import extract_draft, process_page

logger = logging.getLogger(__name__)


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

    def __init__(self, crawler: Any = None, *, workers: int = 0, timeout: float = 60.0, max_memory_mb: int = 0) -> None:
        self.crawler = crawler
        self.pool = PagePool(self.work, workers, timeout, max_memory_mb * 1024 * 1024) if workers else None
        self.zones: dict[str, str] = crawler.settings.getdict("NEWSCRAWL_TIMEZONES") if crawler else {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
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
        spider = self.crawler.spider if self.crawler else None
        if self.pool is None:  # in-process: the later stages run in their own pipelines
            return extract_draft(item, spider.name if spider else None)
        timezone_name = timezone_for(item.url, self.zones, getattr(spider, "timezone", None))
        try:
            return await self.pool.run(item, spider.name if spider else None, timezone_name)
        except WorkerFailed as error:
            raise PageRejected(url=item.url, stage="extract", reason=str(error), status=item.status) from error
