"""The article body as a list of blocks: paragraphs, sub-headings, lists, quotes, tables, images.

Later stages (repeats, bylines, dates) work on blocks rather than on one flattened string, so
that a caption, a byline line or a teaser heading can be recognised and moved as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs
from lxml import etree

BlockKind = Literal["heading", "paragraph", "list", "quote", "table", "code", "image"]

_WHITESPACE = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Fold every run of white space (including non-breaking spaces) into one space and strip."""
    return _WHITESPACE.sub(" ", text.replace("\u00ad", "").replace("\u200b", "")).strip()


@attrs.frozen
class Block:
    """One block of the article body."""

    kind: BlockKind
    """What the block is; `image` blocks carry no body text, only `src` and `alt`."""

    text: str
    """The block's plain text, white space collapsed; list items are lines starting with `- `."""

    src: str | None = None
    """For `image` blocks: the image URL as trafilatura found it."""


def _element_text(element: etree._Element) -> str:
    return collapse_whitespace("".join(element.itertext()))


def _list_text(element: etree._Element) -> str:
    items = (_element_text(item) for item in element.iter("item"))
    return "\n".join(f"- {item}" for item in items if item)


def _table_text(element: etree._Element) -> str:
    rows = []
    for row in element.iter("row"):
        cells = [_element_text(cell) for cell in row.iter("cell")]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


_BLOCK_KINDS: dict[str, BlockKind] = {
    "p": "paragraph",
    "head": "heading",
    "quote": "quote",
    "code": "code",
}


def blocks_from_trafilatura(body: etree._Element) -> list[Block]:
    """Turn the `<body>` tree of `trafilatura.bare_extraction` into blocks, in document order."""
    return list(_walk(body))


_CONTAINERS = ("div", "section", "body")
_BLOCK_TAGS = frozenset({"graphic", "list", "table", *_BLOCK_KINDS, *_CONTAINERS})


def _walk(parent: etree._Element) -> Iterator[Block]:
    """The blocks of a container. Text that trafilatura left loose (a container's text, an
    element's tail, inline markup between blocks) joins into paragraphs of its own."""
    loose = [parent.text or ""]
    for child in parent:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            yield from _paragraph(loose)
            loose = []
            yield from _child_blocks(child)
        elif isinstance(child.tag, str):
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    yield from _paragraph(loose)


def _paragraph(pieces: list[str]) -> Iterator[Block]:
    text = collapse_whitespace(" ".join(pieces))
    if text:
        yield Block("paragraph", text)


def _child_blocks(child: etree._Element) -> Iterator[Block]:
    tag = child.tag
    if tag == "graphic":
        src = child.get("src")
        if src:
            yield Block("image", collapse_whitespace(child.get("alt") or child.get("title") or ""), src=src)
    elif tag == "list":
        text = _list_text(child)
        if text:
            yield Block("list", text)
    elif tag == "table":
        text = _table_text(child)
        if text:
            yield Block("table", text)
    elif tag in _CONTAINERS:
        yield from _walk(child)
    else:
        yield from _inline_images(child)
        text = _element_text(child)
        if text:
            yield Block(_BLOCK_KINDS[tag], text)


def _inline_images(element: etree._Element) -> Iterator[Block]:
    for graphic in element.iter("graphic"):
        src = graphic.get("src")
        if src:
            yield Block("image", collapse_whitespace(graphic.get("alt") or ""), src=src)


def blocks_from_text(text: str) -> list[Block]:
    """Split plain text (one block a line, blank lines ignored) into paragraph blocks."""
    lines = (collapse_whitespace(line) for line in text.splitlines())
    return [Block("paragraph", line) for line in lines if line]


def render_body(blocks: Iterable[Block]) -> str:
    """The `articleBody` text: the blocks' texts, images left out, separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.kind != "image" and block.text)
