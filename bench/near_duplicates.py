"""Choosing the near-duplicate threshold from real pages: MinHash similarity of distinct articles
of the article-extraction-benchmark (which must stay apart) against that of syndicated-style
copies of each (which must be found).

    python bench/near_duplicates.py

A copy of an article is made the way syndication changes it: the headline in other case, one
paragraph of the copier's boilerplate added, one paragraph dropped, a few words edited. The
printed table shows, per threshold, the share of copies found and of distinct pairs wrongly
joined.
"""

from __future__ import annotations

import random
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.body_quality import DEFAULT_DATA, load_pages  # noqa: E402
from newscrawl.duplicates import minhash  # noqa: E402

BOILERPLATE = ("This story was originally published by a partner newsroom and is republished here under a "
               "syndication agreement. Copyright the original publisher; all rights reserved.")  # fmt: skip


def syndicated_copy(body: str, rng: random.Random) -> str:
    """A copy as another site runs it: a paragraph less, a paragraph of boilerplate more, a few edits."""
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 3:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    paragraphs.append(BOILERPLATE)
    text = "\n\n".join(paragraphs)
    tokens = text.split(" ")
    for _ in range(max(1, len(tokens) // 100)):  # one word in a hundred edited
        tokens[rng.randrange(len(tokens))] = "edited"
    return " ".join(tokens)


def main() -> None:
    rng = random.Random(7)
    bodies = [truth for _, _, _, truth in load_pages(DEFAULT_DATA) if len(truth.split()) >= 80]
    signatures = [minhash(body) for body in bodies]
    copies = [signature.jaccard(minhash(syndicated_copy(body, rng)))
              for body, signature in zip(bodies, signatures, strict=True)]  # fmt: skip
    distinct = [a.jaccard(b) for a, b in combinations(signatures, 2)]
    print(f"{len(bodies)} articles, {len(distinct)} distinct pairs")
    print(f"copies: min {min(copies):.2f}  median {sorted(copies)[len(copies) // 2]:.2f}")
    print(f"distinct pairs: max {max(distinct):.2f}")
    print(f"{'threshold':>9} {'copies found':>13} {'pairs joined':>13}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        found = sum(c >= threshold for c in copies) / len(copies)
        joined = sum(d >= threshold for d in distinct) / len(distinct)
        print(f"{threshold:9.1f} {found:13.3f} {joined:13.5f}")


if __name__ == "__main__":
    main()
