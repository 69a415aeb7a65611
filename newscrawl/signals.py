"""newscrawl's own Scrapy signals (plain objects, as Scrapy's are), sent with `crawler.signals`."""

from __future__ import annotations

page_failed = object()
"""A page failed at some stage. Arguments: url, stage, reason, status (or None)."""

page_skipped = object()
"""A page was skipped on purpose. Arguments: url, reason."""

article_written = object()
"""An article's line is in every feed that takes it. Arguments: item, response. The state records
an article on this signal, never on `item_scraped`, which Scrapy sends to every handler even when
writing the line failed."""

article_not_written = object()
"""An article's line could not be written (its feed storage or exporter failed). Arguments: item,
response. Whatever was held for it (a duplicate claim) is let go."""
