"""Extraction quality on the 181 real pages of the article-extraction-benchmark, held in CI the way
trafilatura holds its own evaluation gate: a floor under F1 and precision (the figures measured
when the floor was set, minus a small margin), and the record invariants of the repeats stage;
a floor under every figure of newscrawl on trafilatura's 990 evaluation pages, scored by
`bench/trafilatura_eval.py`; and floors on the project's own labelled pages (`bench/own_pages.py`:
the held-out set and the multilingual dev set). The benchmark data (../shared/bench) is always there in CI: without
it these tests fail, saying so, rather than skip and let a quality regression through unseen."""

from __future__ import annotations

import time

import attrs
import pytest

from bench import own_pages, trafilatura_eval
from bench.body_quality import DEFAULT_DATA, load_pages, score_page, summarise
from newscrawl import extract_record
from newscrawl.errors import PageNotUsed
from newscrawl.text import match_key, word_count

# measured 2026-11-25: F1 0.970, P 0.969, R 0.971 (plain trafilatura in the same run: 0.953)
F1_FLOOR = 0.965
PRECISION_FLOOR = 0.960


@pytest.fixture(scope="module")
def benchmark_records() -> list[tuple[dict | None, str]]:
    """The record (or None, for a page not used) and the true body text of each benchmark page."""
    pages = list(load_pages(DEFAULT_DATA)) if DEFAULT_DATA.is_dir() else []
    if not pages:
        pytest.fail(
            f"benchmark data missing: no page in {DEFAULT_DATA}. The quality floor needs the "
            "article-extraction-benchmark at ../shared/bench (CI always has it)",
            pytrace=False,
        )
    results = []
    for _, url, html, truth in pages:
        try:
            results.append((extract_record(html, url), truth))
        except PageNotUsed:
            results.append((None, truth))
    return results


def test_f1_and_precision_floor(benchmark_records: list[tuple[dict | None, str]]) -> None:
    """Body F1 and precision over the benchmark stay at or above their floors (a page not used
    scores an empty body)."""
    summary = summarise(
        score_page(record["articleBody"] if record else "", truth) for record, truth in benchmark_records
    )
    print(f"benchmark: F1 {summary.f1:.3f} P {summary.precision:.3f} R {summary.recall:.3f}")
    assert summary.f1 >= F1_FLOOR
    assert summary.precision >= PRECISION_FLOOR


def test_no_repeated_paragraph_headline_or_caption_in_bodies(benchmark_records: list[tuple[dict | None, str]]) -> None:
    """At least 175 of the pages give a record, and no body repeats a long paragraph or holds
    the headline or a caption or credit of three words or more as a paragraph."""
    records = [record for record, _ in benchmark_records if record]
    assert len(records) >= 175
    for record in records:
        paragraphs = [match_key(p) for p in record["articleBody"].split("\n\n")]
        long_ones = [p for p in paragraphs if len(p.split()) >= 5]
        assert len(long_ones) == len(set(long_ones)), f"a paragraph repeats in {record['url']}"
        assert match_key(record["headline"]) not in paragraphs, f"headline in body of {record['url']}"
        for image in record["images"]:
            for text in (image["caption"], image["creditText"]):
                if text and word_count(text) >= 3:
                    assert match_key(text) not in paragraphs, f"caption/credit {text!r} in body of {record['url']}"


# trafilatura-eval, measured 2026-12-04: headline 0.834, author P 0.503 R 0.617 F1 0.554 exact 0.600,
# day 0.884, body snippets P 0.927 R 0.921 F1 0.924, 8 rejected (trafilatura in the same bench run: 0.578,
# 0.456 / 0.541 / 0.495 / 0.552, 0.870 (htmldate 0.870), 0.905 / 0.944 / 0.924); each floor about one point
# under today's figure, the rejected pages at most two more than today.
TRAFILATURA_EVAL_FLOORS = {
    "headline": 0.824,
    "author_precision": 0.493,
    "author_recall": 0.607,
    "author_f1": 0.544,
    "author_exact": 0.590,
    "day": 0.874,
    "body_precision": 0.917,
    "body_recall": 0.911,
    "body_f1": 0.914,
}
TRAFILATURA_EVAL_MOST_REJECTED = 10


def test_trafilatura_eval_floor() -> None:
    """newscrawl alone (trafilatura would double CI time) on the 990 pages of trafilatura-eval, in
    a pool of two processes, scored by the bench's own code: every figure at or above its floor
    and no more pages rejected than allowed."""
    data = trafilatura_eval.DEFAULT_DATA
    if not (data / "pages.jsonl").is_file():
        pytest.fail(
            f"trafilatura-eval data missing: no {data / 'pages.jsonl'}. The quality floor needs "
            "../shared/bench/trafilatura-eval (CI always has it)",
            pytrace=False,
        )
    started = time.monotonic()
    results = trafilatura_eval.read_pages(trafilatura_eval.load_pages(data), ("newscrawl",), workers=2)
    figures = attrs.asdict(trafilatura_eval.score(results, "newscrawl"))
    print(
        f"trafilatura-eval ({figures['pages']} pages, {time.monotonic() - started:.0f} s): "
        + ", ".join(f"{name} {figures[name]:.3f}" for name in TRAFILATURA_EVAL_FLOORS)
        + f", rejected {figures['rejected']}"
    )
    below = {name: f"{figures[name]:.3f} < {floor}" for name, floor in TRAFILATURA_EVAL_FLOORS.items()
             if figures[name] < floor}  # fmt: skip
    assert not below, f"trafilatura-eval figures under their floors: {below}"
    assert figures["rejected"] <= TRAFILATURA_EVAL_MOST_REJECTED, (
        f"{figures['rejected']} trafilatura-eval pages rejected (at most {TRAFILATURA_EVAL_MOST_REJECTED})"
    )


OWN_SET_FLOORS = {
    "held-out": {
        "headline": 0.96, "author_f1": 0.88, "author_exact": 0.76, "day": 0.91, "minute": 0.90, "paragraphs": 0.98,
    },
    "multilingual (dev)": {
        "headline": 0.98, "author_f1": 0.85, "author_exact": 0.76, "day": 0.96, "minute": 0.93, "paragraphs": 0.99,
    },
}  # fmt: skip
"""Measured 2026-12-04 (bench/own_pages.py): held-out, 72 pages in 31 languages and 12 scripts written
and labelled before the rules were read: headline 0.972, author F1 0.900, exact 0.778, day 0.931,
minute 0.912, first/last paragraph 0.993; multilingual dev set, 60 pages in 26 languages: headline
1.000, author F1 0.867, exact 0.783, day 0.983, minute 0.948, paragraphs 1.000. Each floor one to two
points under."""


@pytest.mark.parametrize("name", OWN_SET_FLOORS)
def test_own_pages_floor(name: str) -> None:
    """newscrawl on the project's own labelled pages, scored by `bench/own_pages.py`: every figure
    at or above its floor, no page rejected. Whoever writes rules must not tune them to the
    held-out pages: that floor only guards against losing what they measure."""
    labels, folder = own_pages.SETS[name]
    figures = own_pages.score(own_pages.read_all(own_pages.load_set(labels, folder)), "newscrawl")
    floors = OWN_SET_FLOORS[name]
    print(f"{name}: " + ", ".join(f"{figure} {figures[figure]:.3f}" for figure in floors))
    below = {figure: f"{figures[figure]:.3f} < {floor}" for figure, floor in floors.items() if figures[figure] < floor}
    assert not below, f"{name} figures under their floors: {below}"
    assert figures["rejected"] == 0
