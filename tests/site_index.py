"""The example site's index files, generated from its article pages, so that adding a golden page
is adding files.

An article page of tests/fixtures/site is an `NAME.html` beside its golden record
`NAME.expected.json`. From those pages this module writes:

- `feed.xml`: RSS 2.0, one `<item>` a page, newest first; title = `headline`, pubDate =
  `datePublished`, dc:creator = the `authors` (else the `agencies` and `creditedOrganizations`), category =
  `articleSection`, description = `description`;
- `sitemap.xml`: a Google News sitemap, one `<url>` a page, newest first; lastmod =
  `dateModified` or `datePublished`, publication name = the page's `og:site_name`, language =
  `inLanguage`, title = `headline`;
- `sitemap-index.xml`: the index robots.txt names, pointing at `sitemap.xml.gz` (served gzip'd
  from `sitemap.xml`);
- `index.html`: the front page, the pages by language, newest first, and the link to
  `section/world.html`;
- `pages.txt`: the pages' local paths, for `scrapy crawl articles -a url_file=…`.

Feed and sitemap dates must carry a zone, as RSS and News sitemaps require: a page date without
one gets the offset of its publisher's zone in `publishers.json` (publisher = `og:site_name`),
so the feed's dates are discovery hints the pages themselves do not give. Links are on the
placeholder host `tests.servers.FIXTURE_HOST`, which the test servers rewrite to their own.

    python -m tests.site_index     # rewrite the files; tests/test_site_index.py checks them

Pages without a golden record (`dupes/`, `section/`) are not listed: they are not articles of
this site, or are its duplicates.
"""

from __future__ import annotations

import email.utils
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from lxml import html as lxml_html

from tests.servers import FIXTURE_HOST

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
HOST = FIXTURE_HOST.decode()
SITE_NAME = "Fixture News Network"
LANGUAGES = {"en": "English", "de": "Deutsch", "pl": "Polski", "fr": "Français", "es": "Español"}
"""The front page's sections, in order; a page in another language gets a section named by its code."""
GENERATED = ("feed.xml", "sitemap.xml", "sitemap-index.xml", "index.html", "pages.txt")


@dataclass(frozen=True)
class SitePage:
    """One article page of the site: its path, its golden record and its publisher."""

    path: str
    """The page's path under the site, e.g. `en/news/story.html`."""
    record: dict[str, Any]
    """The page's golden record (its `NAME.expected.json`)."""
    publisher: str
    """The page's `og:site_name`."""
    time_zone: str | None
    """The publisher's IANA zone from `publishers.json`, for page dates printed without one."""

    @property
    def url(self) -> str:
        return f"{HOST}/{self.path}"

    @property
    def published(self) -> datetime | None:
        return self._zoned(self.record["datePublished"])

    @property
    def changed(self) -> datetime | None:
        return self._zoned(self.record["dateModified"] or self.record["datePublished"])

    @property
    def creator(self) -> str | None:
        """The feed's dc:creator: the people, else the agencies and organisations credited."""
        record = self.record
        names = [author["name"] for author in record["authors"]] or record["agencies"] + record["creditedOrganizations"]
        return ", ".join(names) or None

    def _zoned(self, value: str | None) -> datetime | None:
        if not value:
            return None
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            return moment
        if not self.time_zone:
            raise ValueError(
                f"{self.path}: its date {value} has no zone and publishers.json gives none for {self.publisher!r}"
            )
        return moment.replace(tzinfo=ZoneInfo(self.time_zone))


def site_pages(site: Path = SITE) -> list[SitePage]:
    """Every article page of `site`, newest first (ties: in front-page language order, then by path)."""
    zones = json.loads((site / "publishers.json").read_text(encoding="utf-8"))
    pages = []
    for expected in sorted(site.rglob("*.expected.json")):
        page = expected.with_name(expected.name.replace(".expected.json", ".html"))
        publisher = _site_name(page)
        record = json.loads(expected.read_text(encoding="utf-8"))
        if "headline" not in record:
            raise ValueError(f"{expected} holds no record yet: NEWSCRAWL_UPDATE_GOLDENS=1 test_golden.py writes it")
        pages.append(SitePage(page.relative_to(site).as_posix(), record, publisher, zones.get(publisher)))
    order = list(LANGUAGES)

    def newest_first(page: SitePage) -> tuple:
        published, language = page.published, page.record["inLanguage"]
        return (
            published is None,  # undated pages last
            -published.timestamp() if published else 0,
            order.index(language) if language in order else len(order),
            page.path,
        )

    return sorted(pages, key=newest_first)


def _site_name(page: Path) -> str:
    names = lxml_html.fromstring(page.read_bytes()).xpath('//meta[@property="og:site_name"]/@content')
    if not names:
        raise ValueError(f"{page}: no og:site_name, the publisher the feed and sitemap name")
    return names[0].strip()


def _cdata(text: str | None) -> str | None:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>" if text else None


def _rfc822(moment: datetime | None) -> str | None:
    return email.utils.format_datetime(moment) if moment else None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _element(indent: int, tag: str, text: str | None) -> list[str]:
    """`<tag>text</tag>` as a line, or no line when there is no text (`text` is already XML)."""
    return [f"{' ' * indent}<{tag}>{text}</{tag}>"] if text else []


