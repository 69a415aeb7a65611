"""The headline and the section: the headline once, without a site name or a glued section label.

Candidates are the page's `<h1>`s, its JSON-LD headline, og:title, a feed's title and `<title>`;
the `<h1>` that matches the structured headline is the printed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from newscrawl.article.draft import ArticleDraft
from newscrawl.extract.metadata import PageMetadata
from newscrawl.text import match_key

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»•/]\s+|\s+::\s+")
MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40


def is_label(text: str | None) -> bool:
    """Short enough to be a section label or kicker, not a sentence."""
    return bool(text) and len(text) <= MAX_LABEL_CHARS and len(text.split()) <= MAX_LABEL_WORDS


def strip_site_name(title: str, site_names: Iterable[str], other_titles: Iterable[str] = ()) -> str:
    """`title` without a site-name part (`Headline | Site`, `Site - Headline`).

    A part is a site name when it matches a known site name, or when another candidate
    (the `<h1>`, `og:title`) is the rest of the title.
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    sites = {match_key(name) for name in site_names if name}
    others = {match_key(text) for text in other_titles if text}
    for index in (len(parts) - 1, 0):
        part_key = match_key(parts[index])
        rest = [part for i, part in enumerate(parts) if i != index]
        rest_text = title[len(parts[0]) :] if index == 0 else title[: title.rfind(parts[-1])]
        rest_text = rest_text.strip(" |-–—:·»•/")
        if part_key in sites or any(site and site in part_key for site in sites if len(site) > 3):
            return rest_text if len(rest) > 1 else rest[0]
        if match_key(rest_text) in others:
            return rest_text
    return title


def strip_glued_label(headline: str, reference: str | None, kicker: str | None) -> tuple[str, str | None]:
    """Split a section label glued before the headline (`NewsPentagon chief…`, `News: Pentagon…`).

    The label is recognised against the kicker printed before the headline or against another
    headline candidate (`reference`) that lacks it. Returns the headline and the label or None.
    """
    if kicker and len(headline) > len(kicker) and headline.casefold().startswith(kicker.casefold()):
        rest = headline[len(kicker) :].lstrip(" :|-–—\u00a0")
        if rest and match_key(rest) != match_key(kicker):
            return rest, kicker
    if reference and headline != reference and headline.endswith(reference):
        label = headline[: -len(reference)].strip(" :|-–—\u00a0")
        if is_label(label):
            return reference, label
    return headline, None


def choose_headline(meta: PageMetadata, hints: dict | None = None) -> tuple[str | None, str | None]:
    """The headline and the section label glued to it or printed right before it, if any."""
    site_names = meta.site_names
    structured = [meta.jsonld_headline, meta.og_title, (hints or {}).get("title")]
    structured = [strip_site_name(text, site_names, meta.h1) for text in structured if text]
    reference = next(iter(structured), None)
    h1 = _matching_h1(meta.h1, structured)
    section = meta.kicker if is_label(meta.kicker) else None
    if h1:
        headline, label = strip_glued_label(h1, reference, meta.kicker)
        return headline, label or section
    if reference:
        return reference, section
    if meta.title:
        return strip_site_name(meta.title, site_names), section
    return None, section


def _matching_h1(h1s: Sequence[str], structured: Sequence[str]) -> str | None:
    """The `<h1>` that is the headline: the one that shares most words with the structured
    headline candidates, or the first when there are none (a page may have a logo `<h1>`)."""
    if not h1s:
        return None
    if not structured:
        return h1s[0]
    references = [set(match_key(text).split()) for text in structured]

    def overlap(h1: str) -> float:
        h1_words = set(match_key(h1).split())
        return max(len(h1_words & ref) / max(len(ref), 1) for ref in references)

    best = max(h1s, key=overlap)
    return best if overlap(best) >= 0.5 else None


def choose_section(label: str | None, meta: PageMetadata) -> str | None:
    """The section: the label by the headline, else the one the metadata names."""
    if label:
        return label
    return next((section for section in meta.sections if is_label(section)), None)


def with_headline(draft: ArticleDraft) -> ArticleDraft:
    """The draft with its headline and section decided."""
    headline, label = choose_headline(draft.metadata, draft.hints)
    return attrs.evolve(draft, headline=headline, articleSection=choose_section(label, draft.metadata))
