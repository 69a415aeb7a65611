"""newscrawl's Scrapy item pipelines, thin, in the order of `ITEM_PIPELINES`:

- `article`: the page core's round trip: a `Page` in, its validated `Article` out (the whole of
  `newscrawl.article`, in a worker process or in-process);
- `dedup`: revisits and duplicates, judged on valid records; what is emitted is remembered once
  its line is on disk.

The work itself is in `newscrawl/` (pure, no Scrapy); nothing there imports from here.
"""
