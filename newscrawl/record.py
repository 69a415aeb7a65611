"""`extract_record`: the record of one page without Scrapy, through the same stages as a crawl."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs

from newscrawl.items import Page
from pipelines.page import process_page
from pipelines.validate import finish_draft


def extract_record(
    html: str,
    url: str,
    *,
    timezone_name: str | None = None,
    now: datetime | None = None,
    hints: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The record a crawl would emit for `html` fetched from `url`.

    `timezone_name` is the IANA zone of the site, for dates printed without one; `now` is the
    download time that relative dates count from (default: now); `hints` are facts a feed or
    sitemap gave (`title`, `published`, `author`, `language`). Outside a crawl,
    `metadata.spider` is None. Raises `newscrawl.outcomes.PageRejected` when the page yields no
    valid article and `newscrawl.outcomes.PageSkipped` when it is not an article at all (both
    are `PageNotUsed`, also importable from `newscrawl.errors`).
    """
    downloaded = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    page = Page(url=url, html=html, dateDownloaded=downloaded, hints=dict(hints or {}))
    return attrs.asdict(finish_draft(process_page(page, timezone_name=timezone_name)))
