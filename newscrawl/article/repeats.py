"""Repeats: each fact once, in its own field.

Cleans the body blocks: the headline and standfirst repeated, captions and credits (moved to
`images`), byline and date lines (handed on, already read, to the author and date choices),
teaser and chrome blocks, and repeated paragraphs all leave the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from newscrawl.article.bylines import BylineReader, looks_like_byline
from newscrawl.article.dates import DateReader, looks_like_date_line
from newscrawl.article.draft import ArticleDraft
from newscrawl.article.explain import drop_hook
from newscrawl.article.headline import MAX_LABEL_CHARS, MAX_LABEL_WORDS
from newscrawl.extract.blocks import Block
from newscrawl.extract.figures import Figure, credit_text, split_credit
from newscrawl.extract.metadata import BylineCandidate, DateCandidate
from newscrawl.items import Image
from newscrawl.lexicon import all_languages, load
from newscrawl.text import match_key, word_count

if TYPE_CHECKING:
    from newscrawl.article.explain import Trace

_MAX_TEASER_LINK_WORDS = 20
_MIN_REPEAT_WORDS = 5
_MIN_TEASER_LINK_RATIO = 0.9
_MAX_PROMPT_WORDS = 25
_MAX_BOILERPLATE_WORDS = 60
_MAX_CONTACT_WORDS = 15
_MAX_FRAGMENT_WORDS = 3
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_BARE_URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$")

TEASER_HEADINGS = all_languages(load("teasers")["headings"])
_TEASER_START = re.compile("|".join(rf"{re.escape(label)}(?!\w)" for label in TEASER_HEADINGS), re.I)
"""Any teaser label at the start of a block, the longest first (one match instead of a loop)."""
_TEASER_SEPARATORS = (":", "|", "-", "–", "—", "»", "›")
CHROME_LABELS = frozenset(match_key(label) for label in all_languages(load("teasers")["chrome"]))
CHROME_HOME_WORDS = frozenset(match_key(label) for label in all_languages(load("teasers")["home"]))
"""The first label of a site's navigation path: `Home`, `Startseite`, `Accueil`…"""
PROMPT_WORDS = [phrase.casefold() for phrase in all_languages(load("teasers")["prompts"])]
def phrases_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One expression that finds any of the phrases in case-folded text (none: it finds nothing)."""
    return re.compile("|".join(re.escape(phrase.casefold()) for phrase in phrases) or "(?!)")


BOILERPLATE = phrases_pattern(all_languages(load("teasers")["boilerplate"]))
EMBED_FALLBACK = phrases_pattern(all_languages(load("teasers")["embed_fallbacks"]))
"""What a page prints where an iframe, a video or an audio player cannot show."""


# --- body blocks ----------------------------------------------------------------------------


def teaser_rest(text: str) -> str | None:
    """For a teaser label (`Related content`, `Read more: …`), the text after it ('' when the
    block is the label alone); None when the block is not a teaser."""
    match = _TEASER_START.match(text)
    if match is None:
        return None
    after = text[match.end() :]
    rest = after.lstrip(" \t:.-–—|»›\u00a0").strip()
    if rest and after.lstrip()[:1] not in _TEASER_SEPARATORS:
        return None  # `Related to this, the minister said…` is a sentence, not a teaser
    return rest if word_count(rest) <= _MAX_TEASER_LINK_WORDS else None


_BREADCRUMB_ARROWS = re.compile(r"\s+(?:>|›|»)\s*|\s*(?:>|›|»)\s+")
_BREADCRUMB_SLASHES = re.compile(r"\s+/\s+")
_MAX_CRUMB_WORDS = 4
_MAX_BREADCRUMB_WORDS = 14


def is_breadcrumb(text: str) -> bool:
    """A navigation path: labels of at most four words set apart by `>`, `›` or `»` (three or
    more, or two after a word for home: `Home > News > Society`, `Startseite › Lokales`), or by
    ` / ` after a word for home (`Home / World`); no sentence, number or address among them."""
    if word_count(text) > _MAX_BREADCRUMB_WORDS or "://" in text:
        return False
    crumbs = [crumb.strip(" -\n") for crumb in _BREADCRUMB_ARROWS.split(text.strip())]
    if len(crumbs) < 2:
        crumbs = [crumb.strip(" -\n") for crumb in _BREADCRUMB_SLASHES.split(text.strip())]
        if len(crumbs) < 2 or not _starts_at_home(crumbs):
            return False
    crumbs = [crumb for crumb in crumbs if crumb]
    for crumb in crumbs:
        if word_count(crumb) > _MAX_CRUMB_WORDS or crumb[-1:] in ".!?:" or not any(c.isalpha() for c in crumb):
            return False
    return len(crumbs) >= 3 or (len(crumbs) == 2 and _starts_at_home(crumbs))


def _starts_at_home(crumbs: list[str]) -> bool:
    return match_key(crumbs[0]) in CHROME_HOME_WORDS


def is_chrome(text: str) -> bool:
    """A page-chrome label (`Advertisement`, `Anzeige`, `Share this article`), a navigation path
    (`Home > News > Society`), a rights notice or
    form message, an embed's fallback text (`Your browser does not support iframes`, also as the
    escaped markup it came in), or a short newsletter/subscription/comment prompt."""
    key = match_key(text)
    if key in CHROME_LABELS or is_breadcrumb(text):
        return True
    count = word_count(text)
    lowered = text.casefold()
    if count <= _MAX_BOILERPLATE_WORDS and BOILERPLATE.search(lowered):
        return True
    if count <= _MAX_PROMPT_WORDS and EMBED_FALLBACK.search(lowered):
        return True
    return count <= _MAX_PROMPT_WORDS and sum(1 for phrase in PROMPT_WORDS if phrase in lowered) >= 2


def opens_promo_box(text: str) -> bool:
    """A short block naming a newsletter: the form messages that follow it belong to the box."""
    return word_count(text) <= MAX_LABEL_WORDS + 2 and "newsletter" in text.casefold()


@attrs.define
class CleanBody:
    """The result of cleaning the body: its blocks and what was taken out of them."""

    blocks: list[Block]
    images: list[Image]
    bylines: list[BylineCandidate]
    dates: list[DateCandidate]


def clean_blocks(
    blocks: Sequence[Block],
    *,
    headline: str | None,
    alternative_headline: str | None = None,
    description: str | None = None,
    labels: Sequence[str | None] = (),
    figures: Sequence[Figure] = (),
    bylines: Sequence[str] = (),
    read_byline: BylineReader | None = None,
    read_date: DateReader | None = None,
    trace: Trace | None = None,
) -> CleanBody:
    """Take repeated and non-article blocks out of the body (the module docstring lists them).

    `read_byline` and `read_date` read the page's byline and date texts in its language (each
    once: the author and date choices ask the same readers); by default, English readers. `trace`
    records each block dropped and why.
    """
    drop = drop_hook(trace)
    read_byline = read_byline or BylineReader()
    read_date = read_date or DateReader()
    headline_key = match_key(headline or "")
    standfirst_key = match_key(description or "")
    repeats = {headline_key, match_key(alternative_headline or "")} | _caption_keys(figures)
    byline_keys = {match_key(text) for text in bylines if text}
    images = _article_images(figures)
    kept: list[Block] = []
    byline_lines: list[BylineCandidate] = []
    date_lines: list[DateCandidate] = []
    in_teaser = False
    seen: set[str] = set()

    for index, block in enumerate(blocks):
        text, key = block.text, match_key(block.text)
        if in_teaser:
            if block.kind in ("list", "heading") or word_count(text) <= _MAX_TEASER_LINK_WORDS:
                drop(block, "a teaser: a short block after a teaser label")
                continue
            in_teaser = False
        if not key or key in repeats or _is_glued_headline(key, headline_key):
            drop(block, "a repeat of the headline, a caption or an image's alt text")
            continue
        if _is_standfirst(block, key, standfirst_key):
            drop(block, "the standfirst (the description) set as a heading")
            continue
        credit = credit_text(text)
        if credit is not None:
            _attach_credit(images, credit)
            drop(block, "a photo credit (moved to images)")
            continue
        if _is_caption_of_next_credit(blocks, index):
            repeats.add(key)
            drop(block, "an image caption (the line before its credit)")
            continue
        rest = teaser_rest(text)
        if rest is not None or opens_promo_box(text):
            in_teaser = not rest
            drop(block, "a teaser label or newsletter box")
            continue
        if is_chrome(text) or is_link_teaser(block) or is_contact_line(text):
            drop(block, "chrome: a page label or prompt, a link teaser or a contact line")
            continue
        if key in byline_keys or (block.kind == "paragraph" and looks_like_byline(text, read_byline)):
            byline_lines.append(BylineCandidate(text, "body-line"))
            drop(block, "a byline line (handed to the author choice)")
            continue
        if block.kind in ("paragraph", "heading") and looks_like_date_line(text, read_date):
            date_lines.append(DateCandidate(text, "body-line", "unknown"))
            drop(block, "a date line (handed to the date choice)")
            continue
        if key in seen and len(key.split()) >= _MIN_REPEAT_WORDS:
            drop(block, "a repeat of an earlier paragraph")
            continue
        seen.add(key)
        kept.append(block)
    body = _without_trailing_fragments(_without_leading_labels(kept, labels))
    if trace is not None:
        trace.cleaned(kept, body, figures, images)
    return CleanBody(body, images, byline_lines, date_lines)


def is_link_teaser(block: Block) -> bool:
    """A block that is all link text: a teaser headline, a `Read more` link, a list of links."""
    if block.link_ratio < _MIN_TEASER_LINK_RATIO:
        return False
    return block.kind == "list" or word_count(block.text) <= _MAX_TEASER_LINK_WORDS


def is_contact_line(text: str) -> bool:
    """`Write to Jane Doe at jane@example.com`, or a bare URL: contact and link lines, not text."""
    if _BARE_URL.match(text):
        return True
    return word_count(text) <= _MAX_CONTACT_WORDS and bool(_EMAIL.search(text))


def _caption_keys(figures: Sequence[Figure]) -> set[str]:
    """Captions, alt texts and credits of every image on the page, alone and run together (a
    caption element often holds the caption and the credit with no space between)."""
    keys: set[str] = set()
    for figure in figures:
        texts = [figure.caption, figure.alt, figure.credit, f"{figure.caption or ''} {figure.credit or ''}"]
        keys.update(match_key(text) for text in texts if text)
    return keys - {""}


def _article_images(figures: Sequence[Figure]) -> list[Image]:
    """The article's own figures, each once, in page order, with caption and credit."""
    images: dict[str, Image] = {}
    for figure in figures:
        if figure.in_article and figure.url not in images:
            images[figure.url] = _image_of_figure(figure)
    return list(images.values())


