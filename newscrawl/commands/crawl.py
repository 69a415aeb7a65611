"""`scrapy crawl`, with an exit status that says whether the run went wrong.

Scrapy exits 0 whenever the crawl could start; a scheduled job needs to know when most pages
failed or no feed could be read. The run's verdict is `newscrawl/run_failed` in its stats (set
by `newscrawl.summary.RunSummary`); this command exits 1 when it is set.
"""

from __future__ import annotations

from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl command, exiting 1 when the run failed."""

    crawler: Any = None

    def _create_crawler(self, spidercls: Any) -> Any:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: Any) -> None:
        super().run(args, opts)
        started = self.crawler is not None and self.crawler.spider is not None  # else it has no stats
        if started and self.crawler.stats.get_value("newscrawl/run_failed"):
            self.exitcode = 1
