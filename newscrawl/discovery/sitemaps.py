"""Sitemaps and sitemap indexes, gzip'd or not, with the Google News extension's facts kept.

Scrapy's own sitemap parser drops `news:publication_date`, `news:title` and `news:language`;
these are what a news crawl wants as hints.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

import attrs

from newscrawl.discovery.xml import MalformedXmlError, child_text, local_name, parse_xml


@attrs.frozen
class SitemapEntry:
    """One `<url>` of a urlset, or one `<sitemap>` of an index."""

    url: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_language: str | None = None


@attrs.frozen
class Sitemap:
    """A parsed sitemap: an index of sitemaps or a set of page URLs."""

    kind: Literal["index", "urlset"]
    entries: list[SitemapEntry]
    recovered: bool = False


def _news(entry) -> tuple[str | None, str | None, str | None]:
    for child in entry:
        if local_name(child) == "news":
            publication = next((c for c in child if local_name(c) == "publication"), None)
            language = child_text(publication, "language") if publication is not None else None
            return child_text(child, "title"), child_text(child, "publication_date"), language
    return None, None, None


def parse_sitemap(data: bytes, max_size: int) -> Sitemap:
    """The entries of a sitemap or sitemap index. Raises `MalformedXmlError` otherwise."""
    root, recovered = parse_xml(data, max_size)
    kind = local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise MalformedXmlError(f"not a sitemap (root element <{kind}>)")
    entries = []
    for element in root:
        if local_name(element) not in ("url", "sitemap"):
            continue
        url = child_text(element, "loc")
        if not url:
            continue
        title, published, language = _news(element)
        entries.append(SitemapEntry(url, child_text(element, "lastmod"), title, published, language))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries, recovered)


_RELATIVE_SINCE = re.compile(r"^(\d+)\s*([dhw])$")
_UNITS = {"d": "days", "h": "hours", "w": "weeks"}


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """`-a since=`: an ISO date (`2024-06-01`) or an age (`2d`, `12h`, `1w`), as an aware datetime."""
    now = now or datetime.now(UTC)
    match = _RELATIVE_SINCE.match(value.strip())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - timedelta(**{_UNITS[unit]: amount})
    moment = parse_moment(value)
    if moment is None:
        raise ValueError(f"since={value!r}: give an ISO date (2024-06-01) or an age (2d, 12h, 1w)")
    return moment


def parse_moment(value: str | None) -> datetime | None:
    """A W3C datetime of a sitemap or feed as an aware datetime (UTC when no zone is given)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            moment = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
