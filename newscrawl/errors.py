"""The errors feed: every page that does not become a record becomes one JSON line here.

A line holds the URL, the stage that gave up (`fetch`, `extract`, `validate`…), the reason, the
HTTP status where there was one, and the time. Stages report failures by raising `PageRejected`
(from a pipeline, through `drops_unused_pages`) or by sending the `page_failed` signal (from a
spider's errback); the `ErrorFeed` extension writes the line and counts it under
`newscrawl/errors/<stage>`. Pages skipped on purpose (robots.txt, duplicates) are counted under
`newscrawl/skipped/<reason>`.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.logformatter import LogFormatter

from newscrawl.outcomes import PageNotUsed, PageRejected, PageSkipped
from newscrawl.output import uri_params
from newscrawl.signals import page_failed, page_skipped

__all__ = ["ErrorFeed", "PageDropped", "PageNotUsed", "PageRejected", "PageSkipped", "drops_unused_pages"]

logger = logging.getLogger(__name__)

class PageDropped(DropItem):
    """A page that ends without a record, as an item pipeline tells Scrapy (`outcome` says why)."""

    def __init__(self, outcome: PageNotUsed) -> None:
        super().__init__(str(outcome), log_level=outcome.log_level)
        self.outcome = outcome


def drops_unused_pages(process_item: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a pipeline's `process_item` (plain or async) so that a `PageNotUsed` raised by the
    stage's core reaches Scrapy as a `PageDropped`."""
    if inspect.iscoroutinefunction(process_item):

        @functools.wraps(process_item)
        async def awaiting(*args: Any) -> Any:
            try:
                return await process_item(*args)
            except PageNotUsed as outcome:
                raise PageDropped(outcome) from outcome

        return awaiting

    @functools.wraps(process_item)
    def calling(*args: Any) -> Any:
        try:
            return process_item(*args)
        except PageNotUsed as outcome:
            raise PageDropped(outcome) from outcome

    return calling


def error_line(url: str, stage: str, reason: str, status: int | None = None) -> dict[str, Any]:
    """One line of the errors feed."""
    return {
        "url": url,
        "stage": stage,
        "reason": reason,
        "status": status,
        "time": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }


class ErrorFeed:
    """Scrapy extension: writes the errors feed (setting `NEWSCRAWL_ERRORS`, a path template
    with the FEEDS placeholders `%(name)s` and `%(time)s`) and counts every failure and skip."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.template: str = crawler.settings.get("NEWSCRAWL_ERRORS") or ""
        self.path: Path | None = None
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler) -> ErrorFeed:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(extension.failed, signal=page_failed)
        crawler.signals.connect(extension.skipped, signal=page_skipped)
        return extension

    def spider_opened(self, spider) -> None:
        if self.template:
            self.path = Path(self.template % uri_params({}, spider))

    def spider_closed(self, spider) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def failed(self, url: str, stage: str, reason: str, status: int | None = None) -> None:
        """Write one error line and count it."""
        self.stats.inc_value(f"newscrawl/errors/{stage}")
        self.stats.inc_value("newscrawl/errors")
        logger.warning("page failed at %s: %s <%s>", stage, reason, url)
        if self.path is None:
            return
        if self.file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = self.path.open("a", encoding="utf-8")
        self.file.write(json.dumps(error_line(url, stage, reason, status), ensure_ascii=False) + "\n")
        self.file.flush()

    def skipped(self, url: str, reason: str) -> None:
        """Count a page skipped on purpose."""
        self.stats.inc_value(f"newscrawl/skipped/{reason}")
        self.stats.inc_value("newscrawl/skipped")

    def item_dropped(self, item, response, exception, spider) -> None:
        exception = getattr(exception, "outcome", exception)
        if isinstance(exception, PageRejected):
            self.failed(exception.url, exception.stage, exception.reason, exception.status)
        elif isinstance(exception, PageSkipped):
            self.skipped(exception.url, exception.reason)
        else:
            self.failed(_url_of(item, response), "pipeline", str(exception) or type(exception).__name__)

    def item_error(self, item, response, spider, failure) -> None:
        self.failed(_url_of(item, response), "pipeline", _describe(failure))

    def request_dropped(self, request, spider) -> None:
        """A redirect the scheduler refused as already seen is a redirect loop: the page it came
        from is lost, so it is an error (other refused duplicates are just links seen twice)."""
        redirects = request.meta.get("redirect_urls")
        if redirects:
            self.failed(redirects[0], "fetch", f"redirect loop: {request.url} was already requested", None)

    def spider_error(self, failure, response, spider) -> None:
        self.failed(response.url, "spider", _describe(failure), response.status)


class ItemlessLogFormatter(LogFormatter):
    """Scrapy's log formatter, but a dropped or failed item is named by its URL, not printed
    whole (a page item holds the full HTML)."""

    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        return {**entry, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def item_error(self, item, exception, response, spider):
        entry = super().item_error(item, exception, response, spider)
        return {**entry, "msg": "Error processing <%(url)s>", "args": {"url": _url_of(item, response)}}


def _url_of(item: Any, response: Any) -> str:
    return getattr(item, "url", None) or getattr(response, "url", "") or ""


def _describe(failure: Any) -> str:
    value = failure.value
    return f"{type(value).__name__}: {value}"
