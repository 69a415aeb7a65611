"""What makes two records the same article: a canonical URL, a hash of the body, and a MinHash
of its word shingles for near-duplicates (syndicated copies with other chrome or small edits)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH
from w3lib.url import canonicalize_url, url_query_cleaner

from newscrawl.discovery.links import looks_like_listing_url
from newscrawl.text import match_key, words

TRACKING_PARAMETERS = (
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "cmpid", "ocid",
    "yclid", "twclid", "s_cid", "ito", "smid",
)  # fmt: skip
"""Query parameters that say how a reader came, not what the page is (every `utm_*` counts too)."""

_VARIANT_PARAMETERS = {"amp": None, "outputtype": "amp", "print": None, "view": "print", "output": "amp"}
_AMP_PATH = re.compile(r"(/amp)(?=/|$)|\.amp(?=\.html?$|$)|/amp\.html?$", re.I)
_PRINT_PATH = re.compile(r"(/print)(?=/|$)|\.print(?=\.html?$|$)|/print\.html?$", re.I)
SHINGLE_WORDS = 5
NUM_PERM = 64


def normalise_url(url: str) -> str:
    """A URL without tracking parameters (`utm_*`, `fbclid`…) or fragment, its query sorted and
    its escapes made canonical (w3lib), so that the same page always gives the same URL."""
    canonical = canonicalize_url(url)
    parameters = parse_qsl(urlsplit(canonical).query, keep_blank_values=True)
    tracking = [*TRACKING_PARAMETERS, *(name for name, _ in parameters if name.lower().startswith("utm_"))]
    return url_query_cleaner(canonical, tracking, remove=True, keep_fragments=False)


def article_url(url: str) -> str:
    """The normalised URL of the article itself: AMP and print variants (`/amp/`, `.amp.html`,
    `?amp=1`, `?outputType=amp`, `/print/`, `?print=1`, `?view=print`) mapped to the article."""
    parts = urlsplit(normalise_url(url))
    path = _PRINT_PATH.sub("", _AMP_PATH.sub("", parts.path)) or "/"
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_variant_parameter(name, value)]  # fmt: skip
    return urlunsplit((parts.scheme, parts.netloc.removeprefix("www.").removeprefix("m.").removeprefix("amp."),
                       path, urlencode(query), ""))  # fmt: skip


def _is_variant_parameter(name: str, value: str) -> bool:
    name = name.lower()
    return name in _VARIANT_PARAMETERS and _VARIANT_PARAMETERS[name] in (None, value.lower())


def trusted_canonical(canonical: str | None, fetched_url: str) -> str | None:
    """The page's canonical URL, normalised, unless it cannot be this article's: a home page or
    listing page (a common CMS mistake), or not http(s)."""
    if not canonical or urlsplit(canonical).scheme not in ("http", "https"):
        return None
    if looks_like_listing_url(canonical) and not looks_like_listing_url(fetched_url):
        return None
    return normalise_url(canonical)


def content_hash(body: str) -> str:
    """SHA-1 of the body's words, case-folded: bodies that differ only in white space, case or
    punctuation hash alike."""
    return hashlib.sha1(match_key(body).encode("utf-8")).hexdigest()


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


class NearDuplicateIndex:
    """MinHash LSH over the bodies seen so far, kept in SQLite: which earlier article is this
    body's near copy?

    datasketch's in-memory MinHashLSH costs about 3 KB an article (a third of a gigabyte for
    100 000); here the bands and signatures live in two indexed tables of the state file (or
    of an in-memory database when the crawl keeps no state), so memory stays flat however many
    articles the state holds, and a new run needs no rebuild. The banding (`b` bands of `r`
    rows) is the one datasketch chooses for the threshold.
    """

    def __init__(self, threshold: float, path: str | Path | None = None) -> None:
        self.threshold = threshold
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.bands, self.rows = lsh.b, lsh.r
        self._db = sqlite3.connect(str(path or ":memory:"), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.Lock()
        self._db.executescript(_LSH_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

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
        """Index a body under `key` (an article URL); a key already indexed is kept as it was."""
        rows = [(band_key, key) for band_key in self._band_keys(signature)]
        with self._lock, self._db:  # one transaction: one commit
            self._db.execute("BEGIN")
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
            similarity = float(np.mean(signature.hashvalues == np.frombuffer(stored, dtype=np.uint32)))
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
