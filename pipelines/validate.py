"""Validate: the draft becomes the published `Article`, checked against the JSON Schema.

A draft without a headline or body, or a record that breaks the schema, becomes a line in the
errors feed (stage `validate`), never a line in the articles file.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import attrs
import jsonschema

from newscrawl.draft import ArticleDraft
from newscrawl.errors import drops_unused_pages
from newscrawl.extract.blocks import render_body
from newscrawl.fingerprints import content_hash, trusted_canonical
from newscrawl.items import Article, MainImage, Metadata
from newscrawl.outcomes import PageRejected
from newscrawl.text import word_count


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    """The validator of `newscrawl/schema/article.schema.json`, built once."""
    text = resources.files("newscrawl").joinpath("schema/article.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def build_record(draft: ArticleDraft) -> Article:
    """The published record of a draft whose stages have all run."""
    body = render_body(draft.blocks)
    if not draft.headline:
        raise PageRejected(url=draft.url, stage="validate", reason="no headline found", status=draft.status)
    if not body:
        raise PageRejected(url=draft.url, stage="validate", reason="no article text left", status=draft.status)
    meta = draft.metadata
    main_image = meta.image or next((image.url for image in draft.images), None)
    return Article(
        url=draft.url,
        canonicalUrl=trusted_canonical(meta.canonical, draft.url),
        headline=draft.headline,
        articleSection=draft.articleSection,
        authors=draft.authors,
        agencies=draft.agencies,
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
            duplicateOf=draft.duplicateOf,
            wordCount=word_count(body),
            version=draft.version,
            firstSeen=draft.firstSeen or draft.dateDownloaded,
        ),
    )


def validation_errors(record: dict[str, Any]) -> list[str]:
    """What breaks the schema in a record, one message a problem; [] when it is valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(record)'}: {error.message}"
        for error in schema_validator().iter_errors(record)
    ]


def finish_draft(draft: ArticleDraft) -> Article:
    """Build the record of a draft and check it against the schema."""
    record = build_record(draft)
    problems = validation_errors(attrs.asdict(record))
    if problems:
        raise PageRejected(url=draft.url, stage="validate", reason="; ".join(problems[:5]), status=draft.status)
    return record


class ValidatePipeline:
    """Scrapy pipeline: turns each `ArticleDraft` into a validated `Article`."""

    @drops_unused_pages
    def process_item(self, item: Any) -> Any:
        return finish_draft(item) if isinstance(item, ArticleDraft) else item
