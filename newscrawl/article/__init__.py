"""The page core: one fetched page into one validated article record. Pure, no Scrapy.

A crawl runs `article_of_page` in a worker process (`pipelines.article`), or in its own process
with `NEWSCRAWL_EXTRACT_WORKERS=0`; `extract_record` and `newscrawl extract` run the same
function. One page, one path, in the order of this package's modules:

1. `read_page`: decode the bytes (`newscrawl.extract.document`), parse once, gather the
   candidates (metadata, body blocks, figures: `newscrawl.extract`), and tell an article from
   another page (`newscrawl.extract.classify`);
2. `headline`: the headline and the section;
3. `repeats`: the body without the headline, standfirst, captions, credits, teasers and chrome
   repeated in it; images with their captions; byline and date lines handed on, already read;
4. `bylines`: authors and agencies;
5. `dates`: `datePublished` and `dateModified`, ISO 8601;
6. `record`: the `Article`, checked against the JSON Schema.

A byline or date text is read once a page: the body's cleaning and the author and date choices
share one `BylineReader` and one `DateReader`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs

from newscrawl.article.bylines import BylineReader, Site, resolve_authors
from newscrawl.article.dates import DateReader, country_zone, resolve_dates
from newscrawl.article.draft import ArticleDraft
from newscrawl.article.explain import Trace
from newscrawl.article.headline import with_headline
from newscrawl.article.record import validated_record
from newscrawl.article.repeats import clean_draft
from newscrawl.extract import NotHtmlError, extract_candidates
from newscrawl.extract.classify import article_evidence
from newscrawl.extract.document import decode_html
from newscrawl.items import Article, Page
from newscrawl.outcomes import PageRejected, PageSkipped

__all__ = ["article_of_page", "extract_record", "read_page"]


def read_page(page: Page, spider: str | None = None, trace: Trace | None = None) -> ArticleDraft:
    """The draft of a page: its metadata candidates and body blocks (a page of bytes is decoded
    first, by `decode_html`: in a crawl that happens here, in a worker, not on the reactor).

    Raises `PageRejected` (stage `extract`) for a page that is not HTML or holds no article text,
    and `PageSkipped` for a page of a site crawl that is not an article (a section or tag page).
    `trace` records the candidates and the verdict (`newscrawl extract --explain`).
    """
    html = page.html if isinstance(page.html, str) else decode_html(page.html, page.contentType)
    try:
        metadata, blocks = extract_candidates(html, page.url)
    except NotHtmlError as error:
        raise PageRejected(url=page.url, stage="extract", reason=str(error), status=page.status) from error
    if not blocks:
        if trace is not None:
            trace.read(metadata, blocks, "no body text found")
        raise PageRejected(url=page.url, stage="extract", reason="no article text found", status=page.status)
    is_article, evidence = article_evidence(metadata, blocks, page.url, strict=bool(page.hints.get("require_article")))
    if trace is not None:
        trace.read(metadata, blocks, f"{'an article' if is_article else 'not an article'}: {evidence}")
    if not is_article:
        raise PageSkipped(url=page.url, reason="not_article", detail=evidence)
    return ArticleDraft(
        url=page.url,
        dateDownloaded=page.dateDownloaded,
        spider=spider,
        status=page.status,
        hints=page.hints,
        metadata=metadata,
        blocks=blocks,
        trace=trace,
    )


def article_of_page(
    page: Page, spider: str | None = None, timezone_name: str | None = None, trace: Trace | None = None
) -> Article:
    """The validated record of a page (see the module docstring for the steps). `timezone_name`
    is the site's IANA zone for dates printed without one (default: its country's, by the web
    domain, where the country keeps one time: `newscrawl.article.dates.country_zone`).

    Raises `PageRejected` when the page yields no valid article and `PageSkipped` when it is not
    an article at all. `trace`, where given, records each step's choices (`newscrawl.article.explain`).
    """
    draft = read_page(page, spider, trace)
    now = datetime.fromisoformat(draft.dateDownloaded) if draft.dateDownloaded else None
    read_byline = BylineReader(draft.language, Site.of(draft.metadata.site_names, draft.url))
    read_date = DateReader(draft.language, timezone_name or country_zone(draft.url), now)
    draft = clean_draft(with_headline(draft), read_byline, read_date)
    draft = resolve_dates(resolve_authors(draft, read_byline), read_date)
    return validated_record(draft)


def extract_record(
    html: str | bytes,
    url: str,
    *,
    timezone_name: str | None = None,
    now: datetime | None = None,
    hints: dict[str, Any] | None = None,
    content_type: str | None = None,
) -> dict[str, Any]:
    """The record a crawl would emit for `html` fetched from `url`.

    `html` is the page's text, or its bytes as fetched (decoded as a crawl decodes them, with the
    charset of `content_type`, the response's `Content-Type` header, as a hint);
    `timezone_name` is the IANA zone of the site, for dates printed without one; `now` is the
    download time that relative dates count from (default: now); `hints` are facts a feed or
    sitemap gave (`title`, `published`, `author`, `language`). Outside a crawl,
    `metadata.spider` is None. Raises `newscrawl.outcomes.PageRejected` when the page yields no
    valid article and `newscrawl.outcomes.PageSkipped` when it is not an article at all (both
    are `PageNotUsed`).
    """
    downloaded = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    page = Page(url=url, html=html, contentType=content_type, dateDownloaded=downloaded, hints=dict(hints or {}))
    return attrs.asdict(article_of_page(page, timezone_name=timezone_name))
