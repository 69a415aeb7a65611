"""Where a crawl writes: the parameters of the FEEDS and errors-feed path templates, and a file
storage that leaves nothing in a buffer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage


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
