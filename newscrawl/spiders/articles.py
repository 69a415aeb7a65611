"""Spider `articles`: fetch a given list of article URLs.

    scrapy crawl articles -a urls=https://example.com/a,https://example.com/b
    scrapy crawl articles -a url_file=urls.txt
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from newscrawl.spiders.base import ArticleSpider


class ArticlesSpider(ArticleSpider):
    """Fetches each URL given with `-a urls=` (comma-separated) or `-a url_file=` as an article.
    http(s) and file:// URLs are accepted."""

    name = "articles"

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            request = self.article_request(url)
            if request is not None:
                yield request
