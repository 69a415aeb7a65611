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


def test_feed_hints_reach_the_record(tmp_path: Path) -> None:
    """What a feed says of a page fills what the page lacks, and only that. Two English pages are
    cut down to their bare body text (no <title>, h1, meta, JSON-LD, byline, date or lang): their
    records take the headline, publication date (with its raw text), authors and language from
    their feed.xml item. Every other page gives those facts itself and keeps its golden record
    (the feed's channel says `en` for the German, Polish, French and Spanish pages too)."""
    import email.utils
    import html
    import xml.etree.ElementTree as ET
    from datetime import datetime

    from tests.golden import golden_differences, load_expected

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    bare = ["/en/news/pentagon-chief-speaks-to-russian-defence-minister.html",
            "/en/culture/2024/06/27/harbour-arts-festival-unveils-biggest-programme.html"]  # fmt: skip
    for path in bare:
        golden = json.loads((SITE / path.lstrip("/")).with_suffix(".expected.json").read_text(encoding="utf-8"))
        paragraphs = "".join(f"<p>{html.escape(text)}</p>" for text in golden["articleBody"].split("\n\n"))
        (site / path.lstrip("/")).write_text(f"<html><body><article>{paragraphs}</article></body></html>", "utf-8")
    channel = ET.parse(SITE / "feed.xml").getroot().find("channel")
    fixture_host = "http://127.0.0.1:8765"  # the feed's placeholder host (tests.servers.FIXTURE_HOST)
    items = {item.findtext("link").removeprefix(fixture_host): item for item in channel.iter("item")}
    with serve(site) as base:
        result = run_crawl(tmp_path / "run", "feed", "-a", f"urls={base}/feed.xml")
        goldens = {path: load_expected((SITE / path.lstrip("/")).with_suffix(".expected.json"), base)
                   for path in ARTICLE_PATHS}  # fmt: skip
    assert result.errors == []
    assert result.returncode == 0, result.log[-3000:]
    assert emitted_paths(result.records, base) == ARTICLE_PATHS
    for path in bare:
        record, item = result.record_for(base + path), items[path]
        creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
        assert record["headline"] == item.findtext("title")
        assert record["datePublished"] == email.utils.parsedate_to_datetime(item.findtext("pubDate")).isoformat()
        assert record["datePublishedRaw"] == item.findtext("pubDate")
        assert record["authors"] == [{"name": name, "nameRaw": creator} for name in creator.split(", ")]
        assert record["inLanguage"] == channel.findtext("language") == "en"
        assert record["articleBody"] == goldens[path]["articleBody"]
        assert (record["metadata"]["spider"], record["metadata"]["version"]) == ("feed", 1)
    for path in sorted(set(ARTICLE_PATHS) - set(bare)):
        record, golden = result.record_for(base + path), goldens[path]
        golden["metadata"]["spider"] = "feed"
        if datetime.fromisoformat(golden["datePublished"]).tzinfo is None:
            # the page prints its date with no zone, the feed with one: the wall time is the page's
            assert record["datePublished"].startswith(golden["datePublished"]), path
            for key in ("datePublished", "datePublishedRaw"):
                golden[key] = record[key]
        problems = golden_differences(record, golden)
        assert not problems, f"{path}: a feed hint overrode what the page gives:\n" + "\n".join(problems)


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
    pages = len(ARTICLE_PATHS)
    assert f"0 records + 0 errors + {pages} skipped = {pages} pages" in second.log
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
