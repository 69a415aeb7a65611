"""newscrawl: a Scrapy news crawler that turns article pages into clean JSONL records."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "extract_record"]


def __getattr__(name: str):
    # imported lazily: `scrapy` loads newscrawl.settings before anything else is needed
    if name == "extract_record":
        from newscrawl.article import extract_record

        return extract_record
    raise AttributeError(name)
