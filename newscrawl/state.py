"""Memory between runs: which articles were emitted, when, with which body and HTTP validators.

Scheduled crawls use it to fetch only what may have changed (conditional requests, a revisit
window) and to emit an article again only when it changed. SQLite by default (setting
`NEWSCRAWL_STATE`, a file path; empty switches memory off).

An article is recorded only after its line was written to the feed, so a killed run loses
nothing: what it had not finished writing is fetched and emitted again by the next run. The same
file holds the near-duplicate index (`newscrawl.duplicates`), written in one transaction with
the article's row.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import attrs
from scrapy import signals


@attrs.frozen
class SeenArticle:
    """What the state remembers of one emitted article."""

    url: str
    first_seen: str
    last_emitted: str
    version: int
    content_hash: str
    date_modified: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    canonical: str | None = None
    """The article's own URL (canonical, AMP and print variants mapped), the key of duplicates."""
    duplicate_of: str | None = None
    """For a duplicate emitted with `NEWSCRAWL_DUPLICATES=mark`: the URL of its original."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_emitted TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    date_modified TEXT,
    etag TEXT,
    last_modified TEXT,
    canonical TEXT,
    duplicate_of TEXT
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical);
"""
_FIELDS = [field.name for field in attrs.fields(SeenArticle)]
_COLUMNS = ", ".join(_FIELDS)


class SqliteState:
    """The state in one SQLite file (WAL mode: a commit per article stays cheap), or in a
    temporary database for this run alone (`path` None: SQLite keeps it in a file it deletes at
    close, so its memory stays flat too)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        """Held around every use of `connection`, so that a transaction is never interleaved."""
        self.connection = sqlite3.connect(self.path or "", check_same_thread=False, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.executescript(_SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """A state file written by an older newscrawl gains the columns added since."""
        known = {row[1] for row in self.connection.execute("PRAGMA table_info(articles)")}
        for name in _FIELDS:
            if name not in known:
                self.connection.execute(f"ALTER TABLE articles ADD COLUMN {name} TEXT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction on the state: everything written inside is committed together, or not
        at all (a failed commit is rolled back, so the next transaction can begin)."""
        with self.lock:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
                self.connection.execute("COMMIT")
            except BaseException:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise

    def get(self, url: str) -> SeenArticle | None:
        """What is remembered of the article at `url`, or None."""
        with self.lock:
            row = self.connection.execute(f"SELECT {_COLUMNS} FROM articles WHERE url = ?", (url,)).fetchone()
        return SeenArticle(*row) if row else None

    def record_emitted(self, article: SeenArticle) -> None:
        """Remember that `article` was written to the feed (replacing what was known of its URL)."""
        values = attrs.astuple(article)
        with self.lock:
            placeholders = ", ".join("?" * len(_FIELDS))
            self.connection.execute(f"INSERT OR REPLACE INTO articles ({_COLUMNS}) VALUES ({placeholders})", values)

    def find(self, *, content_hash: str | None = None, canonical: str | None = None) -> SeenArticle | None:
        """The first emitted article with this body hash or this canonical URL, or None."""
        column, value = ("content_hash", content_hash) if content_hash else ("canonical", canonical)
        if value is None:
            return None
        with self.lock:
            query = f"SELECT {_COLUMNS} FROM articles WHERE {column} = ? ORDER BY rowid LIMIT 1"
            row = self.connection.execute(query, (value,)).fetchone()
        return SeenArticle(*row) if row else None

    def __len__(self) -> int:
        with self.lock:
            return self.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        with self.lock:
            self.connection.close()


def open_state(setting: str | None) -> SqliteState | None:
    """The state a crawl's `NEWSCRAWL_STATE` setting names; None when it is empty."""
    return SqliteState(setting) if setting else None


def is_within(first_seen: str, now: datetime, days: float) -> bool:
    """Is `now` within `days` of `first_seen` (the revisit window of an article)?"""
    return (now - datetime.fromisoformat(first_seen)).total_seconds() <= days * 86400


class StateStore:
    """Scrapy extension that opens the crawl's state (`NEWSCRAWL_STATE`) once, for the spiders
    and the dedup pipeline to share: `crawler.get_extension(StateStore).state`."""

    def __init__(self, setting: str | None, revisit_days: float) -> None:
        self.state = open_state(setting)
        self.revisit_days = revisit_days

    @classmethod
    def from_crawler(cls, crawler) -> StateStore:
        store = cls(crawler.settings.get("NEWSCRAWL_STATE"), crawler.settings.getfloat("NEWSCRAWL_REVISIT_DAYS", 7))
        crawler.signals.connect(store.spider_closed, signal=signals.spider_closed)
        return store

    def spider_closed(self, spider) -> None:
        if self.state is not None:
            self.state.close()
