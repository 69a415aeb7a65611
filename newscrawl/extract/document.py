"""One parse of a page: the bytes decoded right, then the lxml tree every later step reads."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from lxml import etree, html
from trafilatura.utils import repair_faulty_html
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "zip archive",
    b"\x1f\x8b": "gzip data",
    b"\x00\x00\x01\x00": "icon",
    b"OggS": "Ogg media",
    b"ID3": "MP3 audio",
}
WEB_ENCODINGS = [
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp874", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
]  # fmt: skip
"""The legacy charsets the web still serves, the candidates when a page's charset must be guessed."""
_CENTRAL, _CYRILLIC, _WESTERN = ["cp1250", "iso8859_2"], ["cp1251", "koi8_r", "iso8859_5"], ["cp1252", "iso8859_15"]
LANGUAGE_ENCODINGS = {
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "ro", "bs", "sq"), _CENTRAL),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be"), _CYRILLIC),
    **dict.fromkeys(("en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "no", "nb", "fi", "ca", "ga"), _WESTERN),
    "el": ["cp1253", "iso8859_7"], "tr": ["cp1254", "iso8859_9"], "he": ["cp1255", "iso8859_8"],
    "ar": ["cp1256", "iso8859_6"], "lt": ["cp1257", "iso8859_13"], "lv": ["cp1257", "iso8859_13"],
    "et": ["cp1257", "iso8859_15"], "th": ["cp874"], "ja": ["shift_jis", "euc_jp"], "zh": ["gb18030", "big5"],
    "ko": ["euc_kr"],
}  # fmt: skip
"""The legacy charsets a page in a language is likely to use, when its own declaration is wrong."""
_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.I)
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_NOT_XML = bytes(set(range(32)) - {9, 10, 13})
"""Control characters XML cannot hold; in UTF-8 no multi-byte character contains their bytes."""
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())
_PARSER = html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
"""trafilatura's parser settings: comments and processing instructions are not content."""
# lxml.html picks each element's class in Python (`HtmlElementClassLookup`: a form class for
# `<form>`, `<input>`…), called for every element the extraction touches; a lookup done in C that
# gives every element `HtmlElement` (all that this project and trafilatura use) saves that call.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity
    )
)
_REPAIRED_HEAD = 4096
_DOCUMENT_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_MAX_PRELUDE = 10_000
"""How far into a page its document may start: server output printed before it (a PHP warning, a
debug line) is noise of the server, not of the page."""
"""How much of a page's start trafilatura's repairs (a doctype libxml2 misreads, `<html/>`) touch."""


MAX_TAGS = 150_000
"""Far more tags than an article page has (the 181 pages of the article-extraction-benchmark have
at most 3 229, median 1 506): such a page is a listing or a trap, and parsing it would cost
hundreds of megabytes in a worker."""


class NotHtmlError(ValueError):
    """The text is not an HTML document that can be parsed."""


def binary_kind(body: bytes) -> str | None:
    """What binary content `body` is (`PDF`, `PNG image`, `zip archive`…), or None for text.

    Servers send files as `text/html` by mistake; their magic numbers, or a share of control
    bytes no text has, tell them apart.
    """
    for magic, kind in _SIGNATURES.items():
        if body.startswith(magic):
            return kind
    if body[4:12].startswith(b"ftyp") or (body.startswith(b"RIFF") and body[8:12] in (b"WEBP", b"AVI ", b"WAVE")):
        return "media file"
    head = body[:2048]
    if head and not head.startswith(_BOMS) and sum(head.count(c) for c in _CONTROL) > len(head) * 0.1:
        return "binary data"
    return None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """The text of an HTML document, whatever its declared charset says.

    A BOM decides; then bytes that are valid UTF-8 are UTF-8 (text in another charset almost
    never is, so a wrong `charset=iso-8859-2` on UTF-8 text is overruled); then the declared
    charset (HTTP header, then `<meta>`) if it decodes cleanly; then detection
    (charset_normalizer), which also catches cp1250 text declared as UTF-8.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    declared = resolve_encoding(declared) if declared else None
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    language = _LANG.search(body[:10_000])
    candidates = LANGUAGE_ENCODINGS.get(language.group(1).decode().lower() if language else "", WEB_ENCODINGS)
    if not _C1_BYTES.search(body):  # no byte in 0x80-0x9F: the ISO-8859 sibling, not the windows charset
        candidates = sorted(candidates, key=lambda name: not name.startswith("iso8859"))
        if len(candidates) <= 3:
            return body.decode(candidates[0], errors="replace")
    best = charset_normalizer.from_bytes(body[:200_000], cp_isolation=candidates).best()
    encoding = best.encoding if best is not None else candidates[0]
    return body.decode(encoding, errors="replace")


def parse_html(text: str) -> html.HtmlElement:
    """Parse an HTML document into the tree of its `<html>` element, as trafilatura would (its
    repairs of the document's start, its parser settings), but in one pass: the characters XML
    cannot hold are dropped from the UTF-8 bytes, not by a regular expression over the text.

    Raises `NotHtmlError` for an empty, non-HTML or absurdly large text.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise NotHtmlError("empty document")
    start = _DOCUMENT_START.search(text, 0, _MAX_PRELUDE)
    if start is not None and text[: start.start()].strip():
        text = text[start.start() :]
    tags = text.count("<")
    if tags > MAX_TAGS:
        raise NotHtmlError(f"too large for an article page: {tags} tags (more than {MAX_TAGS})")
    beginning = text[:50].lower()
    text = repair_faulty_html(text[:_REPAIRED_HEAD], beginning) + text[_REPAIRED_HEAD:]
    data = text.encode("utf-8", "surrogatepass").translate(None, _NOT_XML)
    for noncharacter in _NONCHARACTERS:
        data = data.replace(noncharacter, b"")
    try:
        tree = html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise NotHtmlError("not an HTML document") from error
    if "html" not in beginning and len(tree) < 2:  # trafilatura's test: no `<html>` and no head and body
        raise NotHtmlError("not an HTML document")
    return tree
