"""Shared test fixtures: a real HTTP server on 127.0.0.1 serving tests/fixtures/, and a helper that
runs a real `scrapy crawl` in a subprocess and reads back what it wrote."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from tests.servers import running, with_own_host

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"


class FixtureRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture files, quiet, with the content types real servers send. In XML and
    text files the fixture host becomes the server's own, and `NAME.gz` is served gzip'd from
    `NAME` when only that exists (as a gzip'd sitemap)."""

    extensions_map = {  # noqa: RUF012 - the stdlib declares it as a class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        source = path.with_suffix("") if path.suffix == ".gz" and not path.exists() else path
        if source.suffix not in (".xml", ".txt") or not source.is_file():
            super().do_GET()
            return
        body = with_own_host(source.read_bytes(), self)
        content_type = self.extensions_map[source.suffix]
        if source is not path:
            body, content_type = gzip.compress(body), "application/gzip"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    """A real HTTP server on 127.0.0.1 serving `directory`; yields its base URL (no trailing slash)."""
    return running(functools.partial(FixtureRequestHandler, directory=str(directory)))


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The base URL of a server serving tests/fixtures/site/ (the example site)."""
    with serve(SITE) as url:
        yield url


@attrs.frozen
class CrawlResult:
    """What one `scrapy crawl` run wrote: its records, its error lines, its final stats, its log."""

    records: list[dict]
    errors: list[dict]
    stats: dict
    log: str
    returncode: int

    def record_for(self, url: str) -> dict:
        matches = [record for record in self.records if record["url"] == url]
        assert len(matches) == 1, f"expected one record for {url}, got {len(matches)}"
        return matches[0]


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_crawl(tmp_path: Path, spider: str, *args: str, settings: dict[str, str] | None = None) -> CrawlResult:
    """Run `scrapy crawl SPIDER ARGS` in a subprocess from the project root, with the output,
    errors feed, stats file and state (unless `settings` names another) in `tmp_path`."""
    out, errors, stats = tmp_path / "out.jsonl", tmp_path / "errors.jsonl", tmp_path / "stats.json"
    for stale in (out, errors, stats):
        stale.unlink(missing_ok=True)
    options = {
        "NEWSCRAWL_ERRORS": str(errors),
        "NEWSCRAWL_STATS_FILE": str(stats),
        "NEWSCRAWL_STATE": str(tmp_path / "state.sqlite"),
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        **(settings or {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-O", str(out)]
    for name, value in options.items():
        command += ["-s", f"{name}={value}"]
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    stats_data = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}
    return CrawlResult(_read_jsonl(out), _read_jsonl(errors), stats_data, completed.stderr, completed.returncode)
