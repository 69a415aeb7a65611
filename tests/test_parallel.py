"""Extraction in worker processes: the same records as in-process extraction; a page that kills
or hangs its worker becomes an error line while the other pages still become records; slow
extraction holds downloads back; workers that hold too much memory are replaced."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy import signals

from newscrawl import settings
from newscrawl.article import article_of_page
from newscrawl.errors import PageRejected
from newscrawl.items import Page
from newscrawl.workers import PagePool, cpu_count
from pipelines.article import ArticlePipeline
from tests.conftest import ROOT, SITE, CrawlResult, run_crawl

PAGES = sorted(SITE.rglob("*.expected.json"))
CRASH_MARKER, HANG_MARKER = "kill-the-worker", "hang-the-worker"
HELD: list[bytes] = []
"""What `hold_memory` keeps, in a worker process."""
TIME_FIELDS = ("dateDownloaded", "firstSeen")
"""Metadata that says when the crawl ran, which differs between any two crawls."""


def crash_or_extract(page: Page, spider: str | None = None, timezone_name: str | None = None):
    """Test-only worker task: exits the worker process abruptly or hangs for a marked URL."""
    if CRASH_MARKER in page.url:
        os._exit(1)
    if HANG_MARKER in page.url:
        time.sleep(600)
    return article_of_page(page, spider, timezone_name)


class CrashingArticlePipeline(ArticlePipeline):
    """The extract pipeline with a worker task that misbehaves on marked URLs."""

    work = staticmethod(crash_or_extract)


def slow_extract(page: Page, spider: str | None = None, timezone_name: str | None = None):
    """Test-only worker task: extraction that takes a fifth of a second more than it needs."""
    time.sleep(0.2)
    return article_of_page(page, spider, timezone_name)


class SlowArticlePipeline(ArticlePipeline):
    """The extract pipeline with slow extraction."""

    work = staticmethod(slow_extract)


class BacklogMeter:
    """Test-only extension: the most pages downloaded and not yet through the pipelines, in the
    stats as `test/max_backlog`."""

    def __init__(self, crawler) -> None:
        self.stats, self.backlog = crawler.stats, 0
        crawler.signals.connect(self.page_received, signal=signals.response_received)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.page_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler) -> BacklogMeter:
        return cls(crawler)

    def page_received(self, response, **_) -> None:
        if "copy=" in response.url:
            self.backlog += 1
            self.stats.max_value("test/max_backlog", self.backlog)

    def page_done(self, item, **_) -> None:
        if "copy=" in getattr(item, "url", ""):
            self.backlog -= 1


def page_urls(site_url: str) -> list[str]:
    return [site_url + "/" + path.relative_to(SITE).as_posix().replace(".expected.json", ".html") for path in PAGES]


def crawl(tmp_path: Path, urls: list[str], **extra_settings: str) -> CrawlResult:
    """A crawl of `urls` without memory of earlier runs; it must succeed."""
    crawl_settings = {"NEWSCRAWL_STATE": "", **extra_settings}
    result = run_crawl(tmp_path, "articles", "-a", f"urls={','.join(urls)}", settings=crawl_settings)
    assert result.returncode == 0, result.log[-3000:]
    return result


def comparable(records: list[dict]) -> list[dict]:
    """Records sorted by URL, without the metadata that says when the crawl ran."""
    for record in records:
        for field in TIME_FIELDS:
            record["metadata"].pop(field, None)
    return sorted(records, key=lambda record: record["url"])


def test_worker_pool_gives_the_records_of_in_process_extraction(site_url: str, tmp_path: Path) -> None:
    urls = page_urls(site_url)
    pooled = crawl(tmp_path / "pool", urls)
    in_process = crawl(tmp_path / "in-process", urls, NEWSCRAWL_EXTRACT_WORKERS="0")
    assert f"extracting pages in {cpu_count()} worker processes" in pooled.log
    assert len(pooled.records) == len(urls)
    assert comparable(pooled.records) == comparable(in_process.records)


@pytest.mark.parametrize("marker", [CRASH_MARKER, HANG_MARKER])
def test_page_that_kills_or_hangs_a_worker_is_an_error_line(site_url: str, tmp_path: Path, marker: str) -> None:
    urls = page_urls(site_url)
    bad = f"{urls[0]}?{marker}"
    pipelines = {name: order for name, order in settings.ITEM_PIPELINES.items() if not name.endswith("ArticlePipeline")}
    pipelines[f"{__name__}.CrashingArticlePipeline"] = 100
    result = crawl(
        tmp_path,
        [bad, *urls],
        ITEM_PIPELINES=json.dumps(pipelines),
        NEWSCRAWL_EXTRACT_WORKERS="2",
        NEWSCRAWL_EXTRACT_TIMEOUT="3",
    )
    assert sorted(record["url"] for record in result.records) == sorted(urls)
    [error] = result.errors
    assert (error["url"], error["stage"]) == (bad, "extract")
    expected = "killed its worker process" if marker == CRASH_MARKER else "took longer than 3 s"
    assert expected in error["reason"]


def test_slow_extraction_holds_downloads_back(site_url: str, tmp_path: Path) -> None:
    """With extraction slower than downloads, pages wait for a worker in Scrapy's scraper slot,
    whose size limit stops new requests: the backlog stays near the limit's worth of pages. With
    no limit the same crawl downloads nearly every page before extracting it."""
    urls = [f"{url}?copy={copy}" for copy in range(4) for url in page_urls(site_url)]  # 60 pages of 1-27 KB
    pipelines = {name: order for name, order in settings.ITEM_PIPELINES.items() if not name.endswith("ArticlePipeline")}
    pipelines[f"{__name__}.SlowArticlePipeline"] = 100
    common = {
        "ITEM_PIPELINES": json.dumps(pipelines),
        "EXTENSIONS": json.dumps({**settings.EXTENSIONS, f"{__name__}.BacklogMeter": 0}),
        "NEWSCRAWL_EXTRACT_WORKERS": "1",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
    }
    limited = crawl(tmp_path / "limited", urls, SCRAPER_SLOT_MAX_ACTIVE_SIZE="10000", **common)
    unlimited = crawl(tmp_path / "unlimited", urls, SCRAPER_SLOT_MAX_ACTIVE_SIZE="100000000", **common)
    for result in (limited, unlimited):
        assert result.stats["item_scraped_count"] + result.stats["item_dropped_count"] == len(urls)
    # the limit's worth of pages, the 4 downloads under way when it is reached, the 2 calls in the
    # pool and those waiting for it: 13 in every run so far; with no limit, 48 to 55 of the 60
    assert limited.stats["test/max_backlog"] <= 20
    assert unlimited.stats["test/max_backlog"] >= 40


def test_page_rejected_in_a_worker_is_rejected_in_the_crawl() -> None:
    pool = PagePool(article_of_page, workers=1, timeout=30)

    async def extract_empty_page() -> None:
        try:
            await pool.run(Page(url="https://example.com/empty.html", html=" ", status=203))
        finally:
            pool.close()

    with pytest.raises(PageRejected) as caught:
        asyncio.run(extract_empty_page())
    rejected = caught.value
    assert (rejected.url, rejected.stage, rejected.reason, rejected.status) == (
        "https://example.com/empty.html",
        "extract",
        "empty document",
        203,
    )


def hold_memory(megabytes: int) -> int:
    """Test-only worker task: keeps `megabytes` more memory, written so it is resident; returns the
    worker's process ID."""
    HELD.append(b"x" * (megabytes << 20))
    return os.getpid()


