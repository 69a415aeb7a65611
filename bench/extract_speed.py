"""Extraction speed on the article-extraction-benchmark: `newscrawl.extract_record` against plain
`trafilatura.extract` and newspaper4k, in one process, one page at a time, in one run.

    python bench/extract_speed.py [--data ../shared/bench/article-extraction-benchmark] [--rounds 3]

Each tool first makes one untimed pass over every page (imports, caches, dateparser's parser for
each language: costs a process pays once, not per page). Then the tools run interleaved, page by
page, for `--rounds` passes, each pass in another order, and each page counts with its fastest
round. The figures are pages per second over all pages, the median milliseconds a page, and the
ratios of newscrawl's time a page to the others'. newspaper4k runs without network: the HTML is
handed to `download(input_html=…)` and images are not fetched. A figure to compare, not a
pass/fail test; the issue's target is newscrawl ≤ 1.3× trafilatura and faster than newspaper4k.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import newspaper
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"
sys.path.insert(0, str(ROOT))

from bench.body_quality import load_pages  # noqa: E402
from newscrawl import extract_record  # noqa: E402

Extractor = Callable[[str, str], object]


def newscrawl_record(html: str, url: str) -> object:
    """newscrawl's record of a page (it raises `PageRejected` when the page yields none)."""
    return extract_record(html, url)


def trafilatura_text(html: str, url: str) -> object:
    """Plain `trafilatura.extract` with its default settings."""
    return trafilatura.extract(html, url=url)


def newspaper_article(html: str, url: str) -> object:
    """newspaper4k's parse of a page, from the given HTML, without fetching images."""
    article = newspaper.Article(url, fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return article


TOOLS: dict[str, Extractor] = {
    "newscrawl.extract_record": newscrawl_record,
    "trafilatura.extract": trafilatura_text,
    "newspaper4k": newspaper_article,
}


@attrs.frozen
class Speed:
    """How fast one tool went over the pages."""

    pages: int
    seconds: float
    median_ms: float
    failed: int
    """Pages the tool raised an exception on (newscrawl: pages that yield no record)."""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def _timed(extract: Extractor, url: str, html: str) -> tuple[float, bool]:
    """Seconds one tool takes on one page, and whether it failed (a failure still counts its time)."""
    started = time.perf_counter()
    try:
        extract(html, url)
    except Exception:
        return time.perf_counter() - started, False
    return time.perf_counter() - started, True


def measure(tools: dict[str, Extractor], pages: list[tuple[str, str]], rounds: int) -> dict[str, Speed]:
    """Time each tool over the pages (url, html).

    Each tool first makes one untimed pass over all pages (imports, caches, and dateparser's
    parser for each language, built once per process). Then `rounds` timed passes run with the
    tools interleaved page by page, so a machine that slows down or speeds up mid-run weighs on
    every tool alike, and each round starts the rotation with another tool (the one that runs a
    page second finds it warm in the CPU caches); each page counts with its fastest round.
    """
    for extract in tools.values():
        for url, html in pages:
            _timed(extract, url, html)
    best = {name: [float("inf")] * len(pages) for name in tools}
    failed = dict.fromkeys(tools, 0)
    names = list(tools)
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for index, (url, html) in enumerate(pages):
            for name in order:
                seconds, ok = _timed(tools[name], url, html)
                best[name][index] = min(best[name][index], seconds)
                failed[name] += not ok and round_number == 0
    return {
        name: Speed(len(pages), sum(times), statistics.median(times) * 1000, failed[name])
        for name, times in best.items()
    }


def report(speeds: dict[str, Speed]) -> str:
    """A table of the speeds and the ratios of newscrawl's time a page to the others'."""
    ours = speeds["newscrawl.extract_record"]
    lines = [f"{'tool':<26} {'pages':>5} {'pages/s':>8} {'median ms/page':>15} {'failed':>7}"]
    for name, speed in speeds.items():
        lines.append(
            f"{name:<26} {speed.pages:>5} {speed.pages_per_second:>8.1f} {speed.median_ms:>15.1f} {speed.failed:>7}"
        )
    for name, speed in speeds.items():
        if speed is not ours:
            lines.append(
                f"newscrawl / {name}: {ours.seconds / speed.seconds:.2f}× the time a page "
                f"(median {ours.median_ms / speed.median_ms:.2f}×)"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark's folder")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; each page counts its fastest")
    args = parser.parse_args(argv)
    pages = [(url, html) for _, url, html, _ in load_pages(args.data)]
    print(report(measure(TOOLS, pages, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
