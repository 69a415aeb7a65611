"""What makes two records the same article: its own URL (canonical, AMP and print variants
mapped) and a hash of its body. Near copies are `newscrawl.duplicates`' concern."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from newscrawl.discovery.links import looks_like_listing_url, site_domain
from newscrawl.text import match_key

TRACKING_PARAMETERS = (
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "cmpid", "ocid",
    "yclid", "twclid", "s_cid", "ito", "smid",
)  # fmt: skip
"""Query parameters that say how a reader came, not what the page is (every `utm_*` counts too)."""

_VARIANT_PARAMETERS = {"amp": None, "outputtype": "amp", "print": None, "view": "print", "output": "amp"}
_AMP_PATH = re.compile(r"(/amp)(?=/|$)|\.amp(?=\.html?$|$)|/amp\.html?$", re.I)
_PRINT_PATH = re.compile(r"(/print)(?=/|$)|\.print(?=\.html?$|$)|/print\.html?$", re.I)


def normalise_url(url: str) -> str:
    """A URL without tracking parameters (`utm_*`, `fbclid`…) or fragment, its query sorted and
    its escapes made canonical (w3lib), so that the same page always gives the same URL."""
    canonical = canonicalize_url(url)
    parameters = parse_qsl(urlsplit(canonical).query, keep_blank_values=True)
    tracking = [*TRACKING_PARAMETERS, *(name for name, _ in parameters if name.lower().startswith("utm_"))]
    return url_query_cleaner(canonical, tracking, remove=True, keep_fragments=False)


def article_url(url: str) -> str:
    """The normalised URL of the article itself: AMP and print variants (`/amp/`, `.amp.html`,
    `?amp=1`, `?outputType=amp`, `/print/`, `?print=1`, `?view=print`) mapped to the article."""
    parts = urlsplit(normalise_url(url))
    path = _PRINT_PATH.sub("", _AMP_PATH.sub("", parts.path)) or "/"
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_variant_parameter(name, value)]  # fmt: skip
    return urlunsplit((parts.scheme, site_domain(parts.netloc), path, urlencode(query), ""))


def _is_variant_parameter(name: str, value: str) -> bool:
    name = name.lower()
    return name in _VARIANT_PARAMETERS and _VARIANT_PARAMETERS[name] in (None, value.lower())


def trusted_canonical(canonical: str | None, fetched_url: str) -> str | None:
    """The page's canonical URL, normalised, unless it cannot be this article's: a home page or
    listing page (a common CMS mistake), or not http(s)."""
    if not canonical or urlsplit(canonical).scheme not in ("http", "https"):
        return None
    if looks_like_listing_url(canonical) and not looks_like_listing_url(fetched_url):
        return None
    return normalise_url(canonical)


def content_hash(body: str) -> str:
    """SHA-1 of the body's words, case-folded: bodies that differ only in white space, case or
    punctuation hash alike."""
    return hashlib.sha1(match_key(body).encode("utf-8")).hexdigest()
