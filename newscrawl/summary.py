"""The end-of-run account of a crawl: one log line that sums every outcome, the run's verdict
(`newscrawl/run_failed`, which makes `scrapy crawl` exit 1), and optionally the final stats as
JSON (setting `NEWSCRAWL_STATS_FILE`) for schedulers and tests to read."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import signals

from newscrawl.output import uri_params

logger = logging.getLogger(__name__)


def outcome_counts(stats: dict[str, Any]) -> dict[str, int]:
    """Records, errors and skips of a finished crawl, from its stats (an item whose line could not
    be written is an error, stage `feed`, not a record)."""
    return {
        "records": int(stats.get("item_scraped_count", 0)) - int(stats.get("newscrawl/errors/feed", 0)),
        "errors": int(stats.get("newscrawl/errors", 0)),
        "skipped": int(stats.get("newscrawl/skipped", 0)),
    }


def run_failure(stats: dict[str, Any], max_error_ratio: float) -> str | None:
    """Why a finished crawl counts as failed, or None: it ended early, no feed or sitemap could be
    read, or more than `max_error_ratio` of its pages failed."""
    finish_reason = stats.get("finish_reason")
    if finish_reason not in (None, "finished"):
        return f"the crawl ended early ({finish_reason})"
    if stats.get("newscrawl/errors/discover") and not stats.get("newscrawl/discover/entries"):
        return "no feed or sitemap could be read"
    counts = outcome_counts(stats)
    total = sum(counts.values())
    if total and counts["errors"] / total > max_error_ratio:
        return f"{counts['errors']} of {total} pages failed"
    return None


class RunSummary:
    """Scrapy extension: logs `newscrawl run: N records + N errors + N skipped = N pages` at the end
    and writes the stats to `NEWSCRAWL_STATS_FILE` (a path template like the feeds') if set."""

    def __init__(self, crawler) -> None:
        self.stats = crawler.stats
        self.template: str = crawler.settings.get("NEWSCRAWL_STATS_FILE") or ""
        self.max_error_ratio = crawler.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATIO", 0.5)

    @classmethod
    def from_crawler(cls, crawler) -> RunSummary:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason: str) -> None:
        counts = outcome_counts(self.stats.get_stats())
        total = sum(counts.values())
        logger.info(
            "newscrawl run: %(records)d records + %(errors)d errors + %(skipped)d skipped = %(total)d pages",
            {**counts, "total": total},
        )
        failure = run_failure({**self.stats.get_stats(), "finish_reason": reason}, self.max_error_ratio)
        if failure:
            self.stats.set_value("newscrawl/run_failed", failure)
            logger.error("newscrawl run failed: %s", failure)
        if self.template:
            path = Path(self.template % uri_params({}, spider))
            path.parent.mkdir(parents=True, exist_ok=True)
            stats = {**self.stats.get_stats(), "finish_reason": reason}
            path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
