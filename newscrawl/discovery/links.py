"""Which URLs a crawl may follow: http(s) only, allowed domains only, no private addresses."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

_NON_ARTICLE_PATH = (
    "/tag/", "/tags/", "/category/", "/categories/", "/author/", "/authors/", "/section/", "/topic/", "/topics/",
    "/search", "/page/", "/archive/", "/feed", "/rss", "/login", "/subscribe", "/account", "/newsletter",
)  # fmt: skip


def is_private_host(host: str) -> bool:
    """A loopback, private, link-local or reserved address (or `localhost`)."""
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


def may_follow(url: str, allowed_domains: set[str], allow_private: bool) -> bool:
    """Whether a link found in a page, feed or sitemap may be fetched: http(s), on an allowed
    domain (or a subdomain of one), and not a private address unless the crawl started there."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    if allowed_domains and not any(host == d or host.endswith("." + d) for d in allowed_domains):
        return False
    return allow_private or not is_private_host(host)


def looks_like_listing_url(url: str) -> bool:
    """URL shapes of section, tag, author, search and index pages (not articles)."""
    path = urlsplit(url).path.lower()
    if path in ("", "/") or path.endswith(("/index.html", "/index.htm", "/index.php")):
        return True
    return any(marker in path for marker in _NON_ARTICLE_PATH)
