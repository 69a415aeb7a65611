"""JSON-LD: the article object a page describes itself with."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html

from newscrawl.text import HAN, HANGUL, KANA, unescape_entities

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
_EAST_ASIAN_NAME_PART = re.compile(f"^[{HAN}{HANGUL}{KANA}]+$")
_FAMILY_NAME_FIRST = re.compile(f"[{HAN}{HANGUL}]")
"""A family name in Chinese characters or Hangul: written before the given name, with no space
(`山田` `太郎` -> `山田太郎`); one in katakana is a foreign name, written given name first."""


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


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside `value`, at any depth."""
    if isinstance(value, list):
        for entry in value:
            yield from _nodes(entry)
    elif isinstance(value, dict):
        yield value
        for entry in value.values():
            yield from _nodes(entry)


def nodes_by_id(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every node of the page's JSON-LD that says more than its `@id`, by `@id`, nested ones too
    (a `Person` spelt out inside another node); what several nodes say of one `@id` is merged, the
    first statement of each key kept."""
    index: dict[str, dict[str, Any]] = {}
    for node in _nodes(objects):
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 1:
            index[node_id] = {**node, **index.get(node_id, {})}
    return index


def resolve(node: Any, index: dict[str, dict[str, Any]]) -> Any:
    """A reference completed by the node it names: `{"@id": "…#/schema/person/1"}` (with or without
    more keys, such as its `@type`), or a string that is a node's `@id`. Anything else as given."""
    if isinstance(node, str):
        return index.get(node, node)
    if isinstance(node, dict) and isinstance(node.get("@id"), str) and node["@id"] in index:
        return {**index[node["@id"]], **node}
    return node


def person_name(node: Any) -> list[str]:
    """The names a `Person` node (or a plain string) gives: its `name`, else its `givenName` and
    `familyName` in the order the script writes them (`Jane Doe`, `山田太郎`)."""
    if not isinstance(node, dict) or node.get("name"):
        return text_values(node.get("name") if isinstance(node, dict) else node)
    given = " ".join(text_values(node.get("givenName")))
    family = " ".join(text_values(node.get("familyName")))
    east_asian = all(_EAST_ASIAN_NAME_PART.match(part) for part in (given, family))
    if given and family and east_asian and _FAMILY_NAME_FIRST.search(family):
        return [family + given]
    return [" ".join(part for part in (given, family) if part)] if given or family else []


def is_organization(obj: Any) -> bool:
    """True for an Organization-like JSON-LD node (`Organization`, `NewsMediaOrganization`…)."""
    return isinstance(obj, dict) and any("organization" in t for t in _types(obj))


def text_values(value: Any) -> list[str]:
    """Strings of a JSON-LD value: a string, a list of strings, or nodes with `name`/`url`/`@id`, or
    a language-tagged `@value`; HTML entities resolved."""
    if value is None:
        return []
    if isinstance(value, str):
        return [unescape_entities(value)]  # JSON-LD written through an HTML escaper: `&#8211;`
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, list):
        return [text for entry in value for text in text_values(entry)]
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "contentUrl", "@id"):
            if isinstance(value.get(key), str):
                return [value[key]]
    return []
