"""The items that travel through a crawl: a fetched page in, one article record out.

`Article` is the published record, one JSONL line per article. Its field names follow
schema.org NewsArticle and Zyte's Article schema. `newscrawl/schema/article.schema.json`
describes the same record for other tools; a test keeps the two from drifting apart.
"""

from __future__ import annotations

from typing import Any

import attrs

SCHEMA_VERSION = 2


@attrs.define(kw_only=True)
class Page:
    """A fetched HTML page, as the spider hands it to the pipelines."""

    url: str
    """The URL fetched, after redirects."""

    html: str | bytes
    """The page's HTML: the response's bytes as they came (decoded where the page is parsed, in a
    worker process, off the reactor, with `contentType`'s charset as a hint), or decoded text."""

    status: int = 200
    """The HTTP status of the response."""

    contentType: str | None = None
    """The response's `Content-Type` header, whose charset helps decode `html` bytes."""

    dateDownloaded: str = ""
    """When the response arrived: ISO 8601 in UTC."""

    discoveredVia: str | None = None
    """Where the URL was found (a feed or sitemap URL), or None for a start URL."""

    hints: dict[str, Any] = attrs.field(factory=dict)
    """Facts the discovery source gave about the article (title, date, author, language)."""


@attrs.define(kw_only=True)
class Author:
    """One person credited with the article."""

    name: str
    """The person's name as it should be displayed: `Radosław Opas`."""

    nameRaw: str
    """The text the name was read from, before cleaning: `By RADOSŁAW OPAS, staff writer`."""


@attrs.define(kw_only=True)
class Image:
    """One image of the article, with its caption and credit each given once."""

    url: str
    """Absolute URL of the image file."""

    caption: str | None = None
    """The caption shown with the image, or None."""

    creditText: str | None = None
    """Who the image is credited to, without its marker: `Licensor` for `Images source: © Licensor`."""


@attrs.define(kw_only=True)
class MainImage:
    """The article's lead image."""

    url: str
    """Absolute URL of the image file."""


@attrs.define(kw_only=True)
class Metadata:
    """Facts about the crawl of the article rather than about the article itself."""

    dateDownloaded: str
    """When the page was fetched: ISO 8601 in UTC."""

    spider: str | None = None
    """The spider that fetched the page; None outside a crawl."""

    contentHash: str
    """SHA-1 of the normalised article body: equal bodies have equal hashes."""

    duplicateOf: str | None = None
    """The URL of the record this one duplicates, or None."""

    version: int = 1
    """1 for the first emission of this URL; one more each time a later run emits it changed."""

    firstSeen: str
    """When the article was first emitted (ISO 8601, UTC): the first `dateDownloaded`."""

    wordCount: int
    """The number of words in `articleBody`."""

    schemaVersion: int = SCHEMA_VERSION
    """The version of this record's schema; bumped when a field is added, renamed or dropped, or
    changes meaning (2: `headline` may be None; `alternativeHeadline`, `kicker` and
    `creditedOrganizations` added; `articleSection` is a section label, never a kicker)."""


@attrs.define(kw_only=True)
class Article:
    """One news article: each fact once, in its own field."""

    url: str
    """The URL fetched, after redirects."""

    canonicalUrl: str | None = None
    """The page's own canonical URL (rel=canonical, og:url), normalised; None if it gives none."""

    headline: str | None = None
    """The headline printed on the page, once, without kicker, section label or site name; the
    publisher's metadata headline where the page prints none; None where the page gives none."""

    alternativeHeadline: str | None = None
    """The publisher's metadata headline (JSON-LD `headline`, og:title without the site name) where
    it differs from the printed one: often the SEO variant; or None."""

    kicker: str | None = None
    """The topical line printed above the headline (`Kicker: Headline`), or None."""

    articleSection: str | None = None
    """The section's navigation label (`News`, `Politik`), or None."""

    authors: list[Author] = attrs.field(factory=list)
    """The people credited, one entry a person, in byline order; never agencies or roles."""

    agencies: list[str] = attrs.field(factory=list)
    """Credited news agencies (`Reuters`, `dpa`, `PAP`), with or without a person."""

    creditedOrganizations: list[str] = attrs.field(factory=list)
    """Other organisations credited as the author where no person or agency is: the newsroom (`BBC News`,
    `Redaktion hessenschau.de`), a desk, a partner outlet. Never people, never agencies."""

    datePublished: str | None = None
    """When the article was first published: ISO 8601, with an offset only where one is known."""

    datePublishedRaw: str | None = None
    """The text `datePublished` was read from."""

    dateModified: str | None = None
    """When the article was last updated: ISO 8601, never earlier than `datePublished`; or None."""

    dateModifiedRaw: str | None = None
    """The text `dateModified` was read from."""

    inLanguage: str | None = None
    """The article's language as an ISO 639-1 code (`en`, `pl`), or None if unknown."""

    description: str | None = None
    """The standfirst or meta description, or None."""

    articleBody: str
    """The article's own paragraphs and sub-headings, plain text, separated by blank lines."""

    mainImage: MainImage | None = None
    """The article's lead image (og:image, JSON-LD image or the first figure), or None."""

    images: list[Image] = attrs.field(factory=list)
    """The images of the article, each with its caption and credit once."""

    keywords: list[str] = attrs.field(factory=list)
    """Tags and topics the page gives, in page order, each once."""

    metadata: Metadata
    """Facts about the crawl: download time, spider, content hash, duplicate link, counts."""

