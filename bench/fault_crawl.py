"""Load with faults: a real `scrapy crawl articles` over N URLs on 127.0.0.1 of which one in ten is
faulty (every kind of tests/faults.py, and connection refused), checking that every URL is
accounted for — records + error lines + counted skips = URLs scheduled, exactly — and that memory
stays flat.

    python bench/fault_crawl.py [--urls 10000]

Good pages are the example site's articles, each URL serving its article with its own number
in the headline and a paragraph, so no two bodies are equal; near copies are marked, not dropped
(`NEWSCRAWL_DUPLICATES=mark`), so each good URL should give a record.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults import FAULTS, SILENT, FaultHandler, closed_port  # noqa: E402
from tests.servers import running  # noqa: E402

ARTICLES = sorted((ROOT / "tests" / "fixtures" / "site").rglob("*.expected.json"))
ARTICLE_HTML = [path.with_name(path.name.replace(".expected.json", ".html")).read_text("utf-8") for path in ARTICLES]


class LoadHandler(FaultHandler):
    """The fault server, plus `/good/N.html`: article N % 15 of the example site, made unique."""

    def do_GET(self) -> None:
        if not self.path.startswith("/good/"):
            super().do_GET()
            return
        number = int(self.path.split("/")[-1].split(".")[0])
        html = ARTICLE_HTML[number % len(ARTICLE_HTML)]
        html = html.replace("</h1>", f" ({number})</h1>", 1).replace("</p>", f" Edition {number}.</p>", 1)
        body = html.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Linux /proc), in MB."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for each in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def run(count: int) -> None:
    faulty = [path for path in FAULTS if path.endswith(".html") and path != "/huge.html"] + [SILENT]
    refused = f"http://127.0.0.1:{closed_port()}/refused"
    with running(LoadHandler) as base, tempfile.TemporaryDirectory() as folder:
        urls = []
        for number in range(count):
            if number % 10 == 9:
                kind = number // 10 % (len(faulty) + 1)
                urls.append(f"{refused}/{number}.html" if kind == len(faulty) else f"{base}{faulty[kind]}?n={number}")
            else:
                urls.append(f"{base}/good/{number}.html")
        url_file = Path(folder) / "urls.txt"
        url_file.write_text("\n".join(urls))
        out, errors, stats = (Path(folder) / name for name in ("out.jsonl", "errors.jsonl", "stats.json"))
        command = [sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"url_file={url_file}", "-O", str(out)]
        settings = {"NEWSCRAWL_ERRORS": errors, "NEWSCRAWL_STATS_FILE": stats, "NEWSCRAWL_STATE": "",
                    "NEWSCRAWL_DUPLICATES": "mark", "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0",
                    "CONCURRENT_REQUESTS": "32", "CONCURRENT_REQUESTS_PER_DOMAIN": "32", "RETRY_TIMES": "1",
                    "RETRY_BACKOFF_BASE": "0.1", "DOWNLOAD_TIMEOUT": "3", "LOG_LEVEL": "WARNING",
                    "NEWSCRAWL_MAX_ERROR_RATIO": "1"}  # fmt: skip
        command += [part for name, value in settings.items() for part in ("-s", f"{name}={value}")]
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples: list[tuple[int, float]] = []
        while process.poll() is None:
            time.sleep(1)
            lines = out.read_bytes().count(b"\n") if out.exists() else 0
            samples.append((lines, tree_rss_mb(process.pid)))
        elapsed = time.monotonic() - started
        records = out.read_bytes().count(b"\n")
        error_lines = errors.read_bytes().count(b"\n") if errors.exists() else 0
        final = json.loads(stats.read_text())
        skipped = final.get("newscrawl/skipped", 0)
        print(f"{count} URLs scheduled in {elapsed:.0f} s ({count / elapsed:.1f} URLs/s),"
              f" exit status {process.returncode}")  # fmt: skip
        print(f"records {records} + error lines {error_lines} + skipped {skipped} = {records + error_lines + skipped}"
              f" -> {'EXACT' if records + error_lines + skipped == count else 'MISMATCH'}")  # fmt: skip
        for fraction in (0.25, 0.5, 1.0):
            reached = [rss for lines, rss in samples if lines >= fraction * records]
            peak = max((rss for lines, rss in samples if lines <= fraction * records), default=0)
            print(f"peak RSS of the crawl up to {fraction:.0%} of its records: {peak:.0f} MB"
                  f" (at that point {reached[0] if reached else 0:.0f} MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=10_000)
    run(parser.parse_args().urls)


if __name__ == "__main__":
    main()
