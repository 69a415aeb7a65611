"""The duplicate check and the state at scale: 100 000 synthetic articles through the same code
the dedup pipeline runs (`DuplicateFinder` + `SqliteState`).

    python bench/dedup_state.py [--articles 100000]

Prints the time per check (signature, lookups, LSH query, remember: the state row and the LSH
bands in one SQLite transaction), the peak
memory of the process (imports included), the state's size on disk (articles and LSH index),
and the time to reopen the state as the next run does. One article in twenty is
a near copy of an earlier one, to exercise the LSH path; each must be found.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.duplicates import DuplicateFinder, minhash  # noqa: E402
from newscrawl.fingerprints import article_url, content_hash  # noqa: E402
from newscrawl.state import SeenArticle, SqliteState  # noqa: E402

VOCABULARY = [f"w{i}" for i in range(20000)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_body(rng: random.Random, words: int = 300) -> str:
    return " ".join(rng.choices(VOCABULARY, k=words))


def near_copy(body: str, rng: random.Random) -> str:
    tokens = body.split()
    for _ in range(3):
        tokens[rng.randrange(len(tokens))] = "edited"
    return " ".join(tokens) + " syndicated by a partner newsroom"


def run(count: int) -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.sqlite"
        state = SqliteState(path)
        finder = DuplicateFinder.open(state, threshold=0.5)
        bodies: deque[str] = deque(maxlen=1000)  # copies are made of recent articles
        found = missed = 0
        started = time.perf_counter()
        for number in range(count):
            copy = number % 20 == 19
            body = near_copy(rng.choice(bodies), rng) if copy else synthetic_body(rng)
            if not copy:
                bodies.append(body)
            url = f"https://news{number % 50}.example/{number}.html"
            key, body_hash, signature = article_url(url), content_hash(body), minhash(body)
            duplicate = finder.original_of(url, key, body_hash, signature)
            if copy:
                found, missed = found + (duplicate is not None), missed + (duplicate is None)
            if duplicate is None:
                seen = SeenArticle(url, "2024-06-27T00:00:00+00:00", "2024-06-27T00:00:00+00:00", 1, body_hash,
                                   canonical=key)  # fmt: skip
                finder.claim(seen, signature, owner=url)
                finder.remember(url, owner=url)
        elapsed = time.perf_counter() - started
        state.close()
        print(f"{count} articles: {elapsed / count * 1000:.2f} ms per check (all of it), {elapsed:.1f} s in all")
        print(f"near copies found: {found} of {found + missed}")
        print(f"peak RSS while checking: {peak_rss_mb():.0f} MB")
        print(f"state on disk: {path.stat().st_size / 1e6:.1f} MB ({path.stat().st_size / count:.0f} bytes an article)")
        started = time.perf_counter()
        reopened = SqliteState(path)
        finder = DuplicateFinder.open(reopened, threshold=0.5)
        print(f"reopening (LSH index of {len(finder.near)} in the file): {time.perf_counter() - started:.2f} s,"
              f" peak RSS {peak_rss_mb():.0f} MB")  # fmt: skip
        reopened.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    run(parser.parse_args().articles)


if __name__ == "__main__":
    main()
