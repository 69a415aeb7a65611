"""Spider `feed`: the articles of RSS 2.0, RSS 1.0 (RDF) and Atom feeds.

    scrapy crawl feed -a urls=https://example.com/feed.xml[,...]

A start URL may also be an HTML page that announces its feed with
`<link rel="alternate" type="application/rss+xml">`: the feed is followed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

from newscrawl.discovery.feeds import Feed, feed_links, parse_feed
from newscrawl.discovery.xml import MalformedXmlError
from newscrawl.extract import NotHtmlError, parse_html
from newscrawl.spiders.base import ArticleSpider


def entry_hints(feed: Feed) -> Iterator[tuple[str, dict]]:
    """(url, hints) of each entry: title, dates, author, language for the pipelines; Atom's
    `updated` as the change date the state compares with."""
    for entry in feed.entries:
        hints = {"title": entry.title, "published": entry.published, "modified": entry.updated,
                 "author": entry.author, "language": feed.language, "changed_at": entry.updated}  # fmt: skip
        yield entry.url, {key: value for key, value in hints.items() if value}


class FeedSpider(ArticleSpider):
    """Fetches the feeds given with `-a urls=` and every article they list."""

    name = "feed"

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.discovery_failed,
                                 cb_kwargs={"follow_html": True}, meta={"allow_offsite": True})  # fmt: skip

    def parse_feed(self, response: Response, follow_html: bool) -> Iterator[scrapy.Request]:
        """A feed's articles; for an HTML page, the feeds it announces."""
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            feed = parse_feed(response.body, response.url, max_size)
        except MalformedXmlError as error:
            yield from self._announced_feeds(response, follow_html, str(error))
            return
        if feed.recovered and not feed.entries:
            self.report_failure(response.url, "discover", "malformed feed: no entry could be read", response.status)
            return
        if feed.recovered:
            self.crawler.stats.inc_value("newscrawl/discover/recovered")
        self.crawler.stats.inc_value("newscrawl/discover/entries", len(feed.entries))
        yield from self.article_requests(entry_hints(feed), discovered_via=response.url)

    def _announced_feeds(self, response: Response, follow_html: bool, reason: str) -> Iterator[scrapy.Request]:
        links = []
        if follow_html and isinstance(response, TextResponse):
            try:
                links = feed_links(parse_html(response.text), response.url)
            except NotHtmlError:
                links = []
        if not links:
            self.report_failure(response.url, "discover", reason, response.status)
        for link in links:
            yield scrapy.Request(link, callback=self.parse_feed, errback=self.discovery_failed,
                                 cb_kwargs={"follow_html": False}, meta={"allow_offsite": True})  # fmt: skip
