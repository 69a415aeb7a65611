"""Bad input gets a clear answer: every faulty page, feed and sitemap served by tests/faults.py ends
as a record or exactly one error line (URL, stage, reason, status, time) or a counted skip, and
the crawl goes on. The README's Reliability table lists the same cases."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from tests.conftest import CrawlResult, run_crawl
from tests.faults import FAULTS, SILENT, closed_port, serve_faults
from tests.servers import running

FAST = {"RETRY_TIMES": "1", "RETRY_BACKOFF_BASE": "0.1", "DOWNLOAD_TIMEOUT": "3", "NEWSCRAWL_MAX_ERROR_RATIO": "1",
        "NEWSCRAWL_DUPLICATES": "mark"}  # several faults serve the same article: keep each record
PAGES = [path for path in FAULTS if path.endswith(".html")] + [SILENT]

# path -> what must become of it: a record, or an error at a stage whose reason contains a phrase
EXPECTED: dict[str, tuple[str, str] | str] = {
    "/charset/cp1250-declared-utf8.html": "record",
    "/charset/iso-8859-2-declared-utf8.html": "record",
    "/charset/utf8-declared-iso-8859-2.html": "record",
    "/charset/none.html": "record",
    "/charset/bom.html": "record",
    "/nul-bytes.html": "record",
    "/php-warning.html": "record",
    "/binary/report.pdf.html": ("fetch", "PDF served as text/html"),
    "/binary/photo.html": ("fetch", "PNG image served as text/html"),
    "/binary/archive.html": ("fetch", "zip archive served as text/html"),
    "/empty.html": ("fetch", "empty response"),
    "/huge.html": ("fetch", "larger than the download size limit"),
    "/status/403.html": ("fetch", "HTTP 403"),
    "/status/404.html": ("fetch", "HTTP 404"),
    "/status/410.html": ("fetch", "HTTP 410"),
    "/status/429.html": ("fetch", "HTTP 429"),
    "/status/500.html": ("fetch", "HTTP 500"),
    "/status/503.html": ("fetch", "HTTP 503"),
    "/loop.html": ("fetch", "redirect"),
    SILENT: ("fetch", "TimeoutError"),
}


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, str, str]:
    refused = f"http://127.0.0.1:{closed_port()}/refused.html"
    with serve_faults() as base:
        urls = [base + path for path in PAGES] + [refused]
        result = run_crawl(tmp_path_factory.mktemp("faults"), "articles", "-a", "urls=" + ",".join(urls), settings=FAST)
    return result, base, refused


def outcome(result: CrawlResult, url: str) -> list:
    records = [("record",) for record in result.records if record["url"] == url]
    errors = [(e["stage"], e["reason"], e["status"]) for e in result.errors if e["url"] == url]
    return records + errors


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_fault_has_its_answer(path: str, fault_crawl: tuple[CrawlResult, str, str]) -> None:
    result, base, _ = fault_crawl
    found = outcome(result, base + path)
    assert len(found) == 1, f"{path}: expected exactly one outcome, got {found}"
    if EXPECTED[path] == "record":
        assert found == [("record",)]
    else:
        stage, phrase = EXPECTED[path]
        assert found[0][0] == stage and phrase.lower() in found[0][1].lower(), found


def test_wrong_charsets_are_repaired(fault_crawl: tuple[CrawlResult, str, str]) -> None:
    result, base, _ = fault_crawl
    for path in ("cp1250-declared-utf8", "iso-8859-2-declared-utf8", "utf8-declared-iso-8859-2", "none"):
        record = result.record_for(f"{base}/charset/{path}.html")
        assert "Instytut Meteorologii i Gospodarki Wodnej" in record["articleBody"], path
        assert "\ufffd" not in record["articleBody"] and "Ä" not in record["articleBody"], path


def test_every_url_is_accounted_for(fault_crawl: tuple[CrawlResult, str, str]) -> None:
    result, base, refused = fault_crawl
    assert result.returncode == 0, result.log[-2000:]
    scheduled = len(PAGES) + 1
    skipped = result.stats.get("newscrawl/skipped", 0)
    assert len(result.records) + len(result.errors) + skipped == scheduled
    assert f"= {scheduled} pages" in result.log
    assert outcome(result, refused)[0][0] == "fetch"
    assert "ConnectionRefused" in outcome(result, refused)[0][1]
    for path in ("/deep.html", "/links.html"):  # big or odd pages: an answer, not a crash
        assert len(outcome(result, base + path)) == 1, path


@pytest.mark.parametrize(
    ("spider", "path", "phrase"),
    [
        ("feed", "/feed/malformed.xml", "malformed feed"),
        ("sitemap", "/sitemap/bomb.xml.gz", "expands past"),
        ("sitemap", "/sitemap/laughs.xml", ""),
    ],
)
def test_broken_and_hostile_xml(spider: str, path: str, phrase: str, tmp_path: Path) -> None:
    with serve_faults() as base:
        result = run_crawl(tmp_path, spider, "-a", f"urls={base}{path}", settings=FAST)
    assert result.records == []
    assert "Traceback" not in result.log
    if phrase:
        assert [(e["stage"], phrase in e["reason"]) for e in result.errors] == [("discover", True)]


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    with serve_faults() as base:
        result = run_crawl(tmp_path, "feed", "-a", f"urls={base}/feed/external-entity.xml", settings=FAST)
    assert "root:" not in result.log
    assert all("root:" not in str(line) for line in result.records + result.errors)
    assert [e["url"] for e in result.errors] == [f"{base}/x.html"]  # the entry itself was followed


def test_truncated_feed_and_sitemap_keep_what_they_have(tmp_path: Path) -> None:
    with serve_faults() as base:
        feed = run_crawl(tmp_path / "f", "feed", "-a", f"urls={base}/feed/truncated.xml", settings=FAST)
        sitemap = run_crawl(tmp_path / "s", "sitemap", "-a", f"urls={base}/sitemap/truncated.xml", settings=FAST)
    for result, entries in ((feed, 2), (sitemap, 1)):
        assert "Traceback" not in result.log
        assert result.stats.get("newscrawl/discover/recovered") == 1
        # the entries read before the cut are followed (this server has no such pages: 404 each)
        assert [(e["stage"], e["status"]) for e in result.errors] == [("fetch", 404)] * entries
        assert all(e["url"].startswith(base) for e in result.errors)


def test_links_off_the_site_are_not_followed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(
        '<rss version="2.0"><channel><title>t</title>'
        "<item><link>http://10.0.0.1/private.html</link></item>"
        "<item><link>https://other.example/elsewhere.html</link></item>"
        "<item><link>file:///etc/passwd</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    from tests.conftest import serve

    with serve(site) as base:
        result = run_crawl(tmp_path, "feed", "-a", f"urls={base.replace('127.0.0.1', 'localhost')}/feed.xml")
    assert result.stats["newscrawl/skipped/offsite"] == 3
    assert result.errors == [] and result.records == []


class _RedirectingSite(http.server.BaseHTTPRequestHandler):
    """A start page whose one link redirects to another host (`localhost` is not `127.0.0.1`)."""

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/out":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/elsewhere.html")
            self.end_headers()
            return
        body = b'<html><body><h1>Start</h1><p><a href="/out">A story elsewhere</a></p></body></html>'
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)


def test_a_link_that_redirects_off_the_site_is_counted(tmp_path: Path) -> None:
    """A followed link that redirects to another host is not fetched there, and is counted as an
    `offsite` skip: no page of a site crawl disappears without a trace."""
    with running(_RedirectingSite) as base:
        result = run_crawl(tmp_path, "site", "-a", f"urls={base}/")
    assert result.stats.get("newscrawl/skipped/offsite") == 1, result.log[-2000:]
    assert result.records == [] and result.errors == []
