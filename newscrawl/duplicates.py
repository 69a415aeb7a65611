"""Duplicates: one article, one record, within a run and across runs.

- The same URL as an article an earlier run emitted is a revisit: `unchanged` unless its body or
  `dateModified` changed, then an update (`metadata.version` + 1).
- Another URL of the same article (tracking parameters, AMP or print variants, the canonical URL
  the page names), the same body under any URL, or a near copy of an earlier body (MinHash over
  5-word shingles, LSH) is a duplicate of the first.

Headlines play no part: two different stories may both be called `Live updates`. Only valid
records are judged, and an article's fingerprints are remembered only once its line is on disk
(`DuplicateFinder.remember`, one transaction with its state row): a rejected page or a killed
run never leaves a fingerprint without a record. Articles let through and not yet written are
`claims`: a copy arriving meanwhile is their duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Literal

import attrs
import numpy as np
from datasketch import MinHash, MinHashLSH

from newscrawl.state import SeenArticle, SqliteState
from newscrawl.text import words

SHINGLE_WORDS = 5
NUM_PERM = 64

Outcome = Literal["new", "updated", "unchanged"]


def revisit_outcome(seen: SeenArticle | None, body_hash: str, date_modified: str | None) -> Outcome:
    """Is the article at a known URL new, updated since it was emitted, or unchanged?"""
    if seen is None:
        return "new"
    if seen.content_hash == body_hash and (date_modified is None or date_modified == seen.date_modified):
        return "unchanged"
    return "updated"


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1)


def shingles(body: str) -> set[bytes]:
    """The set of 5-word shingles of a body (case-folded), as bytes."""
    tokens = [token.casefold() for token in words(body)]
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def minhash(body: str) -> MinHash:
    """The MinHash signature of a body's shingles (64 permutations, a fixed seed: comparable
    across runs)."""
    template = _template()
    signature = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme)
    signature.update_batch(list(shingles(body)))
    return signature


def signature_bytes(signature: MinHash) -> bytes:
    """A signature as 256 bytes, for the state store."""
    return signature.hashvalues.astype(np.uint32).tobytes()


def similarity_of(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of equal hash values
    (datasketch's `MinHash.jaccard`, on the stored values without rebuilding a MinHash)."""
    return float(np.mean(first.astype(np.uint32) == second.astype(np.uint32)))


class NearDuplicateIndex:
    """MinHash LSH over the bodies seen so far, kept in SQLite: which earlier article is this
    body's near copy?

    datasketch's in-memory MinHashLSH costs about 3 KB an article (a third of a gigabyte for
    100 000); here the bands and signatures live in two indexed tables of the state (its file, or
    an in-memory database when the crawl keeps no state), so memory stays flat however many
    articles the state holds, a new run needs no rebuild, and a body is indexed in the same
    transaction as its article's row. The banding (`b` bands of `r`
    rows) is the one datasketch chooses for the threshold.
    """

    def __init__(self, threshold: float, state: SqliteState) -> None:
        self.threshold = threshold
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.bands, self.rows = lsh.b, lsh.r
        self._lock, self._db = state.lock, state.connection
        with self._lock:
            self._db.executescript(_LSH_SCHEMA)

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM lsh_signatures").fetchone()[0]

    def _band_keys(self, signature: MinHash) -> list[int]:
        values = signature.hashvalues.astype(np.uint32)
        keys = []
        for band in range(self.bands):
            chunk = values[band * self.rows : (band + 1) * self.rows].tobytes() + bytes([band])
            keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
        return keys

    def add(self, key: str, signature: MinHash) -> None:
        """Index a body under `key` (an article URL); a key already indexed is kept as it was.
        Call it inside a transaction of the state (`SqliteState.transaction`)."""
        rows = [(band_key, key) for band_key in self._band_keys(signature)]
        with self._lock:
            if self._db.execute(_INSERT_SIGNATURE, (key, signature_bytes(signature))).rowcount:
                self._db.executemany("INSERT INTO lsh_bands (band_key, article) VALUES (?, ?)", rows)

    def nearest(self, signature: MinHash, exclude: str | None = None) -> tuple[str, float] | None:
        """The indexed article most like `signature` with an estimated Jaccard similarity at or
        above the threshold (LSH candidates checked against their signatures), or None."""
        keys = self._band_keys(signature)
        with self._lock:
            query = _CANDIDATES.format(placeholders=",".join("?" * len(keys)))
            candidates = self._db.execute(query, keys).fetchall()
        best = None
        for article, stored in candidates:
            if article == exclude:
                continue
            similarity = similarity_of(signature.hashvalues, np.frombuffer(stored, dtype=np.uint32))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (article, similarity)
        return best


