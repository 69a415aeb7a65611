"""Which URLs a crawl may follow (http(s) only, allowed domains only, no private addresses), and
the site a host stands for."""

from __future__ import annotations

import ipaddress
from collections.abc import Collection
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


def may_follow(url: str, allowed_domains: Collection[str]) -> bool:
    """Whether a link found in a page, feed or sitemap may be fetched: http(s), on one of the
    spider's `allowed_domains` or a subdomain of one (the rule of Scrapy's OffsiteMiddleware),
    and, when there are none, not a private address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    if allowed_domains:
        return any(host == domain or host.endswith("." + domain) for domain in allowed_domains)
    # Scrapy lets every host through when there are no allowed domains (a crawl started from local
    # files) and knows nothing of private networks: a page must not lead the crawler into one.
    return not is_private_host(host)


# the web, mobile, AMP and feed hosts of a site, not sites of their own
_SERVICE_PREFIXES = ("www.", "m.", "amp.", "mobile.", "feeds.", "feed.", "rss.")


def site_domain(host: str) -> str:
    """The site a host stands for: `www.example.com`, `m.example.com` and `feeds.example.com` ->
    `example.com` (a host or netloc; a two-label name such as `m.tv` is kept whole)."""
    for prefix in _SERVICE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host.removeprefix(prefix)
    return host


def looks_like_listing_url(url: str) -> bool:
    """URL shapes of section, tag, author, search and index pages (not articles)."""
    path = urlsplit(url).path.lower()
    if path in ("", "/") or path.endswith(("/index.html", "/index.htm", "/index.php")):
        return True
    return any(marker in path for marker in _NON_ARTICLE_PATH)
