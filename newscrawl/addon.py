"""A Scrapy add-on that gives a crawl its default articles feed, unless the user named one.

With FEEDS in settings.py, Scrapy would write there *and* to `-O file.jsonl`; users expect
`-O`/`-o` (or their own FEEDS) to replace the default, so the default is only added when no
feed is configured at all.
"""

from __future__ import annotations

from typing import Any


class DefaultFeed:
    """Adds the feed `NEWSCRAWL_FEED` (JSON lines, UTF-8, articles only) when FEEDS is empty."""

    def update_settings(self, settings: Any) -> None:
        template = settings.get("NEWSCRAWL_FEED")
        if settings.getdict("FEEDS") or not template:
            return
        feed = {"format": "jsonlines", "encoding": "utf-8", "item_classes": ["newscrawl.items.Article"]}
        settings.set("FEEDS", {template: feed}, priority="addon")