def worker_pids(max_memory_mb: int, hold_mb: int) -> list[set[int]]:
    """The worker processes that ran each of 3 rounds of 2 calls at once of `hold_memory(hold_mb)`."""

    async def rounds() -> list[set[int]]:
        pool = PagePool(hold_memory, workers=2, timeout=60, max_memory=max_memory_mb << 20)
        try:
            return [set(await asyncio.gather(*(pool.run(hold_mb) for _ in range(2)))) for _ in range(3)]
        finally:
            pool.close()

    return asyncio.run(rounds())


def test_workers_that_hold_too_much_memory_are_replaced() -> None:
    """A worker that holds more than the limit after a call is replaced (with the other worker of
    its pool), and the call queued beside it still gets its result; under the limit, nothing is."""
    first, second, third = worker_pids(max_memory_mb=400, hold_mb=450)
    assert not (first & second or second & third or first & third)
    assert len(set.union(*worker_pids(max_memory_mb=400, hold_mb=1))) <= 2


def test_memory_limit_below_a_new_worker_is_not_a_replacement_loop(caplog: pytest.LogCaptureFixture) -> None:
    assert len(set.union(*worker_pids(max_memory_mb=1, hold_mb=1))) <= 2
    assert "a new extract worker already holds" in caplog.text


def test_workers_do_not_import_scrapy() -> None:
    """What a worker imports (the pool and the stages it runs) leaves Scrapy and Twisted out: they
    would add some 40 MB to every worker process."""
    probe = "import sys, newscrawl.workers, newscrawl.article; print(sorted({'scrapy', 'twisted'} & set(sys.modules)))"
    completed = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
