"""Metadata candidates from one parsed page: JSON-LD, OpenGraph and other meta tags, `<time>`,
byline and kicker elements, figures with their captions and credits.

Nothing here decides: each fact is gathered with the place it came from, and the pipeline
stages choose among the candidates.
"""

from __future__ import annotations

import re
from typing import Any, Literal
from urllib.parse import urljoin

import attrs
from lxml import etree, html

from newscrawl.extract.blocks import collapse_whitespace, element_text
from newscrawl.extract.classes import class_test, class_words_test
from newscrawl.extract.figures import Figure, page_figures
from newscrawl.extract.jsonld import (
    article_object,
    is_organization,
    jsonld_objects,
    nodes_by_id,
    person_name,
    resolve,
    text_values,
)
from newscrawl.lexicon import all_languages, load
from newscrawl.text import match_key, unescape_entities

DateKind = Literal["published", "modified", "unknown"]
MACHINE_READABLE_DATES = ("json-ld", "meta", "itemprop", "time-datetime")
"""The date candidates' sources that a page writes for machines, not (only) for readers."""


@attrs.frozen
class DateCandidate:
    """A date string found on the page, with where it came from and what it claims to be."""

    text: str
    source: str
    kind: DateKind
    distance: int | None = None
    """How many elements apart from the headline `<h1>` the date stands in document order; None
    where the page has no `<h1>` or the date is not an element of the page."""


@attrs.frozen
class BylineCandidate:
    """An author string found on the page; `organization` when the source says it is not a person."""

    text: str
    source: str
    organization: bool = False


@attrs.define(kw_only=True)
class PageMetadata:
    """Every metadata candidate of one page, by source."""

    language: str | None = None
    canonical: str | None = None
    title: str | None = None
    h1: list[str] = attrs.field(factory=list)
    marked_headlines: list[str] = attrs.field(factory=list)
    """Other headings the markup calls the headline (itemprop, a `headline`/`entry-title` class):
    the printed headline of a page whose `<h1>` is its logo."""
    og_title: str | None = None
    jsonld_headline: str | None = None
    site_names: list[str] = attrs.field(factory=list)
    kicker: str | None = None
    kicker_is_section: bool = False
    """The kicker is a navigation label, not a topical line: it links to its section's page, or
    the page's menus link under the same words."""
    sections: list[str] = attrs.field(factory=list)
    descriptions: list[str] = attrs.field(factory=list)
    keywords: list[str] = attrs.field(factory=list)
    image: str | None = None
    og_type: str | None = None
    jsonld_types: list[str] = attrs.field(factory=list)
    bylines: list[BylineCandidate] = attrs.field(factory=list)
    dates: list[DateCandidate] = attrs.field(factory=list)
    figures: list[Figure] = attrs.field(factory=list)


# meta name/property -> what it holds
_PUBLISHED_META = (
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "displaydate",
    "og:pubdate",
)
_MODIFIED_META = (
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "article.updated",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "twitter:creator",
)
_SECTION_META = ("article:section", "og:article:section", "section", "parsely-section", "cxenseparse:section")
_KEYWORD_META = ("keywords", "news_keywords", "article:tag", "og:article:tag", "parsely-tags", "sailthru.tags")
_DESCRIPTION_META = ("description", "og:description", "twitter:description", "dc.description")
_SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")

_BYLINE_CLASS_WORDS = ("byline", "byl", "author", "autor", "auteur", "autore", "authors", "journalist", "writer")
"""Words of a byline's class (`article-author`, `byline__name`), between spaces, `_` or `-`."""
_AUTHOR_PAGE = re.compile(r"/(authors?|autor|autoren|autorzy|auteurs?|autore|autori|journalists?|staff)/", re.I)
_HEADLINE_CLASS = re.compile(  # `article-headline`, `entry-title`; not `subheadline`, `headline-sub`, `widget-title`
    r"(^|[\s_-])((entry|post|article|story|page|news)[-_]?title|(?<!sub)(?<!sub[-_])headline(?![-_]sub))([\s_-]|$)",
    re.I,
)
_MAX_MARKED_HEADLINES = 3
_NOT_BYLINE_CONTAINER = re.compile(  # also a block named after its stories (`view-related`), not `elementor-widget`
    r"(^|\s)(related|recommend|teaser|promo|comment|respond|reply|most-read|trending|popular|sidebar|widget"
    r"|newsletter)|-(related|recommended|teasers?|trending|popular)(\s|$)",
    re.I,
)
_DATE_CLASS_WORDS = ("date", "dateline", "time", "timestamp", "published", "publish", "posted", "updated",
                     "modified", "datum", "data", "fecha", "pubdate")  # fmt: skip
