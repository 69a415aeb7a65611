"""One parse of a page: the lxml tree every later step reads."""

from __future__ import annotations

from lxml import html
from trafilatura import load_html


class NotHtmlError(ValueError):
    """The text is not an HTML document that can be parsed."""


def parse_html(text: str) -> html.HtmlElement:
    """Parse an HTML document with trafilatura's tolerant loader (it repairs common breakage).

    Raises `NotHtmlError` for an empty or non-HTML text.
    """
    text = text.replace("\x00", "").lstrip("\ufeff")
    if not text.strip():
        raise NotHtmlError("empty document")
    tree = load_html(text)
    if tree is None:
        raise NotHtmlError("not an HTML document")
    return tree
