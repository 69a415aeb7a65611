"""How a page ends without a record: rejected (an error line) or skipped on purpose (a count).

Plain exceptions, free of Scrapy, so that the stages that raise them also run in worker
processes that never import Scrapy; `newscrawl.errors` hands them to Scrapy's item pipeline
machinery as a `DropItem`.
"""

from __future__ import annotations


class PageNotUsed(Exception):
    """A page that does not become a record: rejected (an error) or skipped (on purpose)."""

    url: str
    log_level: str
    """The level Scrapy logs the drop at."""


class PageRejected(PageNotUsed):
    """A stage gave up on a page; the page becomes a line in the errors feed."""

    def __init__(self, *, url: str, stage: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{stage}: {reason} <{url}>")
        self.url, self.stage, self.reason, self.status = url, stage, reason, status
        self.log_level = "DEBUG"  # the errors feed logs it


class PageSkipped(PageNotUsed):
    """A page was skipped on purpose (a duplicate, unchanged, not an article): counted, not an error."""

    def __init__(self, *, url: str, reason: str, detail: str = "") -> None:
        super().__init__(f"skipped ({reason}{': ' + detail if detail else ''}) <{url}>")
        self.url, self.reason = url, reason
        self.log_level = "INFO"
