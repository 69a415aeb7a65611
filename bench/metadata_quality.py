"""Author and date quality on labelled pages: newscrawl against trafilatura's own metadata, one run.

    python bench/metadata_quality.py [--data ../shared/bench/article-extraction-benchmark] [--show-misses]

Labelled pages: the benchmark's 181 real pages (labels in bench/labels/, written by reading each
page before any tuning on them) and the example site's pages (their golden records).

Figures: author precision, recall and F1 over (page, person) pairs, names compared on their
words case-folded; the share of pages whose author set is exactly right; published date right to
the day (the calendar date as written; where the label and the prediction both have an offset, the
prediction's day in the label's offset: the same instant written in the page's local offset is the
same day) and to the minute (the same instant when the label has an offset, which the prediction
must then have too; the same wall-clock minute when it has none).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import attrs

MIN_LANGUAGE_PAGES = 5
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"
LABELS = ROOT / "bench" / "labels" / "article-extraction-benchmark.json"
SITE = ROOT / "tests" / "fixtures" / "site"
sys.path.insert(0, str(ROOT))

from bench.languages import declared_language  # noqa: E402
from newscrawl import extract_record  # noqa: E402
from newscrawl.errors import PageNotUsed  # noqa: E402
from newscrawl.text import match_key  # noqa: E402


@attrs.frozen
class LabelledPage:
    """A page and what a careful reader wrote down about it."""

    name: str
    url: str
    html: str
    authors: tuple[str, ...]
    date_published: str | None


@attrs.frozen
class Prediction:
    """What an extractor said about a page."""

    authors: tuple[str, ...]
    date_published: str | None


def load_benchmark(data: Path) -> list[LabelledPage]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    pages = []
    for page_id, label in sorted(labels.items()):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append(LabelledPage(page_id[:12], label["url"], html, tuple(label["authors"]), label["datePublished"]))
    return pages


def load_site() -> list[LabelledPage]:
    pages = []
    for expected_path in sorted(SITE.rglob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        html_path = expected_path.with_name(expected_path.name.replace(".expected.json", ".html"))
        url = expected["url"].replace("{base}", "http://127.0.0.1:8765")
        authors = tuple(author["name"] for author in expected.get("authors", []))
        pages.append(
            LabelledPage(
                html_path.name, url, html_path.read_text(encoding="utf-8"), authors, expected.get("datePublished")
            )
        )
    return pages


def newscrawl_metadata(page: LabelledPage) -> Prediction:
    try:
        record = extract_record(page.html, page.url)
    except PageNotUsed:
        return Prediction((), None)
    return Prediction(tuple(author["name"] for author in record["authors"]), record["datePublished"])


def trafilatura_metadata(page: LabelledPage) -> Prediction:
    """trafilatura's own author and date (asked for the time of day too, to be fair to it)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        page.html, url=page.url, with_metadata=True,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )  # fmt: skip
    if document is None:
        return Prediction((), None)
    authors = tuple(name.strip() for name in (document.author or "").split(";") if name.strip())
    return Prediction(authors, document.date)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    if len(value) > 19 and value[-5] in "+-" and value[-3] != ":":  # +0200 -> +02:00
        value = value[:-2] + ":" + value[-2:]
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def date_right(predicted: str | None, label: str | None, to_minute: bool) -> bool:
    """Is the predicted published date right at this precision (see the module docstring)?"""
    if label is None:
        return predicted is None
    truth, guess = _parse(label), _parse(predicted)
    if truth is None or guess is None:
        return False
    if not to_minute or len(label) <= 10:
        if len(label) > 10 and truth.tzinfo is not None and guess.tzinfo is not None:
            guess = guess.astimezone(truth.tzinfo)
        return guess.date() == truth.date() if len(label) <= 10 or not to_minute else False
    if truth.tzinfo is not None:
        return guess.tzinfo is not None and abs((guess - truth).total_seconds()) < 60
    return guess.replace(tzinfo=None, second=0) == truth.replace(second=0)


@attrs.frozen
class Figures:
    author_precision: float
    author_recall: float
    author_f1: float
    author_exact: float
    date_day: float
    date_minute: float


def score(pages: list[LabelledPage], predictions: list[Prediction]) -> Figures:
    tp = fp = fn = exact = day = minute = 0
    for page, prediction in zip(pages, predictions, strict=True):
        truth = {match_key(name) for name in page.authors}
        guess = {match_key(name) for name in prediction.authors}
        tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
        exact += truth == guess
        day += date_right(prediction.date_published, page.date_published, to_minute=False)
        minute += date_right(prediction.date_published, page.date_published, to_minute=True)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    count = len(pages)
    return Figures(precision, recall, f1, exact / count, day / count, minute / count)


EXTRACTORS: dict[str, Callable[[LabelledPage], Prediction]] = {
    "newscrawl": newscrawl_metadata,
    "trafilatura": trafilatura_metadata,
}


def run(pages: list[LabelledPage], show_misses: bool = False) -> dict[str, Figures]:
    results: dict[str, Figures] = {}
    by_language: dict[str, list[Prediction]] = {}
    print(f"{len(pages)} labelled pages")
    print(f"{'extractor':<12} {'auth P':>7} {'auth R':>7} {'auth F1':>7} {'exact':>6} {'day':>6} {'minute':>6}")
    for name, extractor in EXTRACTORS.items():
        predictions = [extractor(page) for page in pages]
        figures = results[name] = score(pages, predictions)
        print(
            f"{name:<12} {figures.author_precision:7.3f} {figures.author_recall:7.3f} {figures.author_f1:7.3f}"
            f" {figures.author_exact:6.3f} {figures.date_day:6.3f} {figures.date_minute:6.3f}"
        )
        if show_misses and name == "newscrawl":
            _print_misses(pages, predictions)
        by_language[name] = predictions
    _print_languages(pages, by_language)
    return results


def _print_languages(pages: list[LabelledPage], predictions: dict[str, list[Prediction]]) -> None:
    """Author F1 and day of each extractor over the pages of each language with
    `MIN_LANGUAGE_PAGES` or more."""
    languages = [declared_language(page.html) for page in pages]
    counts = Counter(languages)
    print(f"\nper language ({MIN_LANGUAGE_PAGES} pages or more): author F1 and day of " + ", ".join(predictions))
    for language, count in counts.most_common():
        if count < MIN_LANGUAGE_PAGES:
            continue
        chosen = [i for i, lang in enumerate(languages) if lang == language]
        cells = []
        for tool_predictions in predictions.values():
            figures = score([pages[i] for i in chosen], [tool_predictions[i] for i in chosen])
            cells.append(f"{figures.author_f1:.3f} {figures.date_day:.3f}")
        print(f"  {language:<4} {count:>4} pages  " + "   ".join(cells))
    rest = ", ".join(f"{language} {count}" for language, count in counts.most_common() if count < MIN_LANGUAGE_PAGES)
    print(f"  (fewer pages: {rest})")


def _print_misses(pages: Iterable[LabelledPage], predictions: Iterable[Prediction]) -> None:
    for page, prediction in zip(pages, predictions, strict=True):
        authors_ok = {match_key(n) for n in page.authors} == {match_key(n) for n in prediction.authors}
        date_ok = date_right(prediction.date_published, page.date_published, to_minute=True)
        if not (authors_ok and date_ok):
            print(
                f"  {page.name}: authors {list(prediction.authors)} vs {list(page.authors)}"
                f"{'' if date_ok else f'; date {prediction.date_published} vs {page.date_published}'}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    run(load_benchmark(args.data) + load_site(), args.show_misses)


if __name__ == "__main__":
    main()