def feed_xml(pages: list[SitePage]) -> str:
    """RSS 2.0 with one item a page."""
    newest = max((page.published for page in pages if page.published), default=None)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"  <title>{SITE_NAME}</title>",
        f"  <link>{HOST}/index.html</link>",
        f'  <atom:link href="{HOST}/feed.xml" rel="self" type="application/rss+xml"/>',
        "  <description>Test fixture site for newscrawl: every article page of the fixture site.</description>",
        "  <language>en</language>",
        *_element(2, "lastBuildDate", _rfc822(newest)),
        "  <ttl>15</ttl>",
    ]
    for page in pages:
        record = page.record
        lines += [
            "  <item>",
            f"    <title>{escape(record['headline'])}</title>",
            f"    <link>{page.url}</link>",
            f'    <guid isPermaLink="true">{page.url}</guid>',
            *_element(4, "pubDate", _rfc822(page.published)),
            *_element(4, "dc:creator", _cdata(page.creator)),
            *_element(4, "category", _cdata(record["articleSection"])),
            *_element(4, "description", _cdata(record["description"])),
            "  </item>",
        ]
    return "\n".join([*lines, "</channel>", "</rss>", ""])


def sitemap_xml(pages: list[SitePage]) -> str:
    """A Google News sitemap with one url a page."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for page in pages:
        lines += [
            "  <url>",
            f"    <loc>{page.url}</loc>",
            *_element(4, "lastmod", _iso(page.changed)),
            "    <news:news>",
            "      <news:publication>",
            f"        <news:name>{escape(page.publisher)}</news:name>",
            f"        <news:language>{page.record['inLanguage']}</news:language>",
            "      </news:publication>",
            *_element(6, "news:publication_date", _iso(page.published)),
            f"      <news:title>{escape(page.record['headline'])}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    return "\n".join([*lines, "</urlset>", ""])


def sitemap_index_xml(pages: list[SitePage]) -> str:
    """The sitemap index robots.txt names: one gzip'd sitemap, as last changed as its newest page."""
    changed = max((page.changed for page in pages if page.changed), default=None)
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        "  <sitemap>",
        f"    <loc>{HOST}/sitemap.xml.gz</loc>",
        *_element(4, "lastmod", _iso(changed)),
        "  </sitemap>",
        "</sitemapindex>",
        "",
    ])  # fmt: skip


def index_html(pages: list[SitePage]) -> str:
    """The front page: a teaser a page, grouped by language, and the section index."""
    by_language: dict[str, list[SitePage]] = {}
    for page in pages:
        by_language.setdefault(page.record["inLanguage"], []).append(page)
    languages = [code for code in LANGUAGES if code in by_language]
    languages += sorted(code for code in by_language if code not in LANGUAGES)
    sections = []
    for code in languages:
        teasers = [
            f'      <li class="teaser"><a class="teaser__link" href="/{html.escape(page.path)}">'
            f"{html.escape(page.record['headline'], quote=False)}</a> "
            f'<span class="teaser__source">{html.escape(page.publisher, quote=False)}</span></li>'
            for page in by_language[code]
        ]
        sections += [
            f'  <section class="front-section" lang="{code}">',
            f"    <h2>{LANGUAGES.get(code, code)}</h2>",
            "    <ul>",
            *teasers,
            "    </ul>",
            "  </section>",
        ]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{SITE_NAME} — front page</title>",
        '<meta name="description" content="Front page of the newscrawl fixture site: links to every article and to '
        'one section index.">',
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/feed.xml">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{SITE_NAME}">',
        "</head>",
        '<body class="front">',
        '<header class="masthead">',
        f'  <p class="masthead__title"><a href="/index.html">{SITE_NAME}</a></p>',
        '  <nav class="masthead__nav"><ul><li><a href="/index.html">Home</a></li>'
        '<li><a href="/section/world.html">World</a></li></ul></nav>',
        "</header>",
        "<main>",
        *sections,
        '  <section class="front-section">',
        "    <h2>Sections</h2>",
        '    <ul><li><a href="/section/world.html">World news: all teasers</a></li></ul>',
        "  </section>",
        "</main>",
        '<footer><p>A static fixture site. Feed: <a href="/feed.xml">RSS</a>. '
        'Sitemap: <a href="/sitemap.xml">Google News sitemap</a>.</p></footer>',
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip


def pages_txt(pages: Iterable[SitePage]) -> str:
    """The pages' local paths (relative to the file's folder, as a URL file reads them), sorted."""
    lines = ["# The example site's article pages, as local paths (newscrawl turns them into file:// URLs)."]
    return "\n".join([*lines, *sorted(page.path for page in pages), ""])


def generated_files(site: Path = SITE) -> dict[str, str]:
    """The text of each generated file, by name under `site`."""
    pages = site_pages(site)
    return {
        "feed.xml": feed_xml(pages),
        "sitemap.xml": sitemap_xml(pages),
        "sitemap-index.xml": sitemap_index_xml(pages),
        "index.html": index_html(pages),
        "pages.txt": pages_txt(pages),
    }


def write(site: Path = SITE) -> list[str]:
    """Rewrite the generated files of `site`; the names of those that changed."""
    changed = []
    for name, text in generated_files(site).items():
        path = site / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


if __name__ == "__main__":
    for name in write():
        print(f"rewrote tests/fixtures/site/{name}")
