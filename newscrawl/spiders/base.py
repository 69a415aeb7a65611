"""The article-handling path every spider shares: fetch a page, hand it on, account for failures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.errors import page_failed, page_skipped
from newscrawl.items import Page

_HTML_TYPES = (b"text/html", b"application/xhtml+xml", b"text/plain", b"")


def _as_url(entry: str, base: Path) -> str:
    """A URL as given, or a local path (relative to `base`) as a file:// URL."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", entry):
        return entry
    return (base / entry).resolve().as_uri()


def split_urls(urls: str | None = None, url_file: str | None = None) -> list[str]:
    """Start URLs from `-a urls=A,B` and `-a url_file=PATH` (one a line, `#` starts a comment).

    An entry without a scheme is a local file: relative to the URL file's folder, or to the
    current folder for `-a urls`.
    """
    found = [_as_url(url.strip(), Path.cwd()) for url in (urls or "").split(",") if url.strip()]
    if url_file:
        path = Path(url_file)
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                found.append(_as_url(line, path.parent))
    return list(dict.fromkeys(found))


class ArticleSpider(scrapy.Spider):
    """Base of newscrawl's spiders: `article_request` fetches a page whose response becomes a
    `Page` item, or an error line when it fails.

    Spider arguments shared by all: `timezone` (IANA zone for dates printed without one).
    """

    def __init__(self, *args: Any, timezone: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timezone = timezone
        self.run_started = datetime.now(UTC)

    def article_request(self, url: str, *, discovered_via: str | None = None, hints: dict | None = None):
        """A request for an article page."""
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"discovered_via": discovered_via, "hints": hints or {}},
        )

    def parse_article(self, response: Response, discovered_via: str | None, hints: dict) -> Iterable[Page]:
        """Hand an HTML response on as a `Page`; anything else becomes an error line."""
        content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
        if not isinstance(response, TextResponse) or content_type not in _HTML_TYPES:
            self.report_failure(
                response.url, "fetch", f"not an HTML page ({content_type.decode() or 'unknown'})", response.status
            )
            return
        yield Page(
            url=response.url,
            html=response.text,
            status=response.status,
            dateDownloaded=datetime.now(UTC).replace(microsecond=0).isoformat(),
            discoveredVia=discovered_via,
            hints=hints,
        )

    def article_failed(self, failure: Failure) -> None:
        """Errback: an HTTP error, a network failure or a refused request becomes an error line
        (or a counted skip when robots.txt forbids the URL)."""
        request = failure.request
        if failure.check(HttpError):
            response = failure.value.response
            self.report_failure(request.url, "fetch", f"HTTP {response.status}", response.status)
        elif failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.crawler.signals.send_catch_log(page_skipped, url=request.url, reason="robots")
        else:
            self.report_failure(request.url, "fetch", f"{type(failure.value).__name__}: {failure.value}", None)

    def report_failure(self, url: str, stage: str, reason: str, status: int | None) -> None:
        """Send the `page_failed` signal, which the errors feed writes as one line."""
        self.crawler.signals.send_catch_log(page_failed, url=url, stage=stage, reason=reason, status=status)
