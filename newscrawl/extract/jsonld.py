"""JSON-LD: the article object a page describes itself with."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",
    }
)
_TRAILING_COMMAS = re.compile(r",\s*([\]}])")


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def _load(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:  # CMS templates often leave a trailing comma behind
        return json.loads(_TRAILING_COMMAS.sub(r"\1", text), strict=False)
    except ValueError:
        return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _objects(entry)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])
        main_entity = data.get("mainEntity")
        if isinstance(main_entity, dict | list):
            yield from _objects(main_entity)


def jsonld_objects(tree: html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, `@graph` and list members flattened; bad JSON is skipped."""
    objects: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        objects.extend(_objects(_load(script.text.strip())))
    return objects


def article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The object that describes the article itself: an Article type with a headline, the
    richest one if there are several (a page may also describe related articles); {} if none."""
    best: dict[str, Any] = {}
    best_score = 0
    for obj in objects:
        types = _types(obj)
        if not types & ARTICLE_TYPES:
            continue
        score = sum(1 for key in ("headline", "datePublished", "author", "articleBody") if obj.get(key))
        score += 0 if types == {"webpage"} else 5
        if score > best_score:
            best, best_score = obj, score
    return best


def is_organization(obj: Any) -> bool:
    """True for an Organization-like JSON-LD node (`Organization`, `NewsMediaOrganization`…)."""
    return isinstance(obj, dict) and any("organization" in t for t in _types(obj))


def text_values(value: Any) -> list[str]:
    """Strings of a JSON-LD value: a string, a list of strings, or nodes with `name`/`url`/`@id`."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, list):
        return [text for entry in value for text in text_values(entry)]
    if isinstance(value, dict):
        for key in ("name", "url", "contentUrl", "@id"):
            if isinstance(value.get(key), str):
                return [value[key]]
    return []
