"""Dedup: one article, one record, within a run and across runs.

- The same URL as an article an earlier run emitted is a revisit: skipped as `unchanged` unless
  its body or `dateModified` changed, then emitted as an update (`metadata.version` + 1).
- Another URL of the same article (tracking parameters, AMP or print variants, the canonical
  URL the page names), the same body under any URL, or a near copy of an earlier body (MinHash
  over word shingles, setting `NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD`) is a duplicate: dropped
  and counted (`NEWSCRAWL_DUPLICATES = "drop"`, the default) or emitted with
  `metadata.duplicateOf` naming the URL of the record it duplicates (`"mark"`).

Headlines play no part: two different stories may both be called `Live updates`.

The state records an article only once its line is written to the feed (the `item_scraped`
signal fires after the feed exporter's), so a killed run loses nothing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Literal

import attrs
from datasketch import MinHash
from scrapy import signals

from newscrawl.draft import ArticleDraft
from newscrawl.errors import drops_unused_pages
from newscrawl.extract.blocks import render_body
from newscrawl.fingerprints import (
    NearDuplicateIndex,
    article_url,
    content_hash,
    minhash,
    trusted_canonical,
)
from newscrawl.outcomes import PageSkipped
from newscrawl.state import SeenArticle, SqliteState, StateStore

logger = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged"]


def revisit_outcome(seen: SeenArticle | None, body_hash: str, date_modified: str | None) -> Outcome:
    """Is the article at a known URL new, updated since it was emitted, or unchanged?"""
    if seen is None:
        return "new"
    if seen.content_hash == body_hash and (date_modified is None or date_modified == seen.date_modified):
        return "unchanged"
    return "updated"


@attrs.define
class DuplicateFinder:
    """What this run and earlier runs emitted, by article URL, body hash and MinHash signature."""

    state: SqliteState | None
    near: NearDuplicateIndex
    by_key: dict[str, str] = attrs.field(factory=dict)
    by_hash: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def open(cls, state: SqliteState | None, threshold: float) -> DuplicateFinder:
        """A finder that knows every article of the state (the LSH index lives in its file)."""
        return cls(state, NearDuplicateIndex(threshold, state.path if state is not None else None))

    def original_of(
        self, url: str, key: str, body_hash: str, signature: Callable[[], MinHash]
    ) -> tuple[str, str] | None:
        """The URL of the earlier article this one duplicates and how it was found, or None. The
        MinHash `signature()` is only asked for when the cheap tests find nothing."""
        if key in self.by_key:
            return self.by_key[key], "same article URL"
        if body_hash in self.by_hash:
            return self.by_hash[body_hash], "same body"
        if self.state is not None:
            for seen, how in ((self.state.find(canonical=key), "same article URL"),
                              (self.state.find(content_hash=body_hash), "same body")):  # fmt: skip
                if seen is not None and seen.url != url:
                    return seen.duplicate_of or seen.url, how
        nearest = self.near.nearest(signature(), exclude=url)
        return (nearest[0], f"near copy ({nearest[1]:.2f} similar)") if nearest else None

    def remember(self, url: str, key: str, body_hash: str, signature: MinHash) -> None:
        """An article about to be emitted: later copies in this run are its duplicates."""
        self.by_key.setdefault(key, url)
        self.by_hash.setdefault(body_hash, url)
        self.near.add(url, signature)


class DedupPipeline:
    """Scrapy pipeline: revisits, duplicates and the state's record of what was emitted."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.mode: str = crawler.settings.get("NEWSCRAWL_DUPLICATES", "drop")
        if self.mode not in ("drop", "mark"):
            raise ValueError(f"NEWSCRAWL_DUPLICATES must be 'drop' or 'mark', not {self.mode!r}")
        self.threshold = crawler.settings.getfloat("NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD", 0.5)
        self.finder: DuplicateFinder | None = None
        self.pending: dict[str, SeenArticle] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    @property
    def state(self) -> SqliteState | None:
        store = self.crawler.get_extension(StateStore)
        return store.state if store else None

    def open_spider(self, spider: Any = None) -> None:
        self.finder = DuplicateFinder.open(self.state, self.threshold)

    def close_spider(self, spider: Any = None) -> None:
        if self.finder is not None:
            self.finder.near.close()

    @drops_unused_pages
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft):
            return item
        if self.finder is None:
            self.open_spider()
        body = render_body(item.blocks)
        body_hash, signature = content_hash(body), functools.cache(functools.partial(minhash, body))
        key = article_url(trusted_canonical(item.metadata.canonical, item.url) or item.url)
        seen = self.state.get(item.url) if self.state is not None else None
        outcome = revisit_outcome(seen, body_hash, item.dateModified)
        if outcome == "unchanged":
            raise PageSkipped(url=item.url, reason="unchanged")
        duplicate_of = None
        if outcome == "new":
            duplicate_of = self._duplicate_of(item.url, key, body_hash, signature)
        else:
            self.crawler.stats.inc_value("newscrawl/updated")
        if duplicate_of is None:
            self.finder.remember(item.url, key, body_hash, signature())
        version = seen.version + 1 if seen else 1
        first_seen = seen.first_seen if seen else item.dateDownloaded
        self.pending[item.url] = SeenArticle(
            url=item.url, first_seen=first_seen, last_emitted=item.dateDownloaded, version=version,
            content_hash=body_hash, date_modified=item.dateModified, etag=item.etag, last_modified=item.lastModified,
            canonical=key, duplicate_of=duplicate_of,
        )  # fmt: skip
        return attrs.evolve(item, version=version, firstSeen=first_seen, duplicateOf=duplicate_of)

    def _duplicate_of(self, url: str, key: str, body_hash: str, signature: Callable[[], MinHash]) -> str | None:
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
        """The article's line is written: remember it."""
        seen = self.pending.pop(getattr(item, "url", ""), None)
        if seen is not None and self.state is not None:
            self.state.record_emitted(seen)

    def item_dropped(self, item: Any, response: Any, exception: Exception, spider: Any) -> None:
        self.pending.pop(getattr(item, "url", ""), None)