def _image_of_figure(figure: Figure) -> Image:
    """The image of a figure: its caption (a credit printed at the caption's end moved to the
    credit; the alt text where there is no caption) and its credit without the marker."""
    credit = credit_text(figure.credit) if figure.credit else None
    caption, printed_credit = split_credit(figure.caption) if figure.caption else (None, None)
    credit = credit or printed_credit
    caption = caption or figure.alt
    if caption and credit_text(caption):  # a "caption" element that only holds the credit
        credit, caption = credit or credit_text(caption), figure.alt
    return Image(url=figure.url, caption=caption, creditText=credit or figure.credit)


def _is_standfirst(block: Block, key: str, standfirst_key: str) -> bool:
    """A block that repeats the description and is set apart from the body as a heading.
    A paragraph that equals the description stays: sites often copy their first paragraph
    into the meta description, and then it is the article's own."""
    return bool(standfirst_key) and key == standfirst_key and block.kind == "heading"


def _attach_credit(images: list[Image], credit: str) -> None:
    """A credit line of the body goes to the first image that has none."""
    for image in images:
        if not image.creditText:
            image.creditText = credit
            return


def _without_trailing_fragments(blocks: list[Block]) -> list[Block]:
    """Drop what trails the article: short fragments that are not sentences (tags, section
    names, leftovers of page data)."""
    end = len(blocks)
    while end > 1 and _is_fragment(blocks[end - 1]):
        end -= 1
    return blocks[:end]


