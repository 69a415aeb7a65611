"""Where a crawl writes: the parameters of the FEEDS and errors-feed path templates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


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
