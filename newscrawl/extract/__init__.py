"""HTML -> raw article fields: one parse of the page, the body as blocks, metadata candidates.

Pure functions, no Scrapy: the crawl's extract stage and `newscrawl extract` both call
`extract_candidates`.
"""

from __future__ import annotations

import re
from functools import cache

from dateparser.languages import default_loader
from htmldate import find_date
from lxml import html as lxml_html

from newscrawl.extract.blocks import Block
from newscrawl.extract.body import body_blocks
from newscrawl.extract.document import NotHtmlError, parse_html
from newscrawl.extract.metadata import MACHINE_READABLE_DATES, DateCandidate, PageMetadata, page_metadata

__all__ = ["NotHtmlError", "extract_candidates", "parse_html"]


def extract_candidates(html: str, url: str) -> tuple[PageMetadata, list[Block]]:
    """Parse `html` once and return its metadata candidates and its body blocks. A page that
    marks no date in a machine-readable form gets htmldate's reading of its published date (text
    near the headline, comments, scripts, link URLs, the page's text: the searches htmldate does
    and this module does not), the least trusted candidate."""
    tree = parse_html(html)
    metadata, blocks = page_metadata(tree, url), body_blocks(tree)
    if not any(candidate.source in MACHINE_READABLE_DATES for candidate in metadata.dates):
        found = htmldate_reading(tree, url, metadata.language)
        if found:
            metadata.dates.append(DateCandidate(found, "htmldate", "published"))
    return metadata, blocks


def htmldate_reading(tree: lxml_html.HtmlElement, url: str, language: str | None = None) -> str | None:
    """htmldate's published day (`YYYY-MM-DD`): its precise search, else its extensive one (the
    page's whole text). The extensive search fills a day it did not find with the 1st (a copyright
    year, an archive month): such a reading counts only where the page prints that day."""
    found = find_date(tree, url=url, original_date=True, extensive_search=False)  # it prunes a copy of the tree
    if found:
        return found
    found = find_date(tree, url=url, original_date=True, extensive_search=True)
    if found and found.endswith("-01") and not _prints_first_of_month(tree.text_content(), found, language):
        return None
    return found


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip


@cache
def _month_names(month: int, language: str | None) -> str:
    """A regex alternation of the month's names in the language and English (dateparser's)."""
    names = set()
    for code in {language or "en", "en"}:
        try:
            names.update(default_loader.get_locale(code).info.get(_MONTHS[month - 1], []))
        except (KeyError, ValueError):
            continue
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True) if len(name) > 2)


def _prints_first_of_month(text: str, day: str, language: str | None) -> bool:
    """Whether `text` prints the 1st of the month of `day` (`YYYY-MM-01`) with its year:
    `01.11.2021`, `1. November 2021`, `1er novembre 2021`, `November 1, 2021`, `2021-11-01`."""
    year, month = day[:4], int(day[5:7])
    names = _month_names(month, language)
    patterns = [
        rf"(?<!\d)0?1[./-]\s?0?{month}[./-]\s?(?:{year}|{year[2:]})(?!\d)",
        rf"(?<!\d){year}-{month:02d}-01(?!\d)",
        rf"(?<!\d)0?1(?:st|er|\.|º)?\s+(?:de\s+)?(?:{names})\.?,?\s+(?:de\s+)?{year}(?!\d)",
        rf"(?<!\w)(?:{names})\.?\s+0?1(?:st)?,?\s+{year}(?!\d)",
    ]
    return re.search("|".join(patterns), text, re.I) is not None
