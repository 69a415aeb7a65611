"""End to end: `scrapy crawl articles` over the example site, served on 127.0.0.1, gives each
page's golden record."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SITE, CrawlResult, run_crawl
from tests.golden import differences, load_expected

EXPECTED = sorted(SITE.rglob("*.expected.json"))


def page_path(expected: Path) -> str:
    return "/" + expected.relative_to(SITE).as_posix().replace(".expected.json", ".html")


@pytest.fixture(scope="module")
def site_crawl(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    urls = ",".join(site_url + page_path(path) for path in EXPECTED)
    return run_crawl(tmp_path_factory.mktemp("golden"), "articles", "-a", f"urls={urls}")


def test_every_page_becomes_a_record(site_crawl: CrawlResult) -> None:
    assert site_crawl.returncode == 0, site_crawl.log[-3000:]
    assert site_crawl.errors == []
    assert len(site_crawl.records) == len(EXPECTED)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: page_path(path))
def test_record_matches_golden(expected_path: Path, site_crawl: CrawlResult, site_url: str) -> None:
    expected = load_expected(expected_path, site_url)
    record = site_crawl.record_for(site_url + page_path(expected_path))
    problems = differences(record, expected)
    assert not problems, f"{page_path(expected_path)} differs from its golden record:\n" + "\n".join(problems)
