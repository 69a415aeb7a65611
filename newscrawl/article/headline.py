"""The headline, its metadata variant, the kicker and the section: each once, in its own field.

Candidates are the page's `<h1>`s, its JSON-LD headline, og:title, a feed's title and `<title>`;
the `<h1>` that matches the structured headline is the printed one. Where the publisher's
metadata headline says something else (an SEO variant), it is the `alternativeHeadline`. A short
line above the headline, or glued before it, is the section where it links to a section (or names
the metadata's section), else a kicker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from newscrawl.article.bylines import Site
from newscrawl.article.draft import ArticleDraft
from newscrawl.extract.metadata import PageMetadata
from newscrawl.text import match_key, word_count

if TYPE_CHECKING:
    from newscrawl.article.explain import Trace

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»•/]\s+|\s+::\s+")
MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40
_MIN_REST_WORDS = 3
_MAX_SITE_WORDS, _MIN_DOMAIN_CHARS, _MAX_TLD_CHARS = 3, 5, 4


def is_label(text: str | None) -> bool:
    """Short enough to be a section label or kicker, not a sentence."""
    return bool(text) and len(text) <= MAX_LABEL_CHARS and len(text.split()) <= MAX_LABEL_WORDS


def strip_site_name(title: str, site_names: Iterable[str], other_titles: Iterable[str] = (), domain: str = "") -> str:
    """`title` without a site-name part (`Headline | Site`, `Site - Headline`).

    A part is a site name when it matches a known site name, when another candidate (the `<h1>`,
    `og:title`) is the rest of the title, or when it is short and begins with the site's
    `domain` name (`… | Bibliothek 2.0 und mehr` on bibliothek2null.de).
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    sites = {match_key(name) for name in site_names if name}
    others = {match_key(text) for text in other_titles if text}

    def names_site(part_key: str) -> bool:
        return part_key in sites or any(site and site in part_key for site in sites if len(site) > 3)

    separators = list(_TITLE_SEPARATORS.finditer(title))
    ends_with_site = match_key(parts[-1]) in sites or _is_domain_name(parts[-1], domain)
    for index in range(1, len(parts) - 1):  # `Headline | site.ch | Tagline`: the site and all after it
        if not ends_with_site and (names_site(match_key(parts[index])) or _is_domain_name(parts[index], domain)):
            return title[: separators[index - 1].start()]
    for index in (len(parts) - 1, 0):
        part_key = match_key(parts[index])
        rest = [part for i, part in enumerate(parts) if i != index]
        rest_text = title[len(parts[0]) :] if index == 0 else title[: title.rfind(parts[-1])]
        rest_text = rest_text.strip(" |-–—:·»•/")
        if names_site(part_key):
            return rest_text if len(rest) > 1 else rest[0]
        if _names_domain(part_key, domain) and len(rest_text.split()) >= _MIN_REST_WORDS:
            return rest_text
        if match_key(rest_text) in others:
            return rest_text
    return title


def _is_domain_name(part: str, domain: str) -> bool:
    """The part is the site's domain written out (`petri-heil.ch`, `Petri Heil`)."""
    compact, name = match_key(part).replace(" ", ""), domain.replace("-", "")
    return bool(name) and compact.startswith(name) and len(compact) - len(name) <= _MAX_TLD_CHARS


def _is_site_title(text: str, domain: str) -> bool:
    """A short heading that is the domain's name in words (`Time 4 talks`, `ICON Magazine`)."""
    words = match_key(text).split()
    return len(words) <= _MAX_SITE_WORDS and _names_domain(" ".join(words), domain)


def _names_domain(part_key: str, domain: str) -> bool:
    """A title part no longer than a name that is the domain's name in words (`petri-heil.ch`,
    `Time 4 talks`), or whose first word, of a name's length, begins the domain."""
    words = part_key.split()
    if not domain or not 0 < len(words) <= MAX_LABEL_WORDS + 2:
        return False
    compact, domain = "".join(words).replace("-", ""), domain.replace("-", "")
    if compact == domain or (len(words[0]) >= 4 and domain.startswith(words[0])):
        return True
    return len(words) <= _MAX_SITE_WORDS and len(domain) >= _MIN_DOMAIN_CHARS and compact.startswith(domain)


def strip_glued_label(headline: str, reference: str | None, kicker: str | None) -> tuple[str, str | None]:
    """Split a section label glued before the headline (`NewsPentagon chief…`, `News: Pentagon…`).

    The label is recognised against the kicker printed before the headline or against another
    headline candidate (`reference`) that lacks it. Returns the headline and the label or None.
    """
    if kicker and len(headline) > len(kicker) and headline.casefold().startswith(kicker.casefold()):
        if not _ends_word(headline, len(kicker)):
            return headline, None
        rest = headline[len(kicker) :].lstrip(" :|-–—\u00a0")
        if rest and match_key(rest) != match_key(kicker):
            return rest, kicker
    if reference and headline != reference and headline.endswith(reference):
        label = headline[: -len(reference)].strip(" :|-–—\u00a0")
        if is_label(label):
            return reference, label
    return headline, None


