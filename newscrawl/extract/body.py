"""The article body: trafilatura's main-content extraction, kept as structured blocks."""

from __future__ import annotations

import trafilatura
from lxml import html

from newscrawl.extract.blocks import Block, blocks_from_trafilatura


def body_blocks(tree: html.HtmlElement, url: str) -> list[Block]:
    """The main content of a parsed page as blocks (paragraphs, headings, lists, quotes, tables).

    trafilatura works on its own copy of the tree, so `tree` stays usable for metadata.
    """
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=True,  # link text marks teasers and link lists; it changes nothing else
        with_metadata=False,
    )
    if document is None or document.body is None:
        return []
    return blocks_from_trafilatura(document.body)
