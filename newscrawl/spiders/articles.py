"""Spider `articles`: fetch a given list of article URLs.

scrapy crawl articles -a urls=https://example.com/a,https://example.com/b
scrapy crawl articles -a url_file=urls.txt
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from newscrawl.spiders.base import ArticleSpider, split_urls


class ArticlesSpider(ArticleSpider):
    """Fetches each URL given with `-a urls=` (comma-separated) or `-a url_file=` as an article.
    http(s) and file:// URLs are accepted."""

    name = "articles"

    def __init__(self, urls: str | None = None, url_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = split_urls(urls, url_file)
        if not self.start_urls:
            raise ValueError("give article URLs with -a urls=URL[,URL...] or -a url_file=PATH")

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield self.article_request(url)