@attrs.frozen
class Headlines:
    """What a page says its article is called, each in its own field."""

    headline: str | None
    """The headline printed on the page, or the publisher's metadata headline where none is printed."""
    alternative: str | None = None
    """The publisher's metadata headline (JSON-LD, og:title without the site name) where it
    differs from the printed one."""
    kicker: str | None = None
    """A topical line printed above or glued before the headline (`Kicker: Headline`)."""
    section: str | None = None
    """The navigation label of the article's section (`News`, `Politik`)."""


def _ends_word(text: str, index: int) -> bool:
    """A word ends at `index`: a space or punctuation follows, or a capital glued to a lower-case
    letter (`NewsPentagon`). In a script without spaces, a kicker that opens the headline is part
    of its first sentence (`大雪で在来線に遅れ`), not a label glued before it."""
    before, after = text[index - 1], text[index]
    return not after.isalnum() or (before.islower() and after.isupper())


def choose_headline(
    meta: PageMetadata, hints: dict | None = None, trace: Trace | None = None, url: str | None = None
) -> Headlines:
    """The printed headline, the metadata's variant of it, and the kicker or section label glued
    to it or printed right before it (recorded in `trace`, where given). `url` is the page's,
    whose domain names the site."""
    site = Site.of(meta.site_names, url)
    logos = [h1 for h1 in meta.h1 if site.names(h1) or _is_site_title(h1, site.domain)]
    site_names = meta.site_names + logos
    structured = [meta.jsonld_headline, meta.og_title, (hints or {}).get("title")]
    structured = [strip_site_name(text, site_names, meta.h1, site.domain) for text in structured if text]
    reference = next(iter(structured), None)
    printed = [h1 for h1 in meta.h1 if h1 not in site_names]
    h1s = printed or meta.marked_headlines
    if structured:
        h1 = _matching_h1(h1s, structured, trace) or _printed_h1(h1s)
    else:  # no metadata: the `<title>` without the site tells which heading is the headline
        titled = strip_site_name(meta.title, site_names, (), site.domain) if meta.title else None
        h1 = (_matching_h1(h1s, [titled], trace) if titled else None) or next(iter(printed), None)
        if h1 is None and (not titled or is_label(titled)):  # a title that names a section (`Home`)
            h1 = _printed_h1(h1s)
    label = meta.kicker if is_label(meta.kicker) else None
    if h1:
        headline, glued = strip_glued_label(h1, reference, meta.kicker)
        label = glued or label
    elif reference:
        headline = reference
    elif meta.title:
        headline = strip_site_name(meta.title, site_names, (), site.domain)
    else:
        headline = None
    section, kicker = _section_or_kicker(label, meta)
    alternative = _alternative(headline, structured, [*site_names, section, kicker])
    if trace is not None:
        trace.headline(meta, hints or {}, structured, h1, Headlines(headline, alternative, kicker, section))
    return Headlines(headline, alternative, kicker, section)


def _alternative(headline: str | None, structured: Sequence[str], not_titles: Sequence[str | None]) -> str | None:
    """The first metadata headline that says something else than the printed one: not the same
    words (with or without a label before them), not a site name or label."""
    seen = {match_key(headline or "")} | {match_key(text) for text in not_titles if text}
    return next((text for text in structured if match_key(_without_label(text, headline)) not in seen), None)


def _without_label(text: str, headline: str | None) -> str:
    """`Kicker: Headline` -> `Headline`: a metadata title that is the headline behind a label."""
    return strip_glued_label(text, headline, None)[0] if headline else text


def _section_or_kicker(label: str | None, meta: PageMetadata) -> tuple[str | None, str | None]:
    """(section, kicker): a label above the headline is the section where it is a navigation label
    (a link, a menu's word) or names the metadata's section, else a kicker, and the section is
    then the metadata's."""
    sections = [section for section in meta.sections if is_label(section)]
    if label and (meta.kicker_is_section or match_key(label) in {match_key(section) for section in sections}):
        return label, None
    return next(iter(sections), None), label


def _matching_h1(h1s: Sequence[str], structured: Sequence[str], trace: Trace | None = None) -> str | None:
    """The `<h1>` that is the headline: the one that shares most words with the structured
    headline candidates (a page may have a logo `<h1>`)."""
    if not h1s or not structured:
        return None
    references = [set(match_key(text).split()) for text in structured]

    def overlap(h1: str) -> float:
        h1_words = set(match_key(h1).split())
        return max(len(h1_words & ref) / max(len(ref), 1) for ref in references)

    best = max(h1s, key=overlap)
    if trace is not None:
        trace.h1_overlaps({h1: overlap(h1) for h1 in h1s})
    return best if overlap(best) >= 0.5 else None


def _printed_h1(h1s: Sequence[str]) -> str | None:
    """Where no `<h1>` matches the metadata's headline, the first that reads as a headline of its
    own (longer than a label): the printed headline, and the metadata's an SEO variant of it."""
    return next((h1 for h1 in h1s if word_count(h1) > MAX_LABEL_WORDS), None)


def with_headline(draft: ArticleDraft) -> ArticleDraft:
    """The draft with its headline, alternative headline, kicker and section decided."""
    found = choose_headline(draft.metadata, draft.hints, draft.trace, draft.url)
    return attrs.evolve(
        draft,
        headline=found.headline,
        alternativeHeadline=found.alternative,
        kicker=found.kicker,
        articleSection=found.section,
    )
