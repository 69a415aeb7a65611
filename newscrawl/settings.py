"""Scrapy settings for newscrawl: the defaults a real, polite, unattended crawl wants.

Override any of them with `-s NAME=VALUE` or in your own settings module.
"""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- politeness ------------------------------------------------------------------------------
# Name yourself: sites block crawlers they cannot contact. Put your URL or e-mail in place of
# the placeholder, e.g. -s USER_AGENT="newscrawl/0.1 (+mailto:news-team@example.org)".
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; contact: set-USER_AGENT@example.invalid)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
COOKIES_ENABLED = False
DOWNLOAD_TIMEOUT = 30

# --- limits ----------------------------------------------------------------------------------
# News pages are rarely over 2 MB; a 10 MB cap stops runaway responses without losing articles.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

# --- retries with backoff ----------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.retry.BackoffRetryMiddleware": 550,
}

# --- the pipeline: one page -> one record ------------------------------------------------------
# The page core (decode, parse, headline, repeats, bylines, dates, the validated record) runs whole
# in a worker process; duplicates are judged only on valid records, so a page that is rejected
# never stands in for its copies.
ITEM_PIPELINES = {
    "pipelines.article.ArticlePipeline": 100,
    "pipelines.dedup.DedupPipeline": 500,
}

# IANA time zone of each site, for dates printed without one: {"example.pl": "Europe/Warsaw"}.
# A spider argument -a timezone=Europe/Warsaw sets it for every page of that crawl.
NEWSCRAWL_TIMEZONES: dict[str, str] = {}

# --- parallel extraction -----------------------------------------------------------------------
# Pages are parsed in worker processes while the reactor keeps downloading: one worker per CPU
# when empty; 0 parses in the crawl's own process (for debugging). A page that takes longer than
# NEWSCRAWL_EXTRACT_TIMEOUT seconds, or kills its worker, becomes an error line (stage `extract`).
NEWSCRAWL_EXTRACT_WORKERS: int | None = None
NEWSCRAWL_EXTRACT_TIMEOUT = 60.0
# Workers are replaced when one holds more than this many MB after a page (0: never): Python keeps
# the memory a huge page once took. A worker held 100-110 MB through a crawl of 2 000 pages.
NEWSCRAWL_WORKER_MAX_MEMORY = 400
# Back-pressure: while this many bytes of responses wait for the pipelines, no new request is
# sent, so slow extraction slows the crawl instead of filling memory. 2 MB is a dozen typical
# news pages, enough to keep 6 workers busy (Scrapy's default, 5 MB, for more workers).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 2_000_000
# Each callback yields one page item (or a feed's requests), so items of one response need no
# parallelism; Scrapy starts this many tasks for every response's output, and at its default (100)
# that cost the crawl process 1.3 ms a page under cProfile (1.9 s over 1500 pages).
CONCURRENT_ITEMS = 4

# --- output ------------------------------------------------------------------------------------
# One JSON line per article, UTF-8, in output/<spider>/<start time>.jsonl, unless a feed is named
# with `-O file.jsonl`, `-o file.jsonl` or FEEDS: then only those are written, as Scrapy users expect.
NEWSCRAWL_FEED = "output/%(name)s/%(time)s.jsonl"
ADDONS = {"newscrawl.addon.DefaultFeed": 0}
FEED_EXPORT_ENCODING = "utf-8"
FEED_URI_PARAMS = "newscrawl.output.uri_params"
FEED_STORE_EMPTY = True

# Every page that does not become a record becomes one line here (URL, stage, reason, status, time).
NEWSCRAWL_ERRORS = "output/%(name)s/%(time)s.errors.jsonl"
# The final stats as JSON, for schedulers: e.g. "output/%(name)s/%(time)s.stats.json". Off by default.
NEWSCRAWL_STATS_FILE = ""
EXTENSIONS = {
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newscrawl.output.ArticleFeedExporter": 0,
    "newscrawl.errors.ErrorFeed": 100,
    "newscrawl.summary.RunSummary": 110,
    "newscrawl.state.StateStore": 120,
}

# --- memory between runs -----------------------------------------------------------------------
# Which articles were emitted (SQLite file; empty switches it off). A known article is re-checked
# (conditional request) for NEWSCRAWL_REVISIT_DAYS after it was first seen, skipped after that,
# and emitted again only when it changed.
NEWSCRAWL_STATE = "output/state.sqlite"
NEWSCRAWL_REVISIT_DAYS = 7
# Duplicates (another URL of the same article, the same body, a near copy): "drop" them (counted
# under newscrawl/skipped/duplicate) or "mark" them (emitted with metadata.duplicateOf).
NEWSCRAWL_DUPLICATES = "drop"
# MinHash similarity of 5-word shingles at which two bodies are one article. 0.5 finds 99% of
# syndicated-style copies of the benchmark's real articles while no two distinct articles come
# above 0.11 (bench/near_duplicates.py).
NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD = 0.5
# A run fails (exit status 1) when more than this share of its pages are errors.
NEWSCRAWL_MAX_ERROR_RATIO = 0.5
FEED_STORAGES = {
    "": "newscrawl.output.UnbufferedFileFeedStorage",
    "file": "newscrawl.output.UnbufferedFileFeedStorage",
}
LOG_FORMATTER = "newscrawl.errors.ItemlessLogFormatter"
COMMANDS_MODULE = "newscrawl.commands"

LOG_LEVEL = "INFO"
