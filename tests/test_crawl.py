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
    result = run_crawl(tmp_path, "articles", "-a", f"urls={site_url}/feed.xml")
    assert result.records == []
    assert [(e["stage"], e["reason"]) for e in result.errors] == [("fetch", "not an HTML page (application/xml)")]


def test_url_file_with_comments_and_local_paths(tmp_path: Path) -> None:
    url_file = tmp_path / "urls.txt"
    seed = SITE / SEED_PAGE.lstrip("/")
    url_file.write_text(f"# the seed page, as a local path and as a file:// URL\n{seed}\n{seed.as_uri()}  # again\n")
    result = run_crawl(tmp_path, "articles", "-a", f"url_file={url_file}")
    assert [record["url"] for record in result.records] == [seed.as_uri()]


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
    result = run_crawl(tmp_path, "articles", *spider_args)
    assert "give start URLs with -a urls=" in result.log
