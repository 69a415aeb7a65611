"""One article, one record: the same story at four URLs of its site and syndicated on a second
host, crawled from 127.0.0.1; a second run; two stories that share a headline; a copy without a
headline, which is an article too; a failed copy that must not hide its article. Plus the pure
cores: canonical URLs and near-duplicate signatures."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from newscrawl.duplicates import DuplicateFinder, NearDuplicateIndex, minhash
from newscrawl.fingerprints import article_url, normalise_url, trusted_canonical
from newscrawl.settings import ITEM_PIPELINES
from newscrawl.state import SeenArticle, SqliteState
from tests.conftest import FIXTURES, run_crawl, serve
from tests.test_parallel import CRASH_MARKER

PLAIN = "/dupes/2024/06/27/port-strike-ends.html"
VARIANTS = [
    PLAIN + "?utm_source=newsletter&utm_medium=email",
    "/dupes/amp/2024/06/27/port-strike-ends.html",
    "/dupes/print/2024/06/27/port-strike-ends.html",
]
SYNDICATED = "/dupes/wire/port-strike-ends-2024-06-27.html"
LIVE = ["/dupes/live/live-updates-tram-vote.html", "/dupes/live/live-updates-storm.html"]


ARTICLE, NO_HEADLINE = "/article.html", "/no-headline.html"
"""The same body twice: as a proper article, and with no headline anywhere."""
FAILED = ARTICLE + "?" + CRASH_MARKER
"""The article at a URL whose extraction kills its worker process (`tests.test_parallel`)."""


@pytest.fixture(scope="module")
def copies_url() -> Iterator[str]:
    with serve(FIXTURES / "copies") as url:
        yield url


def story_urls(site_url: str) -> list[str]:
    second_host = site_url.replace("127.0.0.1", "localhost")
    return [site_url + PLAIN, *(site_url + path for path in VARIANTS), second_host + SYNDICATED]


def test_same_story_everywhere_gives_one_record(site_url: str, tmp_path: Path) -> None:
    urls = story_urls(site_url)
    result = run_crawl(tmp_path, "articles", "-a", f"urls={','.join(urls)}", settings={"CONCURRENT_REQUESTS": "1"})
    assert len(result.records) == 1 and result.records[0]["url"] in urls  # whichever came first
    assert result.stats["newscrawl/skipped/duplicate"] == 4
    again = run_crawl(tmp_path, "articles", "-a", f"urls={','.join(urls)}", settings={"CONCURRENT_REQUESTS": "1"})
    assert again.records == []
    assert again.stats["newscrawl/skipped/unchanged"] == 1
    assert again.stats["newscrawl/skipped/duplicate"] == 4


def test_mark_mode_emits_duplicates_with_the_original_id(site_url: str, tmp_path: Path) -> None:
    urls = story_urls(site_url)
    settings = {"NEWSCRAWL_DUPLICATES": "mark", "CONCURRENT_REQUESTS": "1"}
    result = run_crawl(tmp_path, "articles", "-a", f"urls={','.join(urls)}", settings=settings)
    marks = {record["url"]: record["metadata"]["duplicateOf"] for record in result.records}
    [first] = [url for url, original in marks.items() if original is None]  # whichever came first
    assert marks == {first: None, **{url: first for url in urls if url != first}}
    canonical = result.record_for(site_url + PLAIN)["canonicalUrl"]
    assert canonical == "https://www.harbour-gazette.example/2024/06/27/port-strike-ends"


def test_two_stories_with_the_same_headline_both_come_out(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "articles", "-a", "urls=" + ",".join(site_url + path for path in LIVE))
    assert sorted(record["url"] for record in result.records) == sorted(site_url + path for path in LIVE)
    assert {record["headline"] for record in result.records} == {"Live updates"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.example.com/a/story.html?utm_source=x&fbclid=1&id=2#top",
            "https://example.com/a/story.html?id=2",
        ),
        ("https://example.com/amp/a/story.html", "https://example.com/a/story.html"),
        ("https://example.com/a/story.amp.html", "https://example.com/a/story.html"),
        ("https://example.com/a/story/amp", "https://example.com/a/story"),
        ("https://m.example.com/a/story?outputType=amp", "https://example.com/a/story"),
        ("https://example.com/print/a/story.html", "https://example.com/a/story.html"),
        ("https://example.com/a/story.html?print=1", "https://example.com/a/story.html"),
        ("https://example.com/a/story.html?view=print&page=2", "https://example.com/a/story.html?page=2"),
    ],
)
def test_article_url_maps_variants(url: str, expected: str) -> None:
    assert article_url(url) == expected


def test_canonical_to_a_home_page_is_not_trusted() -> None:
    page = "https://example.com/2024/06/27/story.html"
    assert trusted_canonical("https://example.com/", page) is None
    assert trusted_canonical("https://other.example/tag/news/", page) is None
    assert trusted_canonical("https://example.com/story?utm_source=x", page) == "https://example.com/story"
    assert normalise_url("http://0.com/?%75tm_source=") == "http://0.com/"


def test_near_duplicate_index() -> None:
    body = " ".join(f"word{i} sentence{i % 7} part{i % 5}" for i in range(300))
    state = SqliteState(None)
    index = NearDuplicateIndex(0.5, state)
    with state.transaction():
        index.add("https://a.example/1", minhash(body))
    edited = body.replace("word150 ", "changed ") + " One extra paragraph of syndication boilerplate here."
    assert index.nearest(minhash(edited))[0] == "https://a.example/1"
    assert index.nearest(minhash("a different story about other things entirely " * 20)) is None
    assert index.nearest(minhash(body), exclude="https://a.example/1") is None


@pytest.mark.parametrize("workers", ["0", None], ids=["in-process", "default-workers"])
@pytest.mark.parametrize("order", [(NO_HEADLINE, ARTICLE), (ARTICLE, NO_HEADLINE)], ids=["bare-first", "article-first"])
def test_a_page_without_a_headline_is_an_article(copies_url: str, tmp_path: Path, order, workers) -> None:
    """A page with an article body and no headline anywhere gives a record whose headline is null
    (schema 2), with extraction in-process or in workers; its copy with a headline is then its
    duplicate, whichever comes first."""
    settings = {"CONCURRENT_REQUESTS": "1"} | ({"NEWSCRAWL_EXTRACT_WORKERS": workers} if workers else {})
    urls = "urls=" + ",".join(copies_url + path for path in order)
    result = run_crawl(tmp_path, "articles", "-a", urls, settings=settings)
    [record] = result.records
    first = order[0] if workers == "0" else record["url"].removeprefix(copies_url)  # workers may finish either first
    assert record["url"] == copies_url + first and result.errors == []
    expected = None if first == NO_HEADLINE else "Old grain terminal to be taken down this summer"
    assert record["headline"] == expected and record["alternativeHeadline"] is None
    assert record["articleBody"].startswith("The harbour authority said on Tuesday")
    assert result.stats["newscrawl/skipped/duplicate"] == 1


@pytest.mark.parametrize("order", [(FAILED, ARTICLE), (ARTICLE, FAILED)], ids=["failed-first", "article-first"])
def test_a_failed_copy_never_hides_the_article(copies_url: str, tmp_path: Path, order) -> None:
    """A copy whose extraction failed (its worker process died) leaves no fingerprint: the article
    is emitted whether it comes before or after, in one run and in the next run. Data loss this
    test catches: a copy's body hash remembered before its record was valid and written, and the
    article then dropped as its duplicate."""
    pipelines = {name: rank for name, rank in ITEM_PIPELINES.items() if not name.endswith("ArticlePipeline")}
    pipelines["tests.test_parallel.CrashingArticlePipeline"] = 100
    settings = {"CONCURRENT_REQUESTS": "1", "NEWSCRAWL_EXTRACT_WORKERS": "1", "ITEM_PIPELINES": json.dumps(pipelines)}
    urls = [copies_url + path for path in order]

    def expect_outcome(results: list) -> None:
        records = [record for result in results for record in result.records]
        errors = [error for result in results for error in result.errors]
        assert [record["url"] for record in records] == [copies_url + ARTICLE]
        assert records[0]["metadata"]["duplicateOf"] is None
        assert [(error["url"], error["stage"]) for error in errors] == [(copies_url + FAILED, "extract")]
        assert "killed its worker process" in errors[0]["reason"]
        assert not any(result.stats.get("newscrawl/skipped/duplicate") for result in results)

    one_run = run_crawl(tmp_path / "one-run", "articles", "-a", "urls=" + ",".join(urls), settings=settings)
    expect_outcome([one_run])
    two_runs = [run_crawl(tmp_path / "two-runs", "articles", "-a", f"urls={url}", settings=settings) for url in urls]
    expect_outcome(two_runs)


def test_fingerprints_are_remembered_only_with_the_written_line() -> None:
    """A claimed article is a duplicate's original while its line is on its way; released (not
    written), it leaves nothing; remembered, its row and its LSH bands are in the state together."""
    body = " ".join(f"word{i} sentence{i % 7} part{i % 5}" for i in range(300))
    state = SqliteState(None)
    finder = DuplicateFinder.open(state, 0.5)
    seen = SeenArticle("https://a.example/1", "2024-06-27T00:00:00+00:00", "2024-06-27T00:00:00+00:00", 1,
                       "hash-1", canonical="https://a.example/1")  # fmt: skip
    copy = ("https://b.example/1", "https://b.example/1", "hash-1", lambda: minhash(body))

    item, other_item_of_that_url = object(), object()
    finder.claim(seen, minhash(body), item)
    assert finder.original_of(*copy) == ("https://a.example/1", "same body")
    assert len(state) == 0 and len(finder.near) == 0
    finder.release(seen.url, other_item_of_that_url)  # a copy dropped meanwhile: the claim stays
    finder.remember(seen.url, other_item_of_that_url)
    assert finder.in_flight(seen.url) and len(state) == 0
    finder.release(seen.url, item)
    assert finder.original_of(*copy) is None

    finder.claim(seen, minhash(body), item)
    finder.remember(seen.url, item, etag='"v1"')
    assert state.get(seen.url).etag == '"v1"' and len(finder.near) == 1
    near_copy = ("https://c.example/1", "https://c.example/1", "hash-2", lambda: minhash(body + " one more line"))
    assert finder.original_of(*near_copy)[0] == "https://a.example/1"


def test_a_failed_commit_records_nothing_and_the_next_one_works() -> None:
    """A commit that fails (here a constraint checked at commit) rolls the transaction back: the
    article stays claimed, nothing of it is in the state, and the next transaction begins."""
    state = SqliteState(None)
    finder = DuplicateFinder.open(state, 0.5)
    state.connection.executescript(
        "CREATE TABLE missing (url TEXT PRIMARY KEY);"
        "CREATE TABLE guard (article TEXT REFERENCES missing(url) DEFERRABLE INITIALLY DEFERRED);"
        "PRAGMA foreign_keys = ON;"
        "CREATE TRIGGER guarded AFTER INSERT ON articles WHEN NEW.url LIKE '%/broken' "
        "BEGIN INSERT INTO guard VALUES (NEW.url); END;"
    )
    seen = SeenArticle("https://a.example/broken", "2024-06-27T00:00:00+00:00", "2024-06-27T00:00:00+00:00", 1, "h")
    item = object()
    finder.claim(seen, minhash("some body text of the story"), item)
    with pytest.raises(sqlite3.IntegrityError):
        finder.remember(seen.url, item)
    assert finder.in_flight(seen.url) and len(state) == 0 and len(finder.near) == 0
    fine = attrs.evolve(seen, url="https://a.example/fine", content_hash="h2")
    finder.claim(fine, None, item)
    finder.remember(fine.url, item)
    assert state.get(fine.url) is not None


def test_a_line_that_could_not_be_written_is_emitted_by_the_next_run(copies_url: str, tmp_path: Path) -> None:
    """A feed that fails to write a line (a full disk): the page is an error line at stage `feed`,
    not a record, and the state does not record it, so the next run emits it."""
    url = f"urls={copies_url}{ARTICLE}"
    full = run_crawl(
        tmp_path,
        "articles",
        "-a",
        url,
        settings={
            "FEED_EXPORTERS": json.dumps(dict.fromkeys(("jsonl", "jsonlines"), "tests.exporters.FullDiskExporter"))
        },
    )
    assert full.records == []
    assert [(error["url"], error["stage"]) for error in full.errors] == [(copies_url + ARTICLE, "feed")]
    assert "No space left on device" in full.errors[0]["reason"]
    assert full.returncode == 1 and "0 records + 1 errors" in full.log
    again = run_crawl(tmp_path, "articles", "-a", url)
    assert [record["url"] for record in again.records] == [copies_url + ARTICLE]
