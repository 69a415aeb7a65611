"""Crawls through real Scrapy in a subprocess against the local fixture server: the seed page, HTTP
errors beside good pages, URL files and file:// URLs, and where the output goes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITE, run_crawl

SEED_PAGE = "/" + next(SITE.rglob("*pentagon*.html")).relative_to(SITE).as_posix()
HEADLINE = "Pentagon chief speaks to Russian defence minister amid Ukraine conflict"
CAPTION = "Pentagon chief Lloyd Austin spoke with the Russian defence minister"


def test_seed_page_record(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "articles", "-a", f"urls={site_url}{SEED_PAGE}")
    assert result.returncode == 0, result.log[-3000:]
    record = result.record_for(site_url + SEED_PAGE)
    assert record["headline"] == HEADLINE
    assert record["articleSection"] == "News"
    assert [author["name"] for author in record["authors"]] == ["Radosław Opas"]
    assert record["datePublished"] == "2024-06-26T09:08:00"
    assert len(record["images"]) == 1
    assert record["images"][0]["caption"] == CAPTION
    assert "Licensor" in record["images"][0]["creditText"]
    body = record["articleBody"]
    assert body.startswith("For the first time since March 2023")
    assert "The war in Ukraine continues" in body.split("\n\n")
    for junk in (HEADLINE, CAPTION, "Images source", "Radosław Opas", "26 June 2024", "Related content"):
        assert junk not in body


def test_seed_page_with_site_zone(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "articles", "-a", f"urls={site_url}{SEED_PAGE}", "-a", "timezone=Europe/Warsaw")
    assert result.record_for(site_url + SEED_PAGE)["datePublished"] == "2024-06-26T09:08:00+02:00"


def test_http_error_beside_a_good_page(site_url: str, tmp_path: Path) -> None:
    missing = f"{site_url}/no-such-article.html"
    result = run_crawl(tmp_path, "articles", "-a", f"urls={missing},{site_url}{SEED_PAGE}")
    assert result.returncode == 0
    assert [record["url"] for record in result.records] == [site_url + SEED_PAGE]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error["url"], error["stage"], error["status"]) == (missing, "fetch", 404)
    assert error["reason"] == "HTTP 404" and error["time"]
    assert result.stats["newscrawl/errors/fetch"] == 1
    assert "1 records + 1 errors + 0 skipped = 2 pages" in result.log


def test_non_html_response_is_an_error_line(site_url: str, tmp_path: Path) -> None:
    """An XML page named as an article is a `fetch` error line, counted; with no other page the
    run failed, exit 1."""
    result = run_crawl(tmp_path, "articles", "-a", f"urls={site_url}/feed.xml")
    assert result.records == []
    assert [(e["stage"], e["reason"]) for e in result.errors] == [("fetch", "not an HTML page (application/xml)")]
    assert result.stats["newscrawl/errors/fetch"] == 1
    assert result.stats["newscrawl/run_failed"] == "1 of 1 pages failed"
    assert result.returncode == 1


def test_url_file_with_comments_and_local_paths(tmp_path: Path) -> None:
    """A URL file's comments are skipped and its local paths become file:// URLs: the seed page
    named twice (as a path and as its URL) is fetched once and gives one record."""
    url_file = tmp_path / "urls.txt"
    seed = SITE / SEED_PAGE.lstrip("/")
    url_file.write_text(f"# the seed page, as a local path and as a file:// URL\n{seed}\n{seed.as_uri()}  # again\n")
    result = run_crawl(tmp_path, "articles", "-a", f"url_file={url_file}")
    assert result.returncode == 0, result.log[-3000:]
    assert [record["url"] for record in result.records] == [seed.as_uri()]
    assert result.errors == []
    assert result.stats["downloader/request_count"] == 1  # the path and its file:// URL: one page


def test_default_output_is_one_utf8_jsonl_file_per_run(site_url: str, tmp_path: Path) -> None:
    settings = {
        "NEWSCRAWL_FEED": f"{tmp_path}/%(name)s/%(time)s.jsonl",
        "NEWSCRAWL_ERRORS": f"{tmp_path}/%(name)s/%(time)s.errors.jsonl",
        "NEWSCRAWL_STATE": f"{tmp_path}/state.sqlite",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"urls={site_url}{SEED_PAGE}"]
    command += [part for name, value in settings.items() for part in ("-s", f"{name}={value}")]
    subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120, check=True)
    [output] = (tmp_path / "articles").glob("*.jsonl")
    text = output.read_text(encoding="utf-8")
    assert "Radosław" in text and "\\u" not in text
    record = json.loads(text)
    assert list(record)[:3] == ["url", "canonicalUrl", "headline"]


@pytest.mark.parametrize("spider_args", [[], ["-a", "urls="]])
def test_articles_spider_without_urls_says_so(spider_args: list[str], tmp_path: Path) -> None:
    """A crawl given no start URL never starts: it exits 1 with the reason in its log, and writes
    no records, no error lines and no stats file (nothing was crawled, nothing is counted)."""
    result = run_crawl(tmp_path, "articles", *spider_args)
    assert result.returncode == 1
    assert "give start URLs with -a urls=URL[,URL...] or -a url_file=PATH (articles)" in result.log
    assert (result.records, result.errors, result.stats) == ([], [], {})
    assert list(tmp_path.iterdir()) == []


def test_crawl_that_cannot_start_gives_only_its_own_reason(tmp_path: Path) -> None:
    """A crawl that cannot start fails with the spider's reason alone, not a second crash of the
    crawl command after it."""
    result = run_crawl(tmp_path, "articles")
    assert "Crawler.stats is not set yet" not in result.log
    assert result.log.count("Traceback") == 1
