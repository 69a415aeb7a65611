"""Finding article URLs: feeds, sitemaps and links. Pure functions over bytes and trees (Scrapy's
utilities, never its crawler)."""
