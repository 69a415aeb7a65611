"""Is a page an article? For site crawls, which meet section, tag, author and index pages too."""

from __future__ import annotations

from collections.abc import Sequence

from newscrawl.discovery.links import looks_like_listing_url
from newscrawl.extract.blocks import Block
from newscrawl.extract.jsonld import ARTICLE_TYPES
from newscrawl.extract.metadata import PageMetadata
from newscrawl.text import word_count

_LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage", "videoobject"})
MIN_ARTICLE_WORDS = 150
MIN_ARTICLE_PARAGRAPHS = 3
MIN_GIVEN_ARTICLE_WORDS = 40
"""A page the user asked for by URL (feed, sitemap, list) needs only this much own text."""


def _is_own_text(block: Block) -> bool:
    """A block of the page's own prose: not a heading, not a list of links."""
    return block.kind != "heading" and block.link_ratio < 0.5 and word_count(block.text) >= 8


def article_evidence(meta: PageMetadata, blocks: Sequence[Block], url: str, strict: bool = True) -> tuple[bool, str]:
    """Whether the page is an article, and the evidence that decided it.

    In order: the page's own claim (`og:type`, JSON-LD `@type`), the URL's shape (`/tag/`,
    `/author/`, index pages), and the body's own text (not link text). A JSON-LD `WebSite`
    describes the site, and most CMSs put it in every page's graph: it marks a listing only at a
    listing URL (the home page, a section index). In a site crawl
    (`strict`) an article has at least 150 words in 3 paragraphs; a page named by a feed,
    sitemap or URL list needs 40 words, so that short news briefs stay articles.
    """
    types = {t.rsplit("/", 1)[-1].lower() for t in meta.jsonld_types}
    claims_article = bool(types & (ARTICLE_TYPES - {"webpage"})) or (meta.og_type or "").lower() == "article"
    listing = types & _LISTING_TYPES
    if "website" in types and looks_like_listing_url(url):
        listing |= {"website"}
    if listing and not claims_article:
        return False, f"JSON-LD says {', '.join(sorted(listing))}"
    paragraphs = [block for block in blocks if _is_own_text(block)]
    own_words = sum(word_count(block.text) for block in paragraphs)
    evidence = f"{own_words} words of own text in {len(paragraphs)} paragraphs"
    if not strict:
        return claims_article or own_words >= MIN_GIVEN_ARTICLE_WORDS, evidence
    if claims_article:
        return True, "og:type or JSON-LD says article"
    if looks_like_listing_url(url):
        return False, "URL of a listing page"
    return own_words >= MIN_ARTICLE_WORDS and len(paragraphs) >= MIN_ARTICLE_PARAGRAPHS, evidence
