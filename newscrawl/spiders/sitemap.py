"""Spider `sitemap`: the articles of sitemaps, sitemap indexes, gzip'd sitemaps, the sitemaps a
robots.txt names, and Google News sitemaps (whose title, publication date and language are kept
as hints).

    scrapy crawl sitemap -a urls=https://example.com/robots.txt [-a since=2024-06-01 | -a since=2d]
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl.discovery.sitemaps import Sitemap, parse_moment, parse_since, parse_sitemap
from newscrawl.discovery.xml import MalformedXmlError
from newscrawl.spiders.base import ArticleSpider


def entry_hints(sitemap: Sitemap) -> Iterator[tuple[str, dict, str | None]]:
    """(url, hints, date) of each page entry; the date is what `since` compares with."""
    for entry in sitemap.entries:
        hints = {"title": entry.news_title, "published": entry.news_published, "language": entry.news_language,
                 "changed_at": entry.lastmod}  # fmt: skip
        yield entry.url, {key: value for key, value in hints.items() if value}, entry.news_published or entry.lastmod


class SitemapSpider(ArticleSpider):
    """Fetches the sitemaps (or robots.txt files) given with `-a urls=` and every page they list
    that is newer than `-a since=` (an ISO date or an age such as `2d`)."""

    name = "sitemap"

    def __init__(self, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.since: datetime | None = parse_since(since) if since else None

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            callback = self.parse_robots if url.rstrip("/").endswith("/robots.txt") else self.parse_sitemap
            yield scrapy.Request(url, callback=callback, errback=self.discovery_failed, meta={"allow_offsite": True})

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemaps a robots.txt names (on whatever host it puts them)."""
        found = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        if not found:
            self.report_failure(response.url, "discover", "robots.txt names no sitemap", response.status)
        for url in found:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.discovery_failed,
                                 meta={"allow_offsite": True})  # fmt: skip

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index's sitemaps, or a sitemap's pages."""
        try:
            sitemap = parse_sitemap(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except MalformedXmlError as error:
            self.report_failure(response.url, "discover", str(error), response.status)
            return
        if sitemap.recovered and not sitemap.entries:
            self.report_failure(response.url, "discover", "malformed sitemap: no entry could be read", response.status)
            return
        if sitemap.recovered:
            self.crawler.stats.inc_value("newscrawl/discover/recovered")
        if sitemap.kind == "index":
            for entry in sitemap.entries:
                under_start = entry.url.startswith(tuple(self.start_urls))
                if under_start or self.may_follow(entry.url):
                    yield scrapy.Request(entry.url, callback=self.parse_sitemap, errback=self.discovery_failed,
                                         meta={"allow_offsite": under_start})  # fmt: skip
            return
        self.crawler.stats.inc_value("newscrawl/discover/entries", len(sitemap.entries))
        yield from self.article_requests(self._recent(entry_hints(sitemap)), discovered_via=response.url)

    def _recent(self, entries: Iterator[tuple[str, dict, str | None]]) -> Iterator[tuple[str, dict]]:
        for url, hints, date in entries:
            moment = parse_moment(date)
            if self.since is not None and moment is not None and moment < self.since:
                self.report_skip(url, "older_than_since")
                continue
            yield url, hints
