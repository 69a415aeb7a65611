"""Where a crawl writes: the parameters of the FEEDS and errors-feed path templates, a file
storage that leaves nothing in a buffer, and a feed exporter that says when a line is written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage

from newscrawl.signals import article_not_written, article_written, page_failed


def run_time_label(moment: datetime | None = None) -> str:
    """The `%(time)s` of output paths: UTC, to the second, safe in file names on every system."""
    moment = moment or datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace(":", "-").replace("+00-00", "Z")


def uri_params(params: dict[str, Any], spider: Any) -> dict[str, Any]:
    """FEED_URI_PARAMS: `%(name)s` and `%(time)s`, where the time is the start of the crawl, so the
    articles file and the errors file of one run carry the same time."""
    start = getattr(spider, "run_started", None)
    params = {**params, "name": spider.name, "time": run_time_label(start)}
    return params


class UnbufferedFileFeedStorage(FileFeedStorage):
    """Scrapy's file feed storage, writing each line straight to the operating system.

    A crawl records an article in its state only after its line is written; with Python's
    buffer in between, a killed crawl would lose lines the state believes were written.
    """

    def open(self, spider: Any) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open(self.write_mode, buffering=0)


class ArticleFeedExporter(FeedExporter):
    """Scrapy's feed exporter (it replaces it in `EXTENSIONS`), sending `article_written` once an
    item's line is written to every feed that takes it. A line that cannot be written is an error
    line at stage `feed`, and the item is not written: the state does not record it, so the next
    run emits it again."""

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        try:
            super().item_scraped(item, spider)
        except Exception as error:  # any storage or exporter failure: the line is not on disk
            url = getattr(item, "url", None) or getattr(response, "url", "")
            reason = f"the line could not be written: {type(error).__name__}: {error}"
            self.crawler.signals.send_catch_log(page_failed, url=url, stage="feed", reason=reason, status=None)
            self.crawler.signals.send_catch_log(article_not_written, item=item, response=response)
            return
        self.crawler.signals.send_catch_log(article_written, item=item, response=response)
