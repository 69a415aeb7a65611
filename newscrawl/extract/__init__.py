"""HTML -> raw article fields: one parse of the page, the body as blocks, metadata candidates.

Pure functions, no Scrapy: the crawl's extract stage and `newscrawl extract` both call
`extract_candidates`.
"""

from __future__ import annotations

from newscrawl.extract.blocks import Block
from newscrawl.extract.body import body_blocks
from newscrawl.extract.document import NotHtmlError, parse_html
from newscrawl.extract.metadata import PageMetadata, page_metadata

__all__ = ["NotHtmlError", "extract_candidates", "parse_html"]


def extract_candidates(html: str, url: str) -> tuple[PageMetadata, list[Block]]:
    """Parse `html` once and return its metadata candidates and its body blocks."""
    tree = parse_html(html)
    return page_metadata(tree, url), body_blocks(tree)
