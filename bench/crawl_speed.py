"""Crawl speed: a real `scrapy crawl articles` over the benchmark pages served on 127.0.0.1, with
extraction in the crawl's own process (`NEWSCRAWL_EXTRACT_WORKERS=0`) and in the default worker
pool, in one run; then a long crawl that shows whether memory grows with the crawl.

    python bench/crawl_speed.py [--pages 2000] [--repeat 3] [--long-pages 10000] [--data DIR]

The 181 benchmark pages are served under distinct URLs (`/p/<n>.html` is page n mod 181), so most
pages of a crawl are found to be exact duplicates after extraction. For each crawl: pages a second
(pages that went through the pipelines over the crawl's elapsed time, from its stats), CPU seconds
of the crawl and its workers and mean cores used, the cores this process (the page server and
the sampler, on the same CPUs) used meanwhile, and the peak RSS of the whole process tree (the
crawl and its workers, summed, sampled with psutil; beside it the peak PSS, which counts pages
shared between processes once, sampled less often).

The speed crawls run in `--repeat` pairs (in-process, then pooled). `newscrawl.extract_record`
is timed in this process, one page at a time, before the first pair and after each, and each
pair is compared with the mean of the one-core rates measured just before and after it: this
machine's speed drifts by tens of percent between minutes, and a crawl compared with a rate
measured minutes away would measure the drift. The medians over the pairs are the figures.
The long crawl prints the peak RSS by the time the server had served a quarter, half and all of
its pages.

A figure to compare, not a pass/fail test; the issue's targets: the default crawl ≥ 1.7× the
in-process one and ≥ 80 % of twice the one-core `extract_record` rate; the long crawl's peak RSS
under 500 MB and within 10 % between half and all of the pages.
"""

from __future__ import annotations

import argparse
import http.server
import itertools
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import attrs
import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction-benchmark"
sys.path.insert(0, str(ROOT))

from bench.body_quality import load_pages  # noqa: E402
from bench.extract_speed import measure, newscrawl_record  # noqa: E402

SAMPLE_SECONDS = 0.1
MB = 1024 * 1024
CRAWL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "NEWSCRAWL_STATE": "",  # no memory between runs: every crawl sees new articles
    "LOG_LEVEL": "INFO",
}


class PageServer(http.server.ThreadingHTTPServer):
    """Serves benchmark page n mod len(pages) at /p/<n>.html, and counts the pages it served."""

    def __init__(self, pages: list[bytes]) -> None:
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.pages = pages
        self._served = itertools.count(1)
        self.served = 0

    def count_page(self) -> None:
        self.served = next(self._served)


