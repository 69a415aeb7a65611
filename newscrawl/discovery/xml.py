"""Safe XML for feeds and sitemaps: no entity expansion, no network, no huge trees, a cap on
what a gzip'd file may expand to."""

from __future__ import annotations

import struct
import zlib

from lxml import etree
from scrapy.utils.gz import gunzip

GZIP_MAGIC = b"\x1f\x8b"


class MalformedXmlError(ValueError):
    """The document is not XML we can read (broken, truncated, too large once decompressed)."""


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False, recover=recover
    )


def _gunzip(data: bytes, max_size: int) -> bytes:
    """Decompress gzip data, refusing to expand past `max_size` bytes (a gzip bomb stops here)."""
    try:
        return gunzip(data, max_size=max_size)
    except ValueError as error:  # Scrapy's (private) exception for passing max_size is a ValueError
        raise MalformedXmlError(f"gzip data expands past the {max_size} byte cap") from error
    # a bad header or a cut stream with nothing before it; a corrupt deflate stream (zlib.error,
    # which Scrapy does not catch)
    except (OSError, EOFError, struct.error, zlib.error) as error:
        raise MalformedXmlError(f"broken gzip data: {error}") from error


def parse_xml(data: bytes, max_size: int) -> tuple[etree._Element, bool]:
    """Parse (gunzipping first if needed) an XML document; returns its root and whether it had
    to be recovered from errors. Raises `MalformedXmlError` when nothing usable is left."""
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data, max_size)
    if len(data) > max_size:
        raise MalformedXmlError(f"document larger than the {max_size} byte cap")
    data = data.lstrip()
    if not data:
        raise MalformedXmlError("empty document")
    try:
        return etree.fromstring(data, _parser(recover=False)), False
    except etree.XMLSyntaxError as strict_error:
        try:
            root = etree.fromstring(data, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise MalformedXmlError(f"not well-formed XML: {strict_error}") from strict_error
        return root, True


def local_name(element: etree._Element) -> str:
    """The tag without its namespace: `{http://www.w3.org/2005/Atom}entry` -> `entry`."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def child_text(element: etree._Element, *names: str) -> str | None:
    """The stripped text of the first child whose local name is one of `names`."""
    for child in element:
        if local_name(child) in names:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None
