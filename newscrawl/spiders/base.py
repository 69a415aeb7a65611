"""The article-handling path every spider shares: decide whether to fetch, fetch, hand the page
on, and account for every URL that does not become a record."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.discovery.links import may_follow, site_domain
from newscrawl.discovery.sitemaps import parse_moment
from newscrawl.extract.document import binary_kind
from newscrawl.items import Page
from newscrawl.signals import page_failed, page_skipped
from newscrawl.state import StateStore, is_within

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


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


def content_type(response: Response) -> str:
    """The response's media type, lower case, without parameters."""
    return (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower().decode("latin-1")


def is_html(response: Response) -> bool:
    """A text response served as HTML (or with no type at all, as local files are)."""
    return isinstance(response, TextResponse) and content_type(response) in _HTML_TYPES


def unusable_reason(response: Response) -> str | None:
    """Why a response cannot be an article page (not HTML, empty, a binary file), or None."""
    if not is_html(response):
        return f"not an HTML page ({content_type(response) or 'unknown'})"
    if not response.body.strip():
        return "empty response"
    kind = binary_kind(response.body)
    if kind:
        return f"{kind} served as {content_type(response) or 'HTML'}"
    return None


def failure_reason(failure: Failure) -> str:
    """A network failure in a reader's words, with the exception's own message kept."""
    value = failure.value
    text = f"{type(value).__name__}: {value}"
    if "download max size" in text or "maxsize" in text.lower():
        return f"response larger than the download size limit (DOWNLOAD_MAXSIZE); {text}"
    if isinstance(value, TimeoutError) or "Timeout" in type(value).__name__ or "took longer than" in text:
        return f"TimeoutError: no answer within DOWNLOAD_TIMEOUT; {text}"
    if "redirect" in text.lower():
        return f"too many redirects; {text}"
    return text


class ArticleSpider(scrapy.Spider):
    """Base of newscrawl's spiders.

    `article_request` decides whether an article URL needs fetching (the state of earlier runs,
    a revisit window, conditional requests) and fetches it; the response becomes a `Page` item,
    or an error line when it fails. Spider arguments shared by all: `urls`, `url_file`,
    `timezone` (IANA zone for dates printed without one) and `allow_domains` (more domains whose
    links may be followed, comma-separated; by default only the start URLs' own).

    The crawl's domains are `allowed_domains`: the start URLs' sites and `allow_domains`. Scrapy's
    OffsiteMiddleware drops a request off them without a trace, so links are checked with
    `may_follow` before they become requests (a page a feed or sitemap lists and the check leaves
    out is counted as skipped `offsite`), and requests that may lead elsewhere carry
    `allow_offsite`: the URLs the crawl was given, the sitemaps a robots.txt names, the feeds a
    page announces, and article pages, which are followed wherever they redirect.
    """

    def __init__(
        self,
        urls: str | None = None,
        url_file: str | None = None,
        timezone: str | None = None,
        allow_domains: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_urls = split_urls(urls, url_file)
        if not self.start_urls:
            raise ValueError(f"give start URLs with -a urls=URL[,URL...] or -a url_file=PATH ({self.name})")
        self.timezone = timezone
        self.run_started = datetime.now(UTC)
        hosts = {(urlsplit(url).hostname or "").lower() for url in self.start_urls}
        extra = {domain.strip().lower() for domain in (allow_domains or "").split(",") if domain.strip()}
        self.allowed_domains = sorted({site_domain(host) for host in hosts if host} | extra)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.offsite_redirect, signal=signals.request_scheduled)
        return spider

    # --- shared path ----------------------------------------------------------------------

    def may_follow(self, url: str) -> bool:
        """Whether a URL found in a page, feed or sitemap may be fetched (`newscrawl.discovery.links`)."""
        return may_follow(url, self.allowed_domains)

    def article_request(
        self,
        url: str,
        *,
        discovered_via: str | None = None,
        hints: dict | None = None,
        changed_at: str | None = None,
    ) -> scrapy.Request | None:
        """A request for an article page, or None when the state says it need not be fetched
        (counted as a skip). `changed_at` is when the discovery source says the page last
        changed (a sitemap `lastmod`, an Atom `updated`)."""
        headers = {}
        store = self.crawler.get_extension(StateStore)
        seen = store.state.get(url) if store and store.state else None
        if seen is not None:
            now = datetime.now(UTC)
            if not is_within(seen.first_seen, now, store.revisit_days):
                self.report_skip(url, "revisit_window_over")
                return None
            changed = parse_moment(changed_at)
            if changed is not None and changed <= datetime.fromisoformat(seen.last_emitted):
                self.report_skip(url, "unchanged")
                return None
            if seen.etag:
                headers["If-None-Match"] = seen.etag
            if seen.last_modified:
                headers["If-Modified-Since"] = seen.last_modified
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            headers=headers,
            meta={"handle_httpstatus_list": [304], "allow_offsite": True},
            cb_kwargs={"discovered_via": discovered_via, "hints": hints or {}},
        )

    def article_requests(self, entries: Iterable[tuple[str, dict]], discovered_via: str) -> Iterator[scrapy.Request]:
        """Requests for the (url, hints) pairs a feed or sitemap listed, within the crawl's domains."""
        for url, hints in entries:
            if not self.may_follow(url):
                self.report_skip(url, "offsite")
                continue
            changed_at = hints.pop("changed_at", None)
            request = self.article_request(url, discovered_via=discovered_via, hints=hints, changed_at=changed_at)
            if request is not None:
                yield request

    def parse_article(self, response: Response, discovered_via: str | None, hints: dict) -> Iterable[Page]:
        """Hand an HTML response on as a `Page`; a 304 is an unchanged article; anything else is
        an error line."""
        if response.status == 304:
            self.report_skip(response.url, "unchanged")
            return
        page = self.page_of(response, discovered_via, hints)
        if page is not None:
            yield page

    def page_of(self, response: Response, discovered_via: str | None, hints: dict) -> Page | None:
        """The `Page` item of an HTML response, or None (and an error line) when the response
        cannot be an article page."""
        problem = unusable_reason(response)
        if problem:
            self.report_failure(response.url, "fetch", problem, response.status)
            return None
        header = response.headers.get
        return Page(
            url=response.url,
            html=response.body,
            status=response.status,
            contentType=(header(b"Content-Type") or b"").decode("latin-1") or None,
            dateDownloaded=datetime.now(UTC).replace(microsecond=0).isoformat(),
            discoveredVia=discovered_via,
            hints=hints,
        )

    # --- accounting -----------------------------------------------------------------------

    def article_failed(self, failure: Failure) -> None:
        """Errback: an HTTP error, a network failure or a refused request becomes an error line
        (or a counted skip when robots.txt forbids the URL)."""
        self.request_failed(failure, "fetch")

    def discovery_failed(self, failure: Failure) -> None:
        """Errback of feed, sitemap and robots.txt requests."""
        self.request_failed(failure, "discover")

    def request_failed(self, failure: Failure, stage: str) -> None:
        request = failure.request
        if failure.check(HttpError):
            response = failure.value.response
            self.report_failure(request.url, stage, f"HTTP {response.status}", response.status)
        elif failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.report_skip(request.url, "robots")
        else:
            self.report_failure(request.url, stage, failure_reason(failure), None)

    def offsite_redirect(self, request: scrapy.Request, spider: Any) -> None:
        """A followed link or sitemap that redirects off the crawl's domains: Scrapy's offsite
        middleware drops the redirect without a word (no errback, no signal), so it is counted
        here as an `offsite` skip of the URL that was followed."""
        redirects = request.meta.get("redirect_urls")
        if redirects and not request.meta.get("allow_offsite") and not self.may_follow(request.url):
            self.report_skip(redirects[0], "offsite")

    def report_failure(self, url: str, stage: str, reason: str, status: int | None) -> None:
        """Send the `page_failed` signal, which the errors feed writes as one line."""
        self.crawler.signals.send_catch_log(page_failed, url=url, stage=stage, reason=reason, status=status)

    def report_skip(self, url: str, reason: str) -> None:
        """Send the `page_skipped` signal, counted under `newscrawl/skipped/<reason>`."""
        self.crawler.signals.send_catch_log(page_skipped, url=url, reason=reason)
