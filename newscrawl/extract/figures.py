"""Figures: the images of a page with the caption and credit printed around them, and which of
them are the article's own.

An article's image is a `<figure>` of the story, or a photo set in a plain `div` (a lead photo
above the text, a `<picture>` with a caption and a credit beside it, an AMP `<amp-img>`); a logo,
an avatar, an icon, a tracking pixel or the thumbnail of another story is not. Nothing is decided
about the caption's words here: the credit's marker (`Foto:`, `写真：`, `사진=`) is read by
`credit_text`, which the body's cleaning also uses for credit lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import attrs
from lxml import etree, html

from newscrawl.extract.blocks import collapse_whitespace, element_text
from newscrawl.extract.classes import class_test
from newscrawl.lexicon import all_languages, load
from newscrawl.text import strip_label


@attrs.frozen
class Figure:
    """An image of the page with the caption and credit found around it in the markup."""

    url: str
    caption: str | None
    credit: str | None
    alt: str | None
    in_article: bool = False
    """One of the article's own images: a `<figure>` inside the `<article>` that holds the
    headline (outside its asides and teasers), or a captioned or credited photo of the story set
    outside a `<figure>`. It counts even where the body extractor dropped it."""


# --- credits ---------------------------------------------------------------------------------

_MAX_CREDIT_WORDS = 14
CREDIT_MARKERS = all_languages(load("credits")["markers"])
_CREDIT_START = re.compile("|".join(re.escape(marker) for marker in CREDIT_MARKERS), re.I)
"""Where a text may open with a credit marker: tells most texts apart before the markers are tried."""
_MARKER_SEPARATORS = (":", "：", ".", "=", "/", "©")
"""What stands between a credit marker and the credit (`Foto: dpa`, `写真：共同`, `사진=연합뉴스`,
`图/新华社`, `Fot. PAP`): a marker followed by a word is the start of a sentence."""
CREDIT_AGENCIES = load("credits")["agencies_in_credits"]
_AGENCY = "(?:" + "|".join(re.escape(name) for name in sorted(CREDIT_AGENCIES, key=len, reverse=True)) + ")"
_CREDIT_INLINE = re.compile(
    rf"^\(?\s*(©|\(c\)|copyright\b)|\s©\s|\({_AGENCY}( Photo)?/[^)]+\)$|^[^.!?]{{0,60}}(\bvia\s+|/\s*){_AGENCY}\b"
    rf"|^{_AGENCY}\s*(/|$)",
    re.I,
)
"""A credit without a marker: a copyright sign, `(AP Photo/Jane Doe)`, `Jane Doe/Getty Images`,
`AFP via Getty Images`, an image agency alone (agencies from the credits lexicon). A name may
stand before the agency, a sentence may not: a caption that ends with its credit is a caption."""
_TRAILING_CREDIT = re.compile(
    r"(?:(?<=[.!?。」）)])\s*|\s*[(（\[]\s*)(?P<credit>(?:"
    + "|".join(re.escape(marker) for marker in CREDIT_MARKERS)
    + r")\s*[:：=/©].{1,80}?)\s*[)）\]]?\s*$",
    re.I,
)
"""A credit printed at the end of a caption: `The minister in Kyiv. Photo: Reuters`,
`Die Kanzlerin (Foto: dpa)`, `会見する首相（写真：共同）`."""


def credit_text(text: str) -> str | None:
    """The credit of a credit line (`Images source: © Licensor` -> `Licensor`, `Fot. PAP/X` ->
    `PAP/X`, `사진=연합뉴스` -> `연합뉴스`), or None if the text is not one."""
    if len(text.split()) > _MAX_CREDIT_WORDS:
        return None
    for marker in CREDIT_MARKERS if _CREDIT_START.match(text) else ():
        rest = strip_label(text, marker)
        if not rest:
            continue
        separator = text[len(marker) : len(text) - len(rest)] + rest[:1]
        if any(mark in separator for mark in _MARKER_SEPARATORS) or marker.endswith((" by", " of")):
            return rest.lstrip("=/：© ").strip() or None
    if _CREDIT_INLINE.search(text):
        return re.sub(r"^\(?\s*(©|\(c\)|copyright)\s*", "", text, flags=re.I).strip(" ()") or None
    return None


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """A caption and the credit printed at its end, apart: `The minister in Kyiv. Photo: Reuters`
    -> (`The minister in Kyiv.`, `Reuters`). A caption without one is returned as it is."""
    match = _TRAILING_CREDIT.search(caption)
    if match is None:
        return caption, None
    credit = credit_text(match.group("credit"))
    if credit is None:
        return caption, None
    return collapse_whitespace(caption[: match.start()]).rstrip(" (（[|-–—") or None, credit


# --- which images are the article's ----------------------------------------------------------

_CREDIT_CLASS = re.compile(r"credit|copyright|source|author|autor|photographer|photo-by|quelle|zrodlo|źródło", re.I)
_PHOTO_CREDIT_CLASS = re.compile(
    r"credit|copyright|photographer|fotograf|photo-?by|(photo|image|img|media|bild|foto|pic)[-_]?(source|author|owner)"
    r"|quelle|zrodlo|źródło|courtesy|rights",
    re.I,
)
"""A credit's class beside a photo outside a `<figure>`: not `author` or `source`, which there
name an article's author box or a quote's source as often as a photographer."""
_CAPTION_CLASS = re.compile(
    r"caption|legend|description|opis|podpis|unterschrift|bildtext|leyenda|didascalia|bijschrift|"
    r"(^|\s|_|photo-|foto-|img-|image-|pic-)(cap|pie)([\s_-]|$)|(foto|photo|image|img|bild)-?te?xt",
    re.I,
)
"""A caption's class: the words for it in CMSs and languages, and `cap` or `pie` as a whole word
(`p.cap`, `photo-cap`, `foto-pie`), not a drop cap (`has-drop-cap`)."""
_NOT_ARTICLE_CLASS = re.compile(
    r"related|recommend|teaser|promo|sidebar|comment|newsletter|share|social|widget|most-read|trending|advert"
    r"|(^|[\s_-])ads?([\s_-]|$)",
    re.I,
)
_NOT_PHOTO_CLASS = re.compile(
    r"avatar|author|byline|profile|logo|icon|emoji|badge|sprite|gravatar|headshot|mugshot|"
    r"slider?(s|show)?([\s_-]|$)|carousel|swiper|(^|[\s_-])(card|tile|list-?item|banner)([\s_-]|$)",
    re.I,
)
"""The class of an image, or of a box around it, that is not a photo of the story: an author's
picture, a site's logo, an icon, a story card, a slide of a page's slider."""
_NOT_PHOTO_WORDS = frozenset({
    "logo", "logos", "avatar", "avatars", "icon", "icons", "favicon", "sprite", "sprites", "pixel", "spacer", "blank",
    "gravatar", "badge", "badges", "emoji", "placeholder", "preloader", "loader", "1x1", "transparent", "watch",
})  # fmt: skip
"""Words of an image file's path and query that name no photo (a whole word: `silicon-valley.jpg` is a
photo); a path that ends in `tr` is a tracking pixel's (`/tr?id=…`)."""
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif)([?#]|$)", re.I)
_MIN_PHOTO_SIDE = 100
"""Pixels under which a declared width or height marks an icon, an avatar or a pixel, not a photo."""
_MAX_PHOTO_TEXT = 400
"""Characters of text a photo's box may hold: its caption and credit, not an article's paragraphs."""
_PHOTO_BEFORE_H1, _PHOTO_AFTER_H1 = 40, 400
"""Where a photo may stand on a page without an `<article>`: elements before and after the `<h1>`."""
_MAX_ELEMENTS = 200
_STOP_TAGS = frozenset({"body", "article", "main"})
_OUT_OF_ARTICLE_TAGS = frozenset({"aside", "nav", "footer", "form"})


_is_credit_class = class_test(_CREDIT_CLASS)
_is_photo_credit_class = class_test(_PHOTO_CREDIT_CLASS)
_is_caption_class = class_test(_CAPTION_CLASS)
_is_not_article_class = class_test(_NOT_ARTICLE_CLASS)
_is_not_photo_class = class_test(_NOT_PHOTO_CLASS)


def _has_text(element: html.HtmlElement) -> bool:
    """Whether the element holds any visible text (stops at the first piece that has some)."""
    return any(not piece.isspace() for piece in element.itertext() if piece)


def _image_src(img: html.HtmlElement, base_url: str) -> str | None:
    """The image's file: a lazy loader's `data-src` before the placeholder in `src`, else the
    first candidate of `srcset`."""
    get = img.get
    src = get("data-src") or get("data-lazy-src") or get("data-original") or get("src")
    srcset = get("srcset") or get("data-srcset")
    if (not src or src.startswith("data:")) and srcset:
        src = srcset.split(",")[0].split()[0]
    if not src or src.startswith("data:"):
        return None
    src = src.strip()
    if src.startswith(("https://", "http://")) and not any(char in src for char in "\t\r\n"):
        return src  # urljoin is slow, and has nothing to do here
    return urljoin(base_url, src)


def _figure_container(img: html.HtmlElement) -> html.HtmlElement:
    """The element that groups an image with its caption: the enclosing `<figure>`, or the
    nearest ancestor that holds more than the image (a caption `div` beside it)."""
    container = img
    for _ in range(4):
        parent = container.getparent()
        if parent is None or parent.tag in _STOP_TAGS:
            break
        container = parent
        if parent.tag == "figure" or _has_text(parent):
            break
    return container


def _article_root(tree: html.HtmlElement) -> html.HtmlElement | None:
    """The `<article>` (or main-content element) that holds the first `<h1>`, if any."""
    for h1 in tree.findall(".//h1")[:1]:
        for ancestor in h1.iterancestors():
            label = f"{ancestor.get('itemprop') or ''} {ancestor.get('class') or ''}"
            if ancestor.tag in ("article", "main") or "articleBody" in label:
                return ancestor
    return None


def _in_article(img: html.HtmlElement, root: html.HtmlElement | None) -> bool:
    """Inside the article's root, outside its asides and boxes of other stories."""
    if root is None:
        return False
    for ancestor in img.iterancestors():
        if ancestor is root:
            return True
        if ancestor.tag in _OUT_OF_ARTICLE_TAGS or _is_not_article_class(ancestor.get("class") or ""):
            return False
    return False


def _caption_and_credit(container: html.HtmlElement, *, figure: bool) -> tuple[str | None, str | None]:
    """The caption and the credit printed in an image's container (by tag, class or itemprop);
    beside a photo outside a `<figure>`, only classes that name a photo's credit count."""
    is_credit = _is_credit_class if figure else _is_photo_credit_class
    caption = credit = None
    for element in container.iter(etree.Element):
        css, itemprop = element.get("class"), element.get("itemprop")
        label = f"{css} {itemprop or ''}" if css is not None else itemprop or ""
        if credit is None and label and is_credit(label):
            credit = element_text(element) or None
        elif caption is None and (element.tag == "figcaption" or _is_caption_class(label)):
            caption = element_text(element) or None
    if caption and credit and credit in caption and credit != caption:
        caption = collapse_whitespace(caption.replace(credit, "")) or None
    return caption, credit


def _is_decoration(img: html.HtmlElement, url: str) -> bool:
    """A logo, an avatar, an icon or a tracking pixel: by its declared size, its class or its file."""
    for side in (img.get("width"), img.get("height")):
        digits = re.match(r"\s*(\d+)\s*(px)?\s*$", side or "")
        if digits and int(digits.group(1)) < _MIN_PHOTO_SIDE:
            return True
    parts = urlsplit(url)
    label = f"{img.get('class') or ''} {img.get('id') or ''}"
    path, query = (re.split(r"[^a-z0-9]+", text.lower()) for text in (parts.path, parts.query))
    return _is_not_photo_class(label) or not _NOT_PHOTO_WORDS.isdisjoint(path + query) or "tr" in path[-1:]


def _links_away(img: html.HtmlElement, container: html.HtmlElement) -> bool:
    """The image is a link to another page (a teaser's thumbnail), not to its own file."""
    for ancestor in img.iterancestors():
        if ancestor.tag == "a":
            href = ancestor.get("href") or ""
            return bool(href) and not href.startswith("#") and not _IMAGE_FILE.search(href)
        if ancestor is container:
            return False
    return False


def _placed_in_article(img: html.HtmlElement, root: html.HtmlElement | None, place: int | None) -> bool:
    """Inside the article's root; on a page without one, near its `<h1>` and outside asides and
    boxes of other stories."""
    if root is not None:
        return _in_article(img, root)
    return place is not None and -_PHOTO_BEFORE_H1 <= place <= _PHOTO_AFTER_H1 and not _out_of_article(img)


def _is_photo_box(img: html.HtmlElement, container: html.HtmlElement) -> bool:
    """A box that holds little more than the photo and its caption or credit, not the box of an
    author, a logo, a story card or a slider."""
    return not any(_is_not_photo_class(box.get("class") or "") for box in _boxes(img, container)) and (
        _short_text(container) is not None
    )


def _out_of_article(img: html.HtmlElement) -> bool:
    """In an aside, a navigation, a footer, a form or a box of other stories."""
    return any(
        a.tag in _OUT_OF_ARTICLE_TAGS or _is_not_article_class(a.get("class") or "") for a in img.iterancestors()
    )


def _boxes(img: html.HtmlElement, container: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The elements from the image up to its container."""
    for ancestor in img.iterancestors():
        yield ancestor
        if ancestor is container:
            return


def _images(tree: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The page's `<img>` and AMP `<amp-img>` elements, the first `_MAX_ELEMENTS`."""
    for count, img in enumerate(tree.iter("img", "amp-img")):
        if count >= _MAX_ELEMENTS:
            return
        yield img


def page_figures(
    tree: html.HtmlElement, base_url: str, h1_place: Callable[[html.HtmlElement], int | None]
) -> list[Figure]:
    """Every image of the page with its caption, credit and alt text, and whether it is one of
    the article's own (`Figure.in_article`). `h1_place` tells how many elements after the headline
    `<h1>` an element stands (negative before it; None without an `<h1>`)."""
    root = _article_root(tree)
    figures: list[Figure] = []
    read: dict[html.HtmlElement, tuple[str | None, str | None]] = {}  # images of a grid share a container
    for img in _images(tree):
        url = _image_src(img, base_url)
        if url is None:
            continue
        container = _figure_container(img)
        in_figure = next(img.iterancestors("figure"), None) is not None
        if container not in read:
            read[container] = _caption_and_credit(container, figure=in_figure)
        caption, credit = read[container]
        alt = collapse_whitespace(img.get("alt") or img.get("title") or "") or None
        if in_figure:
            in_article = _in_article(img, root)
        elif _placed_in_article(img, root, h1_place(img)):  # a photo of the story outside a `<figure>`
            if not (caption or credit) and container is not img:
                credit = _credit_line(container)
            in_article = bool(caption or credit) and _is_photo_box(img, container)
        else:
            in_article = False
        in_article = in_article and not _is_decoration(img, url) and not _links_away(img, container)
        figures.append(Figure(url=url, caption=caption, credit=credit, alt=alt, in_article=in_article))
    return figures


def _credit_line(container: html.HtmlElement) -> str | None:
    """The text of a photo's box when it is a credit line alone (`Foto: dpa`, `写真：共同`)."""
    text = _short_text(container)
    return text if text and credit_text(text) else None


def _short_text(element: html.HtmlElement, limit: int = _MAX_PHOTO_TEXT) -> str | None:
    """The element's text if it is no longer than `limit`, else None (read no further than that:
    white space of the markup's indentation does not count)."""
    pieces, length = [], 0
    for piece in element.itertext():
        pieces.append(piece)
        length += len(piece.strip())
        if length > limit * 2:
            return None
    text = collapse_whitespace("".join(pieces))
    return text if len(text) <= limit else None
