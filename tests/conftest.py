"""Shared test fixtures: a real HTTP server on 127.0.0.1 serving tests/fixtures/, and a helper that
runs a real `scrapy crawl` in a subprocess and reads back what it wrote."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"


class FixtureRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture files; quiet, and with the content types real servers send."""

    extensions_map = {  # noqa: RUF012 - the stdlib declares it as a class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The base URL (no trailing slash) of a real HTTP server serving tests/fixtures/site/."""
    handler = functools.partial(FixtureRequestHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
    errors feed and stats file in `tmp_path`."""
    out, errors, stats = tmp_path / "out.jsonl", tmp_path / "errors.jsonl", tmp_path / "stats.json"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        spider,
        *args,
        "-O",
        str(out),
        "-s",
        f"NEWSCRAWL_ERRORS={errors}",
        "-s",
        f"NEWSCRAWL_STATS_FILE={stats}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "DOWNLOAD_DELAY=0",
    ]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    stats_data = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}
    return CrawlResult(_read_jsonl(out), _read_jsonl(errors), stats_data, completed.stderr, completed.returncode)