"""Words of a date's class (`article-date`, `display-date`), between spaces, `_` or `-`."""
_MODIFIED_HINT = re.compile(r"updat|modif|aktualisiert|mis à jour|actualiz|aggiorn|aktualiz|bijgewerkt|atualiz", re.I)
_PUBLISHED_HINT = re.compile(r"publi|pubdate|created|veröffentlicht|opublikowano", re.I)
_LINE_TAGS = frozenset({"p", "div", "span", "li", "address", "small", "header", "section", "time", "a"})
_BYLINE_LINE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in all_languages(load("bylines")["prefixes"])) + r")(?![\w])",
    re.I,
)
_DATE_LINE = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in all_languages(load("dates")["labels"])) + r")(?!\w)", re.I
)
_HEADER_BEFORE, _HEADER_AFTER = 30, 80
_MIN_HEADLINE_WORDS = 3
_KICKER_CLASS = re.compile(
    r"kicker|eyebrow|overline|dachzeile|topline|rubric|section|category|label|tag|flag|supertitle|overtitle",
    re.I,
)


_is_byline_class = class_words_test(_BYLINE_CLASS_WORDS)
_is_not_byline_container = class_test(_NOT_BYLINE_CONTAINER)
_is_date_class = class_words_test(_DATE_CLASS_WORDS)
_is_headline_class = class_test(_HEADLINE_CLASS)
_MAX_CANDIDATE_LENGTH = 300
_MAX_LINE_LENGTH = 200
_MAX_ELEMENTS = 200


def _spaced_text(element: html.HtmlElement) -> str:
    """The element's text with a space between the texts of its children, so that names and dates
    in sibling elements stay apart (`<a>ERIC TUCKER</a><span>Associated Press</span>`)."""
    return collapse_whitespace(" ".join(element.itertext()))


def _short_text(element: html.HtmlElement, limit: int = _MAX_LINE_LENGTH) -> str | None:
    """The spaced text of an element no longer than `limit`, else None (read no further than that)."""
    pieces, length = [], 0
    for piece in element.itertext():
        pieces.append(piece)
        length += len(piece)
        if length > limit * 2:
            return None
    text = collapse_whitespace(" ".join(pieces))
    return text if len(text) <= limit else None


@attrs.frozen
class _Headline:
    """Where elements stand relative to the page's headline `<h1>`, in document order."""

    order: dict[html.HtmlElement, int]
    elements: list[html.HtmlElement]
    index: int | None
    lines: list[tuple[html.HtmlElement, str]]
    """The short lines (`_LINE_TAGS` elements with their text) just before and after the `<h1>`:
    where a page prints its byline and date."""

    @classmethod
    def of(cls, tree: html.HtmlElement, titles: list[str | None]) -> _Headline:
        """Positions relative to the `<h1>` that holds the headline the page's titles give (a site
        logo may come first in an `<h1>` of its own), else the first `<h1>`."""
        elements = list(tree.iter(etree.Element))
        order = dict(zip(elements, range(len(elements)), strict=True))
        keys = [key for key in (match_key(title or "") for title in titles) if key]
        h1s = [(h1, match_key(element_text(h1))) for h1 in tree.iterfind(".//h1")]
        h1s = [(h1, key) for h1, key in h1s if key]
        h1 = next((h1 for h1, key in h1s if any(key in title or title in key for title in keys)), None)
        if h1 is None and h1s:
            h1 = h1s[0][0]
        index = order.get(h1) if h1 is not None else None
        neighbours = [] if index is None else elements[max(0, index - _HEADER_BEFORE) : index + _HEADER_AFTER]
        lines = [(e, text) for e in neighbours if e.tag in _LINE_TAGS and (text := _short_text(e))]
        return cls(order, elements, index, lines)

    def distance(self, element: html.HtmlElement) -> int | None:
        """How many elements apart from the `<h1>` the element stands; None without an `<h1>`."""
        if self.index is None or element not in self.order:
            return None
        return abs(self.order[element] - self.index)

    def place(self, element: html.HtmlElement) -> int | None:
        """How many elements after the `<h1>` the element stands (negative before it); None
        without an `<h1>`."""
        if self.index is None or element not in self.order:
            return None
        return self.order[element] - self.index


