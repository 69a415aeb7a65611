"""Dedup: one article, one record, within a run and across runs (`newscrawl.duplicates`).

Runs after the page core, on valid records only. A revisit that did not change is skipped as
`unchanged`; a changed one is emitted with `metadata.version` one higher and its first
`firstSeen`. A duplicate (another URL of the same article, the same body, a near copy, setting
`NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD`) is dropped and counted (`NEWSCRAWL_DUPLICATES = "drop"`,
the default) or emitted with `metadata.duplicateOf` naming the record it duplicates (`"mark"`).

What is emitted is remembered when its line is on disk (the `item_scraped` signal, which Scrapy
sends after the feed exporter has written the line), so a killed run loses nothing.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import attrs
from itemadapter import ItemAdapter
from scrapy import signals

from newscrawl.duplicates import DuplicateFinder, minhash, revisit_outcome
from newscrawl.errors import drops_unused_pages
from newscrawl.fingerprints import article_url
from newscrawl.items import Article
from newscrawl.outcomes import PageSkipped
from newscrawl.state import SeenArticle, SqliteState, StateStore

logger = logging.getLogger(__name__)


class DedupPipeline:
    """Scrapy pipeline: revisits, duplicates and the state's record of what was emitted."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.mode: str = crawler.settings.get("NEWSCRAWL_DUPLICATES", "drop")
        if self.mode not in ("drop", "mark"):
            raise ValueError(f"NEWSCRAWL_DUPLICATES must be 'drop' or 'mark', not {self.mode!r}")
        self.threshold = crawler.settings.getfloat("NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD", 0.5)
        self.finder: DuplicateFinder | None = None
        self.own_state: SqliteState | None = None
        """The in-memory state of a crawl that keeps none between runs (`NEWSCRAWL_STATE` empty)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_not_written, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_not_written, signal=signals.item_error)
        return pipeline

    def open_spider(self) -> None:
        store = self.crawler.get_extension(StateStore)
        state = store.state if store is not None else None
        if state is None:
            state = self.own_state = SqliteState(None)
        self.finder = DuplicateFinder.open(state, self.threshold)

    def close_spider(self) -> None:
        if self.own_state is not None:
            self.own_state.close()

    @drops_unused_pages
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        record = ItemAdapter(item)
        url, metadata = record["url"], record["metadata"]
        body_hash, signature = metadata.contentHash, functools.cache(functools.partial(minhash, record["articleBody"]))
        key = article_url(record["canonicalUrl"] or url)
        seen = self.finder.state.get(url)
        outcome = revisit_outcome(seen, body_hash, record["dateModified"])
        if outcome == "unchanged":
            raise PageSkipped(url=url, reason="unchanged")
        duplicate_of = self._duplicate_of(url, key, body_hash, signature) if outcome == "new" else None
        if outcome == "updated":
            self.crawler.stats.inc_value("newscrawl/updated")
        version = seen.version + 1 if seen else 1
        first_seen = seen.first_seen if seen else metadata.dateDownloaded
        self.finder.claim(
            SeenArticle(
                url=url, first_seen=first_seen, last_emitted=metadata.dateDownloaded, version=version,
                content_hash=body_hash, date_modified=record["dateModified"], canonical=key, duplicate_of=duplicate_of,
            ),
            signature() if duplicate_of is None else None,
        )  # fmt: skip
        record["metadata"] = attrs.evolve(metadata, version=version, firstSeen=first_seen, duplicateOf=duplicate_of)
        return item

    def _duplicate_of(self, url: str, key: str, body_hash: str, signature: Any) -> str | None:
        found = self.finder.original_of(url, key, body_hash, signature)
        if found is None:
            return None
        original, how = found
        self.crawler.stats.inc_value("newscrawl/duplicates")
        if self.mode == "drop":
            raise PageSkipped(url=url, reason="duplicate", detail=f"{how} as {original}")
        logger.info("duplicate (%s) of %s: <%s>", how, original, url)
        return original

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        """The article's line is written: remember it, with the response's validators for the
        next run's conditional request."""
        if self.finder is None or not isinstance(item, Article):
            return
        header = response.headers.get if response is not None else (lambda name: None)
        self.finder.remember(
            ItemAdapter(item)["url"],
            etag=(header(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(header(b"Last-Modified") or b"").decode("latin-1") or None,
        )

    def item_not_written(self, item: Any, response: Any, spider: Any, *args: Any) -> None:
        """An item dropped or failed after this pipeline let it through: its claim goes."""
        if self.finder is not None and isinstance(item, Article):
            self.finder.release(ItemAdapter(item)["url"])
