"""newscrawl's spiders: thin, they discover URLs and hand fetched pages on as `Page` items."""
