"""Finding article URLs: feeds, sitemaps and links. Pure functions over bytes and trees, no Scrapy."""
