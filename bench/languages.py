"""The language of a labelled page, for per-language figures: the two letters of its `<html lang>`."""

from __future__ import annotations

import re

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2})", re.IGNORECASE)
UNKNOWN = "??"


def declared_language(html: str | bytes, fallback: str | None = None) -> str:
    """The page's declared language (`de` for `<html lang="de-AT">`), else `fallback`'s first two
    letters, else `??`."""
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    declared = _HTML_LANG.search(data[:200_000])
    if declared:
        return declared.group(1).decode().lower()
    return (fallback or UNKNOWN)[:2].lower()
