"""Spider `site`: crawl a site from its start pages, following links within its domains, and
emit the pages that are articles (section, tag, author and index pages are counted as skipped).

    scrapy crawl site -a urls=https://example.com/ [-a allow=REGEX] [-a deny=REGEX] [-a depth=N]
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from newscrawl.items import Page
from newscrawl.spiders.base import ArticleSpider, is_html

MAX_LINKS_PER_PAGE = 1000
"""Links followed from one page at most: a page of 100 000 links must not flood the scheduler."""


class SiteSpider(ArticleSpider):
    """Follows links from the start URLs within their domains (`allow`/`deny` regexes narrow it,
    `depth` limits it, default 3, as Scrapy's DEPTH_LIMIT) and hands every HTML page on to be
    judged an article or not."""

    name = "site"

    def __init__(self, allow: str | None = None, deny: str | None = None, depth: str | int = 3, **kwargs: Any):
        super().__init__(**kwargs)
        self.depth = int(depth)
        self.links = LinkExtractor(allow=allow or (), deny=deny or (), unique=True)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """The spider, with `-a depth` as its DEPTH_LIMIT (a `-s DEPTH_LIMIT` still wins): the
        settings are frozen only after the spider is made."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.settings.set("DEPTH_LIMIT", spider.depth, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_page, errback=self.article_failed,
                                 meta={"allow_offsite": True})  # fmt: skip

    def parse_page(self, response: Response) -> Iterator[Page | scrapy.Request]:
        """The page itself (to be judged an article or not) and the links to follow from it."""
        if not is_html(response):  # a feed, a sitemap, a PDF linked from a page
            self.report_skip(response.url, "not_html")
            return
        page = self.page_of(response, None, {"require_article": True})
        if page is None:
            return
        yield page
        if not self.depth:  # the start pages alone (a DEPTH_LIMIT of 0 is no limit)
            return
        for link in self.links.extract_links(response)[:MAX_LINKS_PER_PAGE]:
            if self.may_follow(link.url):
                yield scrapy.Request(link.url, callback=self.parse_page, errback=self.article_failed)
