"""Is a page an article: the page's claim, its URL's shape and its own text."""

from __future__ import annotations

import pytest

from newscrawl.extract.blocks import Block
from newscrawl.extract.classify import article_evidence
from newscrawl.extract.metadata import PageMetadata

PROSE = [Block("paragraph", f"Paragraph {n} tells the reader what happened at the harbour and why it matters.")
         for n in range(6)]  # fmt: skip


@pytest.mark.parametrize("strict", [True, False], ids=["site-crawl", "named-page"])
def test_a_website_node_in_the_graph_is_not_a_listing(strict: bool) -> None:
    """Yoast and most CMSs put a JSON-LD `WebSite` node (and og:type `website`) in every page:
    at an article's URL, the page's own text decides; at the home page it is a listing."""
    meta = PageMetadata(jsonld_types=["Organization", "WebSite"], og_type="website")
    assert article_evidence(meta, PROSE * 3, "https://example.com/magazin/tipps/aufraeumen/", strict)[0]
    assert not article_evidence(meta, PROSE * 3, "https://example.com/", strict)[0]


def test_a_page_that_says_it_is_a_collection_is_not_an_article() -> None:
    meta = PageMetadata(jsonld_types=["CollectionPage", "WebSite"])
    assert article_evidence(meta, PROSE * 3, "https://example.com/harbour-guide", strict=False) == (
        False,
        "JSON-LD says collectionpage",
    )
