"""The record: the draft becomes the published `Article`, checked against the JSON Schema.

A draft without a body, or a record that breaks the schema, is rejected (stage `validate`): in a
crawl a line in the errors feed, never a line in the articles file. A field the page does not give
(even the headline) is None: the article is kept.
"""

from __future__ import annotations

import attrs

from newscrawl.article.draft import ArticleDraft
from newscrawl.extract.blocks import render_body
from newscrawl.fingerprints import content_hash, trusted_canonical
from newscrawl.items import Article, MainImage, Metadata
from newscrawl.outcomes import PageRejected
from newscrawl.schema import validation_errors
from newscrawl.text import word_count


def build_record(draft: ArticleDraft) -> Article:
    """The published record of a draft whose stages have all run."""
    body = render_body(draft.blocks)
    if not body:
        raise PageRejected(url=draft.url, stage="validate", reason="no article text left", status=draft.status)
    meta = draft.metadata
    main_image = meta.image or next((image.url for image in draft.images), None)
    return Article(
        url=draft.url,
        canonicalUrl=trusted_canonical(meta.canonical, draft.url),
        headline=draft.headline,
        alternativeHeadline=draft.alternativeHeadline,
        kicker=draft.kicker,
        articleSection=draft.articleSection,
        authors=draft.authors,
        agencies=draft.agencies,
        creditedOrganizations=draft.creditedOrganizations,
        datePublished=draft.datePublished,
        datePublishedRaw=draft.datePublishedRaw,
        dateModified=draft.dateModified,
        dateModifiedRaw=draft.dateModifiedRaw,
        inLanguage=draft.language,
        description=next(iter(meta.descriptions), None),
        articleBody=body,
        mainImage=MainImage(url=main_image) if main_image else None,
        images=draft.images,
        keywords=meta.keywords,
        metadata=Metadata(
            dateDownloaded=draft.dateDownloaded,
            spider=draft.spider,
            contentHash=content_hash(body),
            wordCount=word_count(body),
            firstSeen=draft.dateDownloaded,
        ),
    )


def validated_record(draft: ArticleDraft) -> Article:
    """The record of a draft whose fields are decided, checked against the schema (a first
    emission: the duplicate check of a crawl sets `version`, `firstSeen` and `duplicateOf`)."""
    record = build_record(draft)
    problems = validation_errors(attrs.asdict(record))
    if problems:
        raise PageRejected(url=draft.url, stage="validate", reason="; ".join(problems[:5]), status=draft.status)
    return record
