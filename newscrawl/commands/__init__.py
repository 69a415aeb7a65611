"""newscrawl's Scrapy commands (COMMANDS_MODULE)."""
