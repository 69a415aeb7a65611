"""newscrawl's item pipelines, one concern a module, in the order of `ITEM_PIPELINES`:
extract -> repeats -> bylines -> dates -> dedup -> validate. Each module is a pure core (what the
unit tests and `newscrawl extract` call) plus a thin Scrapy class; `pipelines.page` runs the
CPU stages of a page together, in a worker process, without Scrapy."""