class PageHandler(http.server.BaseHTTPRequestHandler):
    """GET /p/<n>.html; anything else (robots.txt) is a 404. Keeps connections alive."""

    protocol_version = "HTTP/1.1"
    server: PageServer

    def do_GET(self) -> None:
        name = self.path.removeprefix("/p/").removesuffix(".html")
        if not (self.path.startswith("/p/") and name.isdigit()):
            self._send(404, b"not found", "text/plain")
            return
        self._send(200, self.server.pages[int(name) % len(self.server.pages)], "text/html; charset=utf-8")
        self.server.count_page()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serving(pages: list[bytes]) -> Iterator[PageServer]:
    """A `PageServer` on 127.0.0.1 in a thread, for the duration of the block."""
    server = PageServer(pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@attrs.define
class TreeSampler:
    """Samples the RSS of a process and all its descendants, and the CPU time of the process. RSS
    and CPU are cheap to read and sampled every time; the list of descendants and their PSS
    (psutil reads all of /proc/<pid>/smaps, some milliseconds a process) only every `FULL_EVERY`
    samples, so that the sampler, on the crawl's cores, takes little from it."""

    root: psutil.Process
    peak_rss: int = 0
    peak_pss: int = 0
    root_cpu_seconds: float = 0.0
    _processes: list[psutil.Process] = attrs.field(factory=list)
    _samples: int = 0

    FULL_EVERY = 10

    def sample(self) -> None:
        full = self._samples % self.FULL_EVERY == 0
        self._samples += 1
        if full:
            self._processes = [self.root, *self._descendants()]
        rss = pss = 0
        for process in self._processes:
            try:
                with process.oneshot():
                    memory = process.memory_full_info() if full else process.memory_info()
                    if process is self.root:
                        self.root_cpu_seconds = sum(process.cpu_times()[:2])
            except psutil.Error:
                continue
            rss, pss = rss + memory.rss, pss + getattr(memory, "pss", memory.rss)
        self.peak_rss = max(self.peak_rss, rss)
        if full:
            self.peak_pss = max(self.peak_pss, pss)

    def _descendants(self) -> list[psutil.Process]:
        try:
            return self.root.children(recursive=True)
        except psutil.Error:
            return []


@attrs.frozen
class CrawlFigures:
    """What one crawl did and what it cost."""

    label: str
    pages: int
    records: int
    elapsed: float
    wall: float
    cpu_seconds: float
    crawl_cpu_seconds: float
    """The part of `cpu_seconds` spent in the crawl's own process (the rest: its workers)."""
    server_cpu_seconds: float
    """CPU this benchmark's process used meanwhile (the page server and the sampler), on the same cores."""
    peak_rss: int
    peak_pss: int
    peak_rss_by_pages: dict[int, int]

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.elapsed

    def line(self) -> str:
        return (
            f"{self.label:<22} {self.pages:>6} pages ({self.records} records) in {self.elapsed:6.1f} s: "
            f"{self.pages_per_second:6.1f} pages/s, CPU {self.cpu_seconds:6.1f} s "
            f"({self.cpu_seconds / self.wall:.2f} cores, {1000 * self.cpu_seconds / self.pages:.1f} ms/page, "
            f"{100 * self.crawl_cpu_seconds / self.cpu_seconds:.0f} % in the crawl process; "
            f"page server and sampler {self.server_cpu_seconds / self.wall:.2f} cores), "
            f"peak RSS {self.peak_rss / MB:6.1f} MB (PSS {self.peak_pss / MB:6.1f} MB)"
        )


def crawl(server: PageServer, pages: int, workdir: Path, label: str, settings: dict[str, str]) -> CrawlFigures:
    """Run `scrapy crawl articles` over `pages` URLs of the server and measure it."""
    workdir.mkdir(parents=True)
    port = server.server_address[1]
    url_file = workdir / "urls.txt"
    url_file.write_text("".join(f"http://127.0.0.1:{port}/p/{n}.html\n" for n in range(pages)), encoding="utf-8")
    stats_file = workdir / "stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"url_file={url_file}"]
    command += ["-O", str(workdir / "articles.jsonl")]
    all_settings = {
        **CRAWL_SETTINGS,
        "NEWSCRAWL_ERRORS": str(workdir / "errors.jsonl"),
        "NEWSCRAWL_STATS_FILE": str(stats_file),
        **settings,
    }
    for name, value in all_settings.items():
        command += ["-s", f"{name}={value}"]
    started_served = server.served
    marks = [pages // 4, pages // 2, pages]
    peak_by_pages: dict[int, int] = {}
    started, server_started, tree_started = time.perf_counter(), time.process_time(), _children_cpu()
    with (workdir / "crawl.log").open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(psutil.Process(process.pid))
        while process.poll() is None:
            sampler.sample()
            served = server.served - started_served
            for mark in marks:
                if served >= mark and mark not in peak_by_pages:
                    peak_by_pages[mark] = sampler.peak_rss
            time.sleep(SAMPLE_SECONDS)
    wall, server_cpu = time.perf_counter() - started, time.process_time() - server_started
    tree_cpu = _children_cpu() - tree_started  # the crawl and the workers it waited for: exact
    if process.returncode != 0:
        raise SystemExit(f"{label}: the crawl failed, see {workdir / 'crawl.log'}")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return CrawlFigures(
        label=label,
        pages=stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0),
        records=stats.get("item_scraped_count", 0),
        elapsed=stats["elapsed_time_seconds"],
        wall=wall,
        cpu_seconds=tree_cpu,
        crawl_cpu_seconds=sampler.root_cpu_seconds,
        server_cpu_seconds=server_cpu,
        peak_rss=sampler.peak_rss,
        peak_pss=sampler.peak_pss,
        peak_rss_by_pages=peak_by_pages,
    )


def _children_cpu() -> float:
    """CPU seconds of this process's children (and theirs) that have ended and been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_core_rate(pages: list[tuple[str, str]]) -> float:
    """Pages a second `newscrawl.extract_record` does on one core, without Scrapy (after a warm pass)."""
    return measure({"newscrawl": newscrawl_record}, pages, rounds=1)["newscrawl"].pages_per_second


def two_core_rate(pages: list[tuple[str, str]]) -> float:
    """Pages a second two processes running `extract_record` side by side do together: what the
    machine's two cores really give (on a virtual machine, less than twice one core)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        return sum(pool.map(one_core_rate, [pages, pages]))


@attrs.frozen
class SpeedPair:
    """One in-process and one pooled crawl, run back to back, and the one-core `extract_record`
    rate measured just before and just after them (this machine's speed drifts between minutes)."""

    in_process: CrawlFigures
    pooled: CrawlFigures
    one_core: float

    @property
    def ratio(self) -> float:
        return self.pooled.pages_per_second / self.in_process.pages_per_second

    @property
    def share(self) -> float:
        """The pooled crawl's rate as a share of twice the one-core rate (the limit two cores set)."""
        return self.pooled.pages_per_second / (2 * self.one_core)

    def line(self) -> str:
        return (
            f"pair: {self.in_process.pages_per_second:.1f} and {self.pooled.pages_per_second:.1f} pages/s, "
            f"{self.ratio:.2f}×; one core {self.one_core:.1f} pages/s beside them, so {100 * self.share:.0f} % of two"
        )


def report_speed(pairs: list[SpeedPair]) -> list[str]:
    ratios, shares = [pair.ratio for pair in pairs], [pair.share for pair in pairs]
    return [
        f"workers / in-process, median of {len(pairs)} pairs: {statistics.median(ratios):.2f}× the pages/s "
        f"(range {min(ratios):.2f}–{max(ratios):.2f}×; target ≥ 1.7×)",
        f"workers / (2 × one-core extract_record beside them), median: {100 * statistics.median(shares):.0f} % "
        f"(range {100 * min(shares):.0f}–{100 * max(shares):.0f} %; target ≥ 80 %)",
    ]


def report_memory(long: CrawlFigures) -> list[str]:
    lines = [long.line()]
    lines += [f"  peak RSS by page {mark:>6}: {rss / MB:6.1f} MB" for mark, rss in long.peak_rss_by_pages.items()]
    marks = sorted(long.peak_rss_by_pages)
    if len(marks) >= 2:
        half, full = long.peak_rss_by_pages[marks[-2]], long.peak_rss_by_pages[marks[-1]]
        lines.append(f"  growth from page {marks[-2]} to {marks[-1]}: {100 * (full / half - 1):+.1f} % (target < 10 %)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark's folder")
    parser.add_argument("--pages", type=int, default=2000, help="URLs of each speed crawl")
    parser.add_argument("--long-pages", type=int, default=10000, help="URLs of the memory crawl (0: skip it)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of speed crawls (medians are reported; 0: none)")
    args = parser.parse_args(argv)
    benchmark = [(url, html) for _, url, html, _ in load_pages(args.data)]
    with serving([html.encode("utf-8") for _, html in benchmark]) as server, tempfile.TemporaryDirectory() as tmp:
        pairs, before = [], one_core_rate(benchmark) if args.repeat else 0.0
        for run in range(args.repeat):
            in_process = crawl(server, args.pages, Path(tmp, f"in-process-{run}"), "in-process (0 workers)", {
                "NEWSCRAWL_EXTRACT_WORKERS": "0"
            })  # fmt: skip
            pooled = crawl(server, args.pages, Path(tmp, f"pooled-{run}"), f"default ({os.cpu_count()} CPUs)", {})
            after = one_core_rate(benchmark)
            pairs.append(SpeedPair(in_process, pooled, (before + after) / 2))
            print(in_process.line(), pooled.line(), pairs[-1].line(), sep="\n", flush=True)
            before = after
        if pairs:
            single, both = statistics.median(pair.one_core for pair in pairs), two_core_rate(benchmark)
            print(f"extract_record in two processes at once: {both:.1f} pages/s ({both / single:.2f}× one core)")
            print("\n".join(report_speed(pairs)), flush=True)
        if args.long_pages:
            long = crawl(server, args.long_pages, Path(tmp, "long"), "long, default", {})
            print("\n".join(report_memory(long)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
