"""Body quality on the article-extraction-benchmark: newscrawl's `articleBody` against plain
`trafilatura.extract` (default settings), scored in one run with the benchmark's own metric.

    python bench/body_quality.py [--data ../shared/bench/article-extraction-benchmark] [--show-worst 10]

The metric (from the benchmark's README): words are maximal runs of `\\w`; shingles are the
multiset of consecutive 4-word tuples (a text of 1-3 words gives one shorter tuple); per page
TP = |predicted ∩ true|, FP = predicted - TP, FN = true - TP. Precision is the mean of
TP/(TP+FP) over pages with a non-empty prediction; recall the mean of TP/(TP+FN) over all
pages; F1 = 2PR/(P+R) of those means; accuracy the share of pages whose word sequence is exact.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs
import trafilatura

MIN_LANGUAGE_PAGES = 5
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"
sys.path.insert(0, str(ROOT))

from bench.languages import declared_language  # noqa: E402
from newscrawl import extract_record  # noqa: E402
from newscrawl.errors import PageNotUsed  # noqa: E402
from newscrawl.text import words  # noqa: E402


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-word shingles of a text (one shorter tuple for 1-3 words)."""
    tokens = words(text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


@attrs.frozen
class PageScore:
    """The counts of one page."""

    tp: int
    fp: int
    fn: int
    exact: bool


def score_page(predicted: str, truth: str) -> PageScore:
    """TP, FP, FN and exact match of one prediction."""
    predicted_shingles, true_shingles = shingles(predicted), shingles(truth)
    tp = sum((predicted_shingles & true_shingles).values())
    return PageScore(
        tp=tp,
        fp=sum(predicted_shingles.values()) - tp,
        fn=sum(true_shingles.values()) - tp,
        exact=words(predicted) == words(truth),
    )


@attrs.frozen
class Summary:
    """Precision, recall, F1 and accuracy over a set of pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float


def summarise(scores: Iterable[PageScore]) -> Summary:
    """The benchmark's aggregate figures of per-page scores."""
    scores = list(scores)
    precisions = [s.tp / (s.tp + s.fp) for s in scores if s.tp + s.fp > 0]
    recalls = [s.tp / (s.tp + s.fn) if s.tp + s.fn > 0 else 1.0 for s in scores]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Summary(precision, recall, f1, sum(s.exact for s in scores) / len(scores) if scores else 0.0)


def load_pages(data: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true body) of every benchmark page, sorted by id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((page_id, truth[page_id]["url"], html, truth[page_id]["articleBody"]))
    return pages


def newscrawl_body(html: str, url: str) -> str:
    """newscrawl's `articleBody` of a page ('' when it yields no record)."""
    try:
        return extract_record(html, url)["articleBody"]
    except PageNotUsed:
        return ""


def trafilatura_body(html: str, url: str) -> str:
    """Plain `trafilatura.extract` with default settings."""
    return trafilatura.extract(html, url=url) or ""


def trafilatura_no_comments_body(html: str, url: str) -> str:
    """`trafilatura.extract` without the page's comments (how the benchmark's README measured it)."""
    return trafilatura.extract(html, url=url, include_comments=False) or ""


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "newscrawl": newscrawl_body,
    "trafilatura": trafilatura_body,
    "traf-nocomm": trafilatura_no_comments_body,
}


def run(data: Path, show_worst: int = 0) -> dict[str, Summary]:
    """Score every extractor on every page; print the table (and the worst pages of newscrawl)."""
    pages = load_pages(data)
    results: dict[str, Summary] = {}
    per_page: dict[str, list[tuple[str, PageScore]]] = {}
    for name, extractor in EXTRACTORS.items():
        scores = [(page_id, score_page(extractor(html, url), truth)) for page_id, url, html, truth in pages]
        per_page[name] = scores
        results[name] = summarise(score for _, score in scores)
    print(f"article-extraction-benchmark: {len(pages)} pages")
    print(f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6}")
    for name, summary in results.items():
        print(f"{name:<12} {summary.f1:6.3f} {summary.precision:6.3f} {summary.recall:6.3f} {summary.accuracy:6.3f}")
    _print_languages(pages, per_page)
    if show_worst:
        print(f"\nworst {show_worst} pages of newscrawl (F1, P, R, id):")

        def page_f1(score: PageScore) -> float:
            return 2 * score.tp / (2 * score.tp + score.fp + score.fn) if score.tp else 0.0

        for page_id, score in sorted(per_page["newscrawl"], key=lambda item: page_f1(item[1]))[:show_worst]:
            p = score.tp / (score.tp + score.fp) if score.tp + score.fp else 0
            r = score.tp / (score.tp + score.fn) if score.tp + score.fn else 0
            print(f"  {page_f1(score):.3f} {p:.3f} {r:.3f} {page_id}")
    return results


def _print_languages(pages: list[tuple[str, str, str, str]], per_page: dict[str, list[tuple[str, PageScore]]]) -> None:
    """F1 of each extractor over the pages of each language with `MIN_LANGUAGE_PAGES` or more."""
    languages = {page_id: declared_language(html) for page_id, _, html, _ in pages}
    counts = Counter(languages.values())
    print(f"\nF1 per language ({MIN_LANGUAGE_PAGES} pages or more): " + ", ".join(per_page))
    for language, count in counts.most_common():
        if count < MIN_LANGUAGE_PAGES:
            continue
        cells = [
            summarise(score for page_id, score in scores if languages[page_id] == language).f1
            for scores in per_page.values()
        ]
        print(f"  {language:<4} {count:>4} pages  " + "  ".join(f"{cell:.3f}" for cell in cells))
    rest = ", ".join(f"{language} {count}" for language, count in counts.most_common() if count < MIN_LANGUAGE_PAGES)
    print(f"  (fewer pages: {rest})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-worst", type=int, default=0)
    args = parser.parse_args()
    run(args.data, args.show_worst)


if __name__ == "__main__":
    main()
