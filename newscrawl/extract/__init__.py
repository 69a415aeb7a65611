"""HTML -> raw article fields: one parse of the page, the body as blocks, metadata candidates.

Pure functions, no Scrapy: the crawl's extract stage and `newscrawl extract` both call
`extract_candidates`.
"""

from __future__ import annotations

from htmldate import find_date

from newscrawl.extract.blocks import Block
from newscrawl.extract.body import body_blocks
from newscrawl.extract.document import NotHtmlError, parse_html
from newscrawl.extract.metadata import DateCandidate, PageMetadata, page_metadata

__all__ = ["NotHtmlError", "extract_candidates", "parse_html"]


def extract_candidates(html: str, url: str) -> tuple[PageMetadata, list[Block]]:
    """Parse `html` once and return its metadata candidates and its body blocks. A page that
    marks no date anywhere gets htmldate's reading of its published date (text near the headline,
    comments, scripts, link URLs: the searches htmldate does and this module does not)."""
    tree = parse_html(html)
    metadata, blocks = page_metadata(tree, url), body_blocks(tree)
    if not metadata.dates:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)  # it prunes a copy of the tree
        if found:
            metadata.dates.append(DateCandidate(found, "htmldate", "published"))
    return metadata, blocks
