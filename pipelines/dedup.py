"""Dedup: one article, one record, across runs.

An article already emitted by an earlier run (same URL, remembered in the state) is emitted
again only when it changed (another body, another `dateModified`), as an update with
`metadata.version` one higher; otherwise it is skipped as `unchanged`. The state records an
article only once its line is written to the feed (the `item_scraped` signal fires after the
feed exporter's), so a killed run loses nothing.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs
from scrapy import signals

from newscrawl.draft import ArticleDraft
from newscrawl.errors import PageSkipped
from newscrawl.extract.blocks import render_body
from newscrawl.state import SeenArticle, StateStore
from pipelines.validate import content_hash

Outcome = Literal["new", "updated", "unchanged"]


def revisit_outcome(seen: SeenArticle | None, body_hash: str, date_modified: str | None) -> Outcome:
    """Is the article new, updated since it was emitted, or unchanged?"""
    if seen is None:
        return "new"
    if seen.content_hash == body_hash and (date_modified is None or date_modified == seen.date_modified):
        return "unchanged"
    return "updated"


class DedupPipeline:
    """Scrapy pipeline: skips unchanged articles, numbers updates, records emissions in the state."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.pending: dict[str, SeenArticle] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    @property
    def state(self):
        store = self.crawler.get_extension(StateStore)
        return store.state if store else None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft) or self.state is None:
            return item
        body_hash = content_hash(render_body(item.blocks))
        seen = self.state.get(item.url)
        outcome = revisit_outcome(seen, body_hash, item.dateModified)
        if outcome == "unchanged":
            raise PageSkipped(url=item.url, reason="unchanged")
        version = seen.version + 1 if seen else 1
        first_seen = seen.first_seen if seen else item.dateDownloaded
        self.pending[item.url] = SeenArticle(
            url=item.url, first_seen=first_seen, last_emitted=item.dateDownloaded, version=version,
            content_hash=body_hash, date_modified=item.dateModified, etag=item.etag, last_modified=item.lastModified,
        )  # fmt: skip
        if outcome == "updated":
            self.crawler.stats.inc_value("newscrawl/updated")
        return attrs.evolve(item, version=version, firstSeen=first_seen)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        """The article's line is written: remember it."""
        seen = self.pending.pop(getattr(item, "url", ""), None)
        if seen is not None and self.state is not None:
            self.state.record_emitted(seen)

    def item_dropped(self, item: Any, response: Any, exception: Exception, spider: Any) -> None:
        self.pending.pop(getattr(item, "url", ""), None)
