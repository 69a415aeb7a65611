"""End to end: `scrapy crawl articles` over the example site, served on 127.0.0.1, gives each
page's whole golden record (tests/golden.py: every key but the clock fields).

Regenerate the expected files from a crawl, then read the diff before committing it:

    NEWSCRAWL_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_golden.py tests/test_site_index.py

A new page is two files, `NAME.html` and `NAME.expected.json` holding `{}`: the update fills the
record in, and tests/test_site_index.py (under the same variable) lists the page in the site's
feed, sitemap, front page and pages.txt.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SITE, CrawlResult, run_crawl
from tests.golden import expected_text, golden_differences, load_expected

EXPECTED = sorted(SITE.rglob("*.expected.json"))
UPDATE_GOLDENS = os.environ.get("NEWSCRAWL_UPDATE_GOLDENS") == "1"


def page_path(expected: Path) -> str:
    return "/" + expected.relative_to(SITE).as_posix().replace(".expected.json", ".html")


@pytest.fixture(scope="module")
def site_crawl(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    urls = ",".join(site_url + page_path(path) for path in EXPECTED)
    return run_crawl(tmp_path_factory.mktemp("golden"), "articles", "-a", f"urls={urls}")


def test_every_page_becomes_a_record(site_crawl: CrawlResult, site_url: str) -> None:
    """Every golden page gives exactly one record, no error line, and the run succeeds."""
    assert site_crawl.returncode == 0, site_crawl.log[-3000:]
    assert site_crawl.errors == []
    assert sorted(record["url"] for record in site_crawl.records) == sorted(site_url + page_path(p) for p in EXPECTED)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: page_path(path))
def test_record_matches_golden(expected_path: Path, site_crawl: CrawlResult, site_url: str) -> None:
    """The page's record is its expected file, key for key (clock fields aside); with
    NEWSCRAWL_UPDATE_GOLDENS=1 the expected file is first rewritten from the record."""
    record = site_crawl.record_for(site_url + page_path(expected_path))
    if UPDATE_GOLDENS:
        expected_path.write_text(expected_text(record, site_url), encoding="utf-8")
    problems = golden_differences(record, load_expected(expected_path, site_url))
    assert not problems, f"{page_path(expected_path)} differs from its golden record:\n" + "\n".join(problems)
