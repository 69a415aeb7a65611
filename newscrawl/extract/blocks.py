"""The article body as a list of blocks: paragraphs, sub-headings, lists, quotes, tables.

Later stages (repeats, bylines, dates) work on blocks rather than on one flattened string, so
that a caption, a byline line or a teaser heading can be recognised and moved as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs
from lxml import etree

BlockKind = Literal["heading", "paragraph", "list", "quote", "table", "code"]

_WHITESPACE = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Fold every run of white space (including non-breaking spaces) into one space and strip."""
    return _WHITESPACE.sub(" ", text.replace("\u00ad", "").replace("\u200b", "")).strip()


@attrs.frozen
class Block:
    """One block of the article body."""

    kind: BlockKind
    """What the block is."""

    text: str
    """The block's plain text, white space collapsed; list items are lines starting with `- `."""

    link_ratio: float = 0.0
    """The share of the text that is link text: near 1 for a teaser link or a list of links."""


def element_text(element: etree._Element) -> str:
    """The element's text, white space collapsed."""
    return collapse_whitespace("".join(element.itertext()))


def _link_ratio(elements: Iterable[etree._Element], text: str) -> float:
    """How much of `text` is the text of trafilatura's `<ref>` (link) elements."""
    linked = sum(len(element_text(ref)) for element in elements for ref in element.iter("ref"))
    return min(1.0, linked / len(text)) if text else 0.0


def _block(kind: BlockKind, element: etree._Element, text: str) -> Iterator[Block]:
    if text:
        yield Block(kind, text, _link_ratio([element], text))


def _list_text(element: etree._Element) -> str:
    items = (element_text(item) for item in element.iter("item"))
    return "\n".join(f"- {item}" for item in items if item)


def _table_text(element: etree._Element) -> str:
    rows = []
    for row in element.iter("row"):
        cells = [element_text(cell) for cell in row.iter("cell")]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


_BLOCK_KINDS: dict[str, BlockKind] = {
    "p": "paragraph",
    "head": "heading",
    "quote": "quote",
    "code": "code",
}


_CONTAINERS = ("div", "section", "body")
_BLOCK_TAGS = frozenset({"list", "table", *_BLOCK_KINDS, *_CONTAINERS})


def blocks_from_trafilatura(body: etree._Element) -> list[Block]:
    """Turn the `<body>` tree of `trafilatura.bare_extraction` into blocks, in document order."""
    for line_break in body.iter("lb"):  # `<br>`: the words on either side are apart
        line_break.tail = " " + (line_break.tail or "")
    return list(_walk(body))


def _walk(parent: etree._Element) -> Iterator[Block]:
    """The blocks of a container. Text that trafilatura left loose (a container's text, an
    element's tail, inline markup between blocks) joins into paragraphs of its own."""
    loose: list[etree._Element | str] = [parent.text or ""]
    for child in parent:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            yield from _loose_paragraph(loose)
            loose = []
            yield from _child_blocks(child)
        elif isinstance(child.tag, str) and child.tag != "graphic":
            loose.append(child)
        loose.append(child.tail or "")
    yield from _loose_paragraph(loose)


def _loose_paragraph(pieces: list[etree._Element | str]) -> Iterator[Block]:
    texts = [piece if isinstance(piece, str) else "".join(piece.itertext()) for piece in pieces]
    text = collapse_whitespace(" ".join(texts))
    if text:
        elements = [piece for piece in pieces if not isinstance(piece, str)]
        yield Block("paragraph", text, _link_ratio(elements, text))


def _child_blocks(child: etree._Element) -> Iterator[Block]:
    tag = child.tag
    if tag == "list":
        yield from _block("list", child, _list_text(child))
    elif tag == "table":
        yield from _block("table", child, _table_text(child))
    elif tag in _CONTAINERS:
        yield from _walk(child)
    else:
        yield from _block(_BLOCK_KINDS[tag], child, element_text(child))


def render_body(blocks: Iterable[Block]) -> str:
    """The `articleBody` text: the blocks' texts separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.text)