def _is_fragment(block: Block) -> bool:
    return (
        block.kind == "paragraph"
        and word_count(block.text) <= _MAX_FRAGMENT_WORDS
        and not (block.text.rstrip().endswith((".", "!", "?", '"', "”", ")")))
    )


def _is_glued_headline(key: str, headline_key: str) -> bool:
    """`NewsPentagon chief…`: the headline with a short label glued before it."""
    if not headline_key or not key.endswith(headline_key) or key == headline_key:
        return False
    return len(key) - len(headline_key) <= MAX_LABEL_CHARS and len(key.split()) - len(headline_key.split()) < 4


def _is_caption_of_next_credit(blocks: Sequence[Block], index: int) -> bool:
    """In text without markup, a short line right before a credit line is that image's caption."""
    block = blocks[index]
    following = blocks[index + 1 : index + 3]
    if block.kind != "paragraph" or word_count(block.text) > 40 or not following:
        return False
    next_texts = [b.text for b in following]
    if next_texts and credit_text(next_texts[0]) is not None:
        return True
    return (
        len(next_texts) > 1
        and match_key(next_texts[0]) == match_key(block.text)
        and (credit_text(next_texts[1]) is not None)
    )


def _without_leading_labels(blocks: list[Block], labels: Sequence[str | None]) -> list[Block]:
    """The body without the section label or kicker printed (once or more) above it."""
    keys = {match_key(label) for label in labels if label}
    start = 0
    while start < len(blocks) and match_key(blocks[start].text) in keys:
        start += 1
    return blocks[start:]


def clean_draft(draft: ArticleDraft, read_byline: BylineReader, read_date: DateReader) -> ArticleDraft:
    """The draft with its body cleaned (its headline and section already chosen), its images
    gathered, and the byline and date lines of its body handed on."""
    meta = draft.metadata
    cleaned = clean_blocks(
        draft.blocks,
        headline=draft.headline,
        alternative_headline=draft.alternativeHeadline,
        description=next(iter(meta.descriptions), None),
        labels=(draft.articleSection, draft.kicker),
        figures=meta.figures,
        bylines=[candidate.text for candidate in meta.bylines],
        read_byline=read_byline,
        read_date=read_date,
        trace=draft.trace,
    )
    return attrs.evolve(
        draft,
        blocks=cleaned.blocks,
        images=cleaned.images,
        extra_bylines=cleaned.bylines,
        extra_dates=cleaned.dates,
    )
