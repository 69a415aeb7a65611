"""Dedup: one article, one record, within a run and across runs (`newscrawl.duplicates`).

Runs after the page core, on valid records only. A revisit that did not change is skipped as
`unchanged`; a changed one is emitted with `metadata.version` one higher and its first
`firstSeen`. A duplicate (another URL of the same article, the same body, a near copy, setting
`NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD`) is dropped and counted (`NEWSCRAWL_DUPLICATES = "drop"`,
the default) or emitted with `metadata.duplicateOf` naming the record it duplicates (`"mark"`).

What is emitted is remembered when its line is on disk (the `article_written` signal of
`newscrawl.output.ArticleFeedExporter`, sent only when every feed wrote it), so a killed run or
a failed write loses nothing: the next run emits the article again.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import attrs
from itemadapter import ItemAdapter
from scrapy import signals

from newscrawl import signals as newscrawl_signals
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
        crawler.signals.connect(pipeline.article_written, signal=newscrawl_signals.article_written)
        crawler.signals.connect(pipeline.item_not_written, signal=newscrawl_signals.article_not_written)
        crawler.signals.connect(pipeline.item_not_written, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_not_written, signal=signals.item_error)
        return pipeline

    def open_spider(self) -> None:
        store = self.crawler.get_extension(StateStore)
        state = store.state if store is not None else None
        if state is None:
            state = self.own_state = SqliteState(None)  # this run's duplicates still count
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
        if self.finder.in_flight(url):
            raise PageSkipped(url=url, reason="duplicate", detail="the same URL is being written")
        seen = self.finder.state.get(url)
        outcome = revisit_outcome(seen, body_hash, record["dateModified"])
        if outcome == "unchanged":
            raise PageSkipped(url=url, reason="unchanged")
        if outcome == "new":
            duplicate_of = self._duplicate_of(url, key, body_hash, signature)
        else:  # an update of a marked duplicate stays one
            duplicate_of = seen.duplicate_of
            self.crawler.stats.inc_value("newscrawl/updated")
        version = seen.version + 1 if seen else 1
        first_seen = seen.first_seen if seen else metadata.dateDownloaded
        self.finder.claim(
            SeenArticle(
                url=url, first_seen=first_seen, last_emitted=metadata.dateDownloaded, version=version,
                content_hash=body_hash, date_modified=record["dateModified"], canonical=key, duplicate_of=duplicate_of,
            ),
            signature() if duplicate_of is None else None,
            item,
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

    def article_written(self, item: Any, response: Any) -> None:
        """The article's line is on disk: remember it, with the response's validators for the
        next run's conditional request."""
        if self.finder is None or not isinstance(item, Article):
            return
        header = response.headers.get if response is not None else (lambda name: None)
        self.finder.remember(
            ItemAdapter(item)["url"],
            item,
            etag=(header(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(header(b"Last-Modified") or b"").decode("latin-1") or None,
        )

    def item_not_written(self, item: Any, *args: Any, **kwargs: Any) -> None:
        """An item let through and then dropped, failed or not written: its claim goes (only its
        own: a copy of the same URL dropped here leaves the claim of the one being written)."""
        if self.finder is not None and isinstance(item, Article):
            self.finder.release(ItemAdapter(item)["url"], item)
