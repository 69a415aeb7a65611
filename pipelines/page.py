"""The CPU stages of one page at once (extract, repeats, bylines, dates): what a worker process
of the extract pipeline runs, and what `newscrawl.extract_record` runs in-process.

Free of Scrapy: a worker imports this module and only the extraction libraries behind it.
"""

from __future__ import annotations

import attrs

from newscrawl.draft import ArticleDraft
from newscrawl.extract import NotHtmlError, extract_candidates
from newscrawl.extract.classify import article_evidence
from newscrawl.extract.document import decode_html
from newscrawl.items import Page
from newscrawl.outcomes import PageRejected, PageSkipped
from pipelines.bylines import resolve_authors
from pipelines.dates import resolve_dates
from pipelines.repeats import clean_draft


def extract_draft(page: Page, spider: str | None = None) -> ArticleDraft:
    """The draft of a page: its metadata candidates and body blocks (a page of bytes is decoded
    first, by `decode_html`: in a crawl that happens here, in a worker, not on the reactor).

    Raises `PageRejected` (stage `extract`) for a page that is not HTML or holds no article text,
    and `PageSkipped` for a page of a site crawl that is not an article (a section or tag page).
    """
    html = page.html if isinstance(page.html, str) else decode_html(page.html, page.contentType)
    try:
        metadata, blocks = extract_candidates(html, page.url)
    except NotHtmlError as error:
        raise PageRejected(url=page.url, stage="extract", reason=str(error), status=page.status) from error
    if not blocks:
        raise PageRejected(url=page.url, stage="extract", reason="no article text found", status=page.status)
    is_article, evidence = article_evidence(metadata, blocks, page.url, strict=bool(page.hints.get("require_article")))
    if not is_article:
        raise PageSkipped(url=page.url, reason="not_article", detail=evidence)
    return ArticleDraft(
        url=page.url,
        dateDownloaded=page.dateDownloaded,
        spider=spider,
        status=page.status,
        hints=page.hints,
        etag=page.etag,
        lastModified=page.lastModified,
        metadata=metadata,
        blocks=blocks,
    )


def process_page(page: Page, spider: str | None = None, timezone_name: str | None = None) -> ArticleDraft:
    """Every CPU stage of a page at once (extract, repeats, bylines, dates): what a worker process
    runs, so that one round trip does all the parsing. The draft is marked `stages_done`."""
    draft = clean_draft(extract_draft(page, spider))
    draft = resolve_dates(resolve_authors(draft), timezone_name=timezone_name)
    return attrs.evolve(draft, stages_done=True)