_INSERT_SIGNATURE = "INSERT OR IGNORE INTO lsh_signatures (article, signature) VALUES (?, ?)"
_CANDIDATES = (
    "SELECT DISTINCT s.article, s.signature FROM lsh_bands b JOIN lsh_signatures s ON s.article = b.article"
    " WHERE b.band_key IN ({placeholders})"
)
_LSH_SCHEMA = """
CREATE TABLE IF NOT EXISTS lsh_signatures (article TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS lsh_bands (band_key INTEGER NOT NULL, article TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_bands_key ON lsh_bands (band_key);
"""


@attrs.frozen
class Claim:
    """An article let through and not yet on disk: its state row to be, its body's signature
    (None for a duplicate emitted with `duplicateOf`, which is no original for later copies), and
    the item that holds the claim (another item of the same URL never releases or records it)."""

    seen: SeenArticle
    signature: MinHash | None
    owner: object = attrs.field(eq=False, repr=False)


@attrs.define
class DuplicateFinder:
    """What this run and earlier runs emitted (the state: article rows and the near-duplicate
    index), and what is on its way to disk (`claims`)."""

    state: SqliteState
    near: NearDuplicateIndex
    claims: dict[str, Claim] = attrs.field(factory=dict)

    @classmethod
    def open(cls, state: SqliteState, threshold: float) -> DuplicateFinder:
        """A finder that knows every article of the state (the LSH index lives in its file)."""
        return cls(state, NearDuplicateIndex(threshold, state))

    def original_of(
        self, url: str, key: str, body_hash: str, signature: Callable[[], MinHash]
    ) -> tuple[str, str] | None:
        """The URL of the earlier article this one duplicates and how it was found, or None. The
        MinHash `signature()` is only asked for when the cheap tests find nothing."""
        for field, value, how in (("canonical", key, "same article URL"), ("content_hash", body_hash, "same body")):
            claimed = [claim.seen for claim in self.claims.values() if getattr(claim.seen, field) == value]
            for seen in [*claimed, self.state.find(**{field: value})]:
                if seen is not None and seen.url != url:
                    return seen.duplicate_of or seen.url, how
        nearest = self.near.nearest(signature(), exclude=url)
        if nearest is None:
            nearest = self._nearest_claim(signature(), url)
        return (nearest[0], f"near copy ({nearest[1]:.2f} similar)") if nearest else None

    def _nearest_claim(self, signature: MinHash, url: str) -> tuple[str, float] | None:
        similar = [
            (claim.seen.url, similarity_of(signature.hashvalues, claim.signature.hashvalues))
            for claim in self.claims.values()
            if claim.signature is not None and claim.seen.url != url
        ]
        similar = [entry for entry in similar if entry[1] >= self.near.threshold]
        return max(similar, key=lambda entry: entry[1]) if similar else None

    def in_flight(self, url: str) -> bool:
        """Is an article of this URL let through and not yet written?"""
        return url in self.claims

    def claim(self, seen: SeenArticle, signature: MinHash | None, owner: object) -> None:
        """An article (the item `owner`) let through: later copies are its duplicates until it is
        written or released."""
        self.claims[seen.url] = Claim(seen, signature, owner)

    def _claim_of(self, url: str, owner: object) -> Claim | None:
        claim = self.claims.get(url)
        return claim if claim is not None and claim.owner is owner else None

    def release(self, url: str, owner: object) -> None:
        """The article `owner` was let through and not written after all: it stands for nothing."""
        if self._claim_of(url, owner) is not None:
            del self.claims[url]

    def remember(self, url: str, owner: object, **written: str | None) -> None:
        """The line of the article `owner` is on disk: its state row (with `written`, e.g. the
        response's `etag` and `last_modified`) and its body's signature, in one transaction. The
        claim is let go only once that is committed."""
        claim = self._claim_of(url, owner)
        if claim is None:
            return
        with self.state.transaction():
            self.state.record_emitted(attrs.evolve(claim.seen, **written))
            if claim.signature is not None:
                self.near.add(url, claim.signature)
        del self.claims[url]