def _headline_texts(elements: list[html.HtmlElement]) -> list[str]:
    """The texts of headings marked as the headline (see `_Marked.headlines`), outside asides,
    menus, footers and teaser lists."""
    found = []
    for element in elements:
        if any(
            parent.tag in ("aside", "nav", "footer", "a") or _is_not_byline_container(parent.get("class") or "")
            for parent in element.iterancestors()
        ):
            continue
        text = element_text(element)
        if text and text not in found:
            found.append(text)
    return found[:_MAX_MARKED_HEADLINES]


def _meta_tags(tree: html.HtmlElement) -> dict[str, list[str]]:
    """The page's meta tags by name, with entities a CMS escaped twice (`&amp;#8211;`) resolved."""
    tags: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = collapse_whitespace(unescape_entities(meta.get("content") or ""))
        if key and content:
            tags.setdefault(key, []).append(content)
    return tags


def _first(tags: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    return [value for name in names for value in tags.get(name, [])]


def _language(tree: html.HtmlElement, tags: dict[str, list[str]], article: dict[str, Any]) -> str | None:
    values = [tree.get("lang"), tree.get("xml:lang")]
    values += _first(tags, ("content-language", "og:locale", "language", "dc.language"))
    values += text_values(article.get("inLanguage"))
    for value in values:
        match = re.match(r"\s*([a-zA-Z]{2})(?:[-_]|$)", value or "")
        if match:
            return match.group(1).lower()
    return None


def _split_keywords(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        for keyword in re.split(r"[,;]", value):
            keyword = collapse_whitespace(keyword)
            if keyword and keyword.lower() not in seen:
                seen[keyword.lower()] = keyword
    return list(seen.values())


def _jsonld_bylines(article: dict[str, Any], objects: list[dict[str, Any]]) -> list[BylineCandidate]:
    """The article's `author` (else `creator`) nodes, references followed to the nodes they name."""
    index = nodes_by_id(objects)
    authors = article.get("author") or article.get("creator") or []
    candidates = []
    for author in authors if isinstance(authors, list) else [authors]:
        author = resolve(author, index)
        organization = is_organization(author)
        for name in person_name(author):
            if name and not name.startswith("http"):
                candidates.append(BylineCandidate(collapse_whitespace(name), "json-ld", organization))
    return candidates


def _outside_article(element: html.HtmlElement) -> bool:
    """Inside a form, a navigation or a box of related stories, comments or widgets (a class that
    begins so) below the story's `<article>`: an author named there is not the article's."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main", "body"):
            return False
        if ancestor.tag in ("form", "nav") or _is_not_byline_container(ancestor.get("class") or ""):
            return True
    return False


_NOT_BYLINE_TAGS = frozenset({"meta", "link", "script", "style", "img", "body", "html"})
_NOT_DATE_TAGS = frozenset({"time", "meta", "script", "style", "body", "html"})


@attrs.frozen
class _Marked:
    """The elements a page marks as bylines or dates by their attributes, found in one pass."""

    bylines: list[html.HtmlElement]
    """rel=author, itemprop=author, a byline or author class, a link to an author's page."""
    dates: list[tuple[html.HtmlElement, str]]
    """Elements with a date class (or itemprop, test hook), each with that label."""
    headlines: list[html.HtmlElement]
    """Headings other than `<h1>` that the markup calls the headline (itemprop, a `headline` or
    `entry-title` class)."""

    @classmethod
    def of(cls, elements: list[html.HtmlElement]) -> _Marked:
        bylines: list[html.HtmlElement] = []
        dates: list[tuple[html.HtmlElement, str]] = []
        headlines: list[html.HtmlElement] = []
        labelled = 0
        for element in elements:
            get = element.get  # not `element.attrib`: a proxy object for each of a page's elements
            css, itemprop, hook = get("class"), get("itemprop"), get("data-qa") or get("data-testid")
            if css is None and itemprop is None and hook is None and get("rel") is None and get("href") is None:
                continue
            tag = element.tag
            if (
                len(bylines) < _MAX_ELEMENTS
                and tag not in _NOT_BYLINE_TAGS
                and (
                    (css is not None and _is_byline_class(css))
                    or (itemprop is not None and "author" in itemprop)
                    or (hook is not None and _is_byline_class(hook))
                    or get("rel") == "author"
                    or (tag == "a" and _AUTHOR_PAGE.search(get("href") or ""))
                )
            ):
                bylines.append(element)
            if (css is not None or hook is not None) and labelled < _MAX_ELEMENTS * 20:
                labelled += 1
                label = css if itemprop is None and hook is None else _label_of(css, itemprop, hook)
                if tag not in _NOT_DATE_TAGS and _is_date_class(label):
                    dates.append((element, label))
            if (itemprop == "headline" and tag != "h1") or (tag in ("h2", "h3") and css and _is_headline_class(css)):
                headlines.append(element)
        return cls(bylines, dates, headlines)


def _byline_elements(headline: _Headline, marked: _Marked) -> list[html.HtmlElement]:
    """Byline and author elements, and the short lines near the headline that open with a byline
    prefix (`By`, `Von`, `Par`…), outside forms, comments and boxes of other stories."""
    elements = list(marked.bylines)
    found = set(elements)
    elements += [element for element, text in headline.lines if element not in found and _BYLINE_LINE.match(text)]
    return [element for element in elements if not _outside_article(element)]


def _element_bylines(elements: list[html.HtmlElement], headline: _Headline) -> list[BylineCandidate]:
    """Texts of byline elements, the one nearest the headline first; where several author elements
    share a parent (`<span class=author>A</span> and <span class=author>B</span>`), the parent's
    text before theirs."""
    parents: dict[html.HtmlElement, int] = {}
    for element in elements:
        parent = element.getparent()
        if parent is not None:
            parents[parent] = parents.get(parent, 0) + 1
    located: list[tuple[int, int, BylineCandidate]] = []
    seen: set[str] = set()
    for element in elements:
        parent = element.getparent()
        group = [parent] if parent is not None and parents.get(parent, 0) > 1 else []
        for node in [*group, element]:
            text = _short_text(node, _MAX_CANDIDATE_LENGTH)
            if text and text not in seen:
                seen.add(text)
                source = "rel-author" if node.get("rel") == "author" else "byline-element"
                distance = headline.distance(element)
                located.append((distance if distance is not None else 0, len(located), BylineCandidate(text, source)))
    return [candidate for _, _, candidate in sorted(located, key=lambda entry: entry[:2])]


def marks_update(text: str) -> bool:
    """Whether a date's text names an update anywhere in it (`Updated`, `aktualisiert`, `mis à jour`)."""
    return _MODIFIED_HINT.search(text) is not None


def _date_kind(label: str | None, text: str = "") -> DateKind:
    """What a date claims to be, from its element's class or itemprop, else from the words before
    it in its text (`Updated 26 June` is a modification; `26 June / Updated 2 hours ago` is not).
    A class naming both (`entry-date published updated`) marks a post never updated since."""
    for hint in (label or "", re.split(r"\d", text, maxsplit=1)[0]):
        if _PUBLISHED_HINT.search(hint):
            return "published"
        if _MODIFIED_HINT.search(hint):
            return "modified"
    return "unknown"


def _label(element: html.HtmlElement) -> str:
    get = element.get
    return _label_of(get("class"), get("itemprop"), get("data-qa") or get("data-testid"))


def _label_of(css: str | None, itemprop: str | None, hook: str | None) -> str:
    """The text a date class is looked for in: an element's class, itemprop and test hook
    (`data-qa`, `data-testid`: React and Next.js sites name their elements there, not in classes)."""
    return f"{css or ''} {itemprop or ''} {hook or ''}"


def _time_dates(tree: html.HtmlElement, headline: _Headline) -> list[DateCandidate]:
    candidates: list[DateCandidate] = []
    for element in tree.iterfind(".//time"):
        text, distance = _spaced_text(element), headline.distance(element)
        parent = element.getparent()
        kind = _date_kind(_label(element), text)
        if element.get("pubdate") is not None:
            kind = "published"
        elif kind == "unknown" and parent is not None:
            kind = _date_kind(parent.get("class"))
        if element.get("datetime"):
            candidates.append(DateCandidate(element.get("datetime").strip(), "time-datetime", kind, distance))
        if text and len(text) <= 100:
            candidates.append(DateCandidate(text, "time-text", kind, distance))
    return candidates


def _element_dates(tree: html.HtmlElement, headline: _Headline, marked: _Marked) -> list[DateCandidate]:
    candidates = _time_dates(tree, headline)
    for element in tree.xpath(".//*[@itemprop='datePublished' or @itemprop='dateModified']"):
        kind = "modified" if element.get("itemprop") == "dateModified" else "published"
        value = element.get("content") or element.get("datetime") or _spaced_text(element)
        if value and element.tag != "meta":
            candidates.append(DateCandidate(value.strip(), "itemprop", kind, headline.distance(element)))
    for element, label in marked.dates:
        text = _short_text(element, 100)
        if text == "":
            text = (element.get("value") or element.get("content") or "").strip()
        if text and len(text) >= 6 and re.search(r"\d", text):
            candidates.append(DateCandidate(text, "date-element", _date_kind(label, text), headline.distance(element)))
    return candidates + _line_dates(headline)


def _line_dates(headline: _Headline) -> list[DateCandidate]:
    """Short lines near the headline that open with a date label (`First published:`,
    `publiziert am`), whatever their class."""
    candidates = []
    for element, text in headline.lines:
        if len(text) <= 100 and _DATE_LINE.match(text) and re.search(r"\d", text):
            candidates.append(DateCandidate(text, "date-element", _date_kind("", text), headline.distance(element)))
    return candidates


def _byline_dates(elements: list[html.HtmlElement], headline: _Headline) -> list[DateCandidate]:
    """Dates printed in byline lines (`By Jane Doe, June 26, 2024 9:08 am ET`)."""
    candidates = []
    for element in elements:
        text = _short_text(element)
        if text and re.search(r"\d", text):
            candidates.append(DateCandidate(text, "date-element", _date_kind("", text), headline.distance(element)))
    return candidates


def _describes_page(obj: dict[str, Any], article: dict[str, Any], urls: set[str]) -> bool:
    """A JSON-LD object other than the article that describes the same page: its WebPage, or an
    object (such as a ClaimReview) whose URL is the page's."""
    if obj is article:
        return False
    types = {str(t).lower() for t in text_values(obj.get("@type"))}
    url = next(iter(text_values(obj.get("url"))), "")
    return "webpage" in types or url.split("#")[0].rstrip("/") in urls


def _jsonld_dates(article: dict[str, Any], objects: list[dict[str, Any]], urls: set[str]) -> list[DateCandidate]:
    """The article's JSON-LD dates, then those of other objects that describe the same page."""
    candidates: list[DateCandidate] = []
    for obj in [article, *(obj for obj in objects if _describes_page(obj, article, urls))]:
        for key, kind in (("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")):
            candidates += [DateCandidate(value, "json-ld", kind) for value in text_values(obj.get(key))]
    return candidates


def _kicker(tree: html.HtmlElement) -> html.HtmlElement | None:
    """The short label printed inside the first `<h1>` before its headline (`<h1><span>Kicker</span>
    Headline</h1>`) or right before that `<h1>` (a section or kicker line)."""
    for h1 in tree.findall(".//h1")[:1]:
        previous = h1.getprevious()
        inner = [child for child in h1 if isinstance(child.tag, str)]
        candidates = [child for child in inner[:1] if _is_glued_label(h1, child)]
        candidates += [previous] if previous is not None else []
        for element in candidates:
            if element.tag in ("script", "style", "nav", "ul", "ol", "img", "figure"):
                continue
            text = element_text(element)
            if text and len(text) <= 40 and len(text.split()) <= 4:
                return element
    return None


def _is_glued_label(h1: html.HtmlElement, child: html.HtmlElement) -> bool:
    """The `<h1>`'s first child is a label of its own: marked as one, or an inline element that
    the headline's words follow."""
    if (h1.text or "").strip():  # `<h1>Apple and <em>Microsoft</em> report…</h1>`: a word inside it
        return False
    if _KICKER_CLASS.search(child.get("class") or ""):
        return True
    if child.tag not in ("span", "small", "strong", "em", "b", "i"):
        return False
    rest = element_text(h1)[len(element_text(child)) :].lstrip()
    # `<b>Ehezoff</b> der Pochers eskaliert`: a word set apart in the headline's first sentence
    return len(rest.split()) >= _MIN_HEADLINE_WORDS and not rest[:1].islower()


def _is_section_label(tree: html.HtmlElement, element: html.HtmlElement) -> bool:
    """The label is a link, holds one link with all its text, or another link of the page (a
    menu's) says the same."""
    links = [element] if element.tag == "a" else element.findall(".//a")
    text = element_text(element)
    if len(links) == 1 and links[0].get("href") is not None and element_text(links[0]) == text:
        return True
    return any(link not in links for link in tree.xpath(".//a[normalize-space(.)=$text]", text=text))


def page_metadata(tree: html.HtmlElement, url: str) -> PageMetadata:
    """Gather every metadata candidate of a parsed page."""
    tags = _meta_tags(tree)
    objects = jsonld_objects(tree)
    article = article_object(objects)
    meta = PageMetadata()
    meta.language = _language(tree, tags, article)

    canonical = tree.find(".//link[@rel='canonical']")
    canonical_href = canonical.get("href") if canonical is not None else None
    og_url = _first(tags, ("og:url",))
    if canonical_href or og_url:
        meta.canonical = urljoin(url, (canonical_href or og_url[0]).strip())

    title = tree.find(".//title")
    meta.title = element_text(title) if title is not None else None
    meta.h1 = [text for text in (element_text(h1) for h1 in tree.iterfind(".//h1")) if text]
    meta.og_title = next(iter(_first(tags, ("og:title", "twitter:title"))), None)
    meta.jsonld_headline = next(iter(text_values(article.get("headline") or article.get("name"))), None)
    publisher = article.get("publisher")
    meta.site_names = _first(tags, _SITE_META) + (text_values(publisher) if isinstance(publisher, dict) else [])
    kicker = _kicker(tree)
    if kicker is not None:
        meta.kicker, meta.kicker_is_section = element_text(kicker), _is_section_label(tree, kicker)
    meta.sections = text_values(article.get("articleSection")) + _first(tags, _SECTION_META)
    meta.descriptions = _first(tags, _DESCRIPTION_META) + text_values(article.get("description"))
    meta.keywords = _split_keywords(_first(tags, _KEYWORD_META) + text_values(article.get("keywords")))
    images = _first(tags, ("og:image", "og:image:url", "twitter:image")) + text_values(article.get("image"))
    meta.image = urljoin(url, images[0]) if images else None
    meta.og_type = next(iter(_first(tags, ("og:type",))), None)
    meta.jsonld_types = sorted({str(t) for obj in objects for t in text_values(obj.get("@type"))})

    headline = _Headline.of(tree, [meta.og_title, meta.jsonld_headline, meta.title])
    marked = _Marked.of(headline.elements)
    meta.marked_headlines = _headline_texts(marked.headlines)
    byline_elements = _byline_elements(headline, marked)
    meta.bylines = _jsonld_bylines(article, objects)
    meta.bylines += [BylineCandidate(text, "meta") for text in _first(tags, _AUTHOR_META)]
    meta.bylines += _element_bylines(byline_elements, headline)

    urls = {value.split("#")[0].rstrip("/") for value in (url, meta.canonical) if value}
    meta.dates = _jsonld_dates(article, objects, urls)
    meta.dates += [DateCandidate(value, "meta", "published") for value in _first(tags, _PUBLISHED_META)]
    meta.dates += [DateCandidate(value, "meta", "modified") for value in _first(tags, _MODIFIED_META)]
    meta.dates += _element_dates(tree, headline, marked) + _byline_dates(byline_elements, headline)
    meta.figures = page_figures(tree, url, headline.place)
    return meta
