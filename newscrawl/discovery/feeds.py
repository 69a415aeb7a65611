"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: entries with the facts the pipelines take as hints."""

from __future__ import annotations

from urllib.parse import urljoin

import attrs
from lxml import etree, html

from newscrawl.discovery.xml import MalformedXmlError, child_text, local_name, parse_xml

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


@attrs.frozen
class FeedEntry:
    """One entry of a feed."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    """Atom's `updated`: when the entry last changed (RSS has no such date: `pubDate` is a
    publication date)."""
    author: str | None = None


@attrs.frozen
class Feed:
    """A parsed feed: its entries, its language, whether it had to be recovered from errors."""

    entries: list[FeedEntry]
    language: str | None = None
    recovered: bool = False


def _entry_link(entry: etree._Element, base_url: str) -> str | None:
    for child in entry:
        if local_name(child) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return urljoin(base_url, href.strip())
        text = (child.text or "").strip()
        if text:
            return urljoin(base_url, text)
    guid = next((c for c in entry if local_name(c) == "guid" and c.get("isPermaLink", "true") == "true"), None)
    if guid is not None and (guid.text or "").strip().startswith("http"):
        return guid.text.strip()
    return None


def _author(entry: etree._Element) -> str | None:
    for child in entry:
        if local_name(child) == "author":
            return child_text(child, "name") or "".join(child.itertext()).strip() or None
    return child_text(entry, "creator")


def parse_feed(data: bytes, base_url: str, max_size: int) -> Feed:
    """The entries of a feed. Raises `MalformedXmlError` for a document that is not a feed."""
    root, recovered = parse_xml(data, max_size)
    kind = local_name(root)
    if kind not in ("rss", "RDF", "feed"):
        raise MalformedXmlError(f"not a feed (root element <{kind}>)")
    entries = []
    for element in root.iter():
        if local_name(element) not in ("item", "entry"):
            continue
        url = _entry_link(element, base_url)
        if not url:
            continue
        entries.append(
            FeedEntry(
                url=url,
                title=child_text(element, "title"),
                published=child_text(element, "pubDate", "published", "date", "issued"),
                updated=child_text(element, "updated") if kind == "feed" else None,
                author=_author(element),
            )
        )
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    channel = next((c for c in root if local_name(c) == "channel"), None)
    if channel is not None:
        language = child_text(channel, "language") or language
    return Feed(entries, language, recovered)


def feed_links(page: html.HtmlElement, base_url: str) -> list[str]:
    """The feeds an HTML page announces with `<link rel="alternate" type="application/rss+xml">`."""
    links = []
    for link in page.iterfind(".//link[@rel]"):
        if "alternate" in link.get("rel", "").lower().split() and link.get("type", "").lower() in FEED_TYPES:
            href = link.get("href")
            if href:
                links.append(urljoin(base_url, href.strip()))
    return list(dict.fromkeys(links))
