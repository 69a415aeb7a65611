"""Discovery and scheduled crawls over the example site on 127.0.0.1: feeds, sitemaps (robots.txt ->
index -> gzip'd news sitemap), site crawls, memory between runs, `since`, broken sources, and a
crawl killed half-way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.article.bylines import Site
from newscrawl.discovery.links import site_domain
from newscrawl.fingerprints import article_url
from tests.conftest import ROOT, SITE, run_crawl, serve

ARTICLE_PATHS = sorted("/" + p.relative_to(SITE).as_posix().replace(".expected.json", ".html")
                       for p in SITE.rglob("*.expected.json"))  # fmt: skip


def emitted_paths(records: list[dict], base: str) -> list[str]:
    return sorted(record["url"].removeprefix(base) for record in records)


def test_feed_spider_emits_exactly_the_articles(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "feed", "-a", f"urls={site_url}/feed.xml")
    assert result.returncode == 0, result.log[-3000:]
    assert emitted_paths(result.records, site_url) == ARTICLE_PATHS
    assert result.errors == []


def test_feed_spider_follows_the_feed_an_html_page_announces(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "feed", "-a", f"urls={site_url}/index.html")
    assert emitted_paths(result.records, site_url) == ARTICLE_PATHS


def test_feed_hints_reach_the_record(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "feed", "-a", f"urls={site_url}/feed.xml")
    page = "/de/politik/bundestag-beschliesst-einheitliche-pflegeassistenzausbildung-67890.html"
    record = result.record_for(site_url + page)
    assert record["metadata"]["spider"] == "feed"
    assert record["metadata"]["version"] == 1


def test_sitemap_spider_from_robots_txt_through_index_and_gzip(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "sitemap", "-a", f"urls={site_url}/robots.txt")
    assert result.returncode == 0, result.log[-3000:]
    assert emitted_paths(result.records, site_url) == ARTICLE_PATHS
    assert result.errors == []


def test_sitemap_since_filters_old_entries(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "sitemap", "-a", f"urls={site_url}/sitemap.xml", "-a", "since=2024-06-27")
    assert 0 < len(result.records) < len(ARTICLE_PATHS)
    assert result.stats["newscrawl/skipped/older_than_since"] == len(ARTICLE_PATHS) - len(result.records)
    assert all(record["datePublished"] >= "2024-06-27" for record in result.records)


def test_site_spider_emits_articles_and_skips_listing_pages(site_url: str, tmp_path: Path) -> None:
    result = run_crawl(tmp_path, "site", "-a", f"urls={site_url}/index.html")
    assert result.returncode == 0, result.log[-3000:]
    assert emitted_paths(result.records, site_url) == ARTICLE_PATHS
    assert result.stats["newscrawl/skipped/not_article"] == 2  # the home page and the section page


def test_second_run_emits_nothing_then_only_the_changed_article(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    state = {"NEWSCRAWL_STATE": str(tmp_path / "state.sqlite")}
    with serve(site) as base:
        first = run_crawl(tmp_path / "run1", "feed", "-a", f"urls={base}/feed.xml", settings=state)
        second = run_crawl(tmp_path / "run2", "feed", "-a", f"urls={base}/feed.xml", settings=state)
        changed = site / ARTICLE_PATHS[0].lstrip("/")
        html = changed.read_text(encoding="utf-8")
        changed.write_text(html.replace("</h2>", "</h2><p>Ein neuer Absatz, nachgetragen nach der ersten "
                                        "Veröffentlichung des Artikels, mit genug Wörtern.</p>", 1), encoding="utf-8")
        third = run_crawl(tmp_path / "run3", "feed", "-a", f"urls={base}/feed.xml", settings=state)
    assert len(first.records) == len(ARTICLE_PATHS)
    assert second.records == []
    assert second.stats["newscrawl/skipped/unchanged"] == len(ARTICLE_PATHS)
    assert "0 records + 0 errors + 15 skipped = 15 pages" in second.log
    assert [r["url"].removeprefix(base) for r in third.records] == [ARTICLE_PATHS[0]]
    update = third.records[0]["metadata"]
    assert update["version"] == 2
    assert update["firstSeen"] == first.record_for(f"{base}{ARTICLE_PATHS[0]}")["metadata"]["dateDownloaded"]
    assert third.stats["newscrawl/updated"] == 1


def test_revisit_uses_conditional_requests(tmp_path: Path, site_url: str) -> None:
    state = {"NEWSCRAWL_STATE": str(tmp_path / "state.sqlite")}
    first = run_crawl(tmp_path / "a", "articles", "-a", f"urls={site_url}{ARTICLE_PATHS[0]}", settings=state)
    second = run_crawl(tmp_path / "b", "articles", "-a", f"urls={site_url}{ARTICLE_PATHS[0]}", settings=state)
    assert len(first.records) == 1 and second.records == []
    # the stdlib server answers If-Modified-Since with 304 Not Modified: no body was sent
    assert second.stats.get("downloader/response_status_count/304") == 1
    assert second.stats["newscrawl/skipped/unchanged"] == 1


def test_malformed_feed_and_sitemap_give_error_lines(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text("<rss><channel><item><title>Broken", encoding="utf-8")
    (site / "sitemap.xml").write_text("this is not xml at all", encoding="utf-8")
    with serve(site) as base:
        feed = run_crawl(tmp_path / "feed", "feed", "-a", f"urls={base}/feed.xml")
        sitemap = run_crawl(tmp_path / "sitemap", "sitemap", "-a", f"urls={base}/sitemap.xml,{base}/missing.xml")
    assert [(e["stage"], e["url"]) for e in feed.errors] == [("discover", f"{base}/feed.xml")]
    assert feed.returncode == 1  # no feed could be read: the run failed, and says so
    stages = sorted((e["stage"], e["url"].removeprefix(base), e["status"]) for e in sitemap.errors)
    assert stages == [("discover", "/missing.xml", 404), ("discover", "/sitemap.xml", 200)]
    assert "no feed or sitemap could be read" in sitemap.log


def test_killed_crawl_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    """SIGKILL a crawl after some records, run it again: every article exactly once in the union."""
    many = tmp_path / "site"
    shutil.copytree(SITE, many)
    with serve(many) as base:
        urls = ",".join(base + path for path in ARTICLE_PATHS)
        state, first_out = tmp_path / "state.sqlite", tmp_path / "first.jsonl"
        command = [sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"urls={urls}", "-O", str(first_out),
                   "-s", f"NEWSCRAWL_STATE={state}", "-s", f"NEWSCRAWL_ERRORS={tmp_path}/e.jsonl",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.3", "-s", "CONCURRENT_REQUESTS=1"]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _line_count(first_out) < 4:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        second = run_crawl(tmp_path / "2", "articles", "-a", f"urls={urls}", settings={"NEWSCRAWL_STATE": str(state)})
    first_records = [json.loads(line) for line in first_out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert 4 <= len(first_records) < len(ARTICLE_PATHS), "the kill came too late to test anything"
    union = [record["url"].removeprefix(base) for record in first_records + second.records]
    assert sorted(union) == ARTICLE_PATHS


def _line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.parametrize("spider", ["feed", "sitemap", "site"])
def test_jobdir_pause_and_resume(spider: str, site_url: str, tmp_path: Path) -> None:
    """Scrapy's JOBDIR: a run stopped after a few items resumes where it stopped."""
    start = {"feed": "/feed.xml", "sitemap": "/robots.txt", "site": "/index.html"}[spider]
    jobdir = {"JOBDIR": str(tmp_path / "job"), "NEWSCRAWL_STATE": str(tmp_path / "state.sqlite")}
    # one page at a time, in-process and slowly, so the stop comes long before the crawl's end
    slow = {"CLOSESPIDER_ITEMCOUNT": "3", "CONCURRENT_REQUESTS": "1", "NEWSCRAWL_EXTRACT_WORKERS": "0",
            "DOWNLOAD_DELAY": "0.5"}  # fmt: skip
    first = run_crawl(tmp_path / "1", spider, "-a", f"urls={site_url}{start}", settings={**jobdir, **slow})
    second = run_crawl(tmp_path / "2", spider, "-a", f"urls={site_url}{start}", settings=jobdir)
    assert first.stats["finish_reason"] == "closespider_itemcount"
    assert 3 <= len(first.records) < len(ARTICLE_PATHS)
    union = emitted_paths(first.records + second.records, site_url)
    assert union == ARTICLE_PATHS


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.example.com", "example.com"),
        ("m.example.com", "example.com"),
        ("amp.example.com", "example.com"),
        ("mobile.example.com", "example.com"),
        ("feeds.example.com", "example.com"),
        ("www.example.com:8080", "example.com:8080"),  # a netloc keeps its port
        ("example.com", "example.com"),
        ("news.example.com", "news.example.com"),
        ("m.tv", "m.tv"),  # a two-label name is a site of its own
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_site_domain_drops_one_service_prefix(host: str, site: str) -> None:
    assert site_domain(host) == site


def test_crawl_fingerprint_and_bylines_see_one_site_behind_its_hosts() -> None:
    hosts = ("example.com", "www.example.com", "m.example.com", "amp.example.com")
    assert {article_url(f"https://{host}/a/story.html") for host in hosts} == {"https://example.com/a/story.html"}
    assert {Site.of(url=f"https://{host}/a/story.html").domain for host in hosts} == {"example"}
