"""The example site's feed, sitemaps, front page and pages.txt are generated from its golden pages
(tests/site_index.py): the committed files are what the generator writes, and they list every
golden page, with the page's own headline, dates and language, and nothing else.

With NEWSCRAWL_UPDATE_GOLDENS=1 the files are rewritten first (as `python -m tests.site_index` does).
"""

from __future__ import annotations

import email.utils
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from tests import site_index
from tests.conftest import SITE
from tests.servers import FIXTURE_HOST

HOST = FIXTURE_HOST.decode()
PAGES = sorted(path.relative_to(SITE).as_posix().replace(".expected.json", ".html")
               for path in SITE.rglob("*.expected.json"))  # fmt: skip
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    """The golden record of each page, by the page's URL on the fixture host."""
    return {f"{HOST}/{page.path}": page.record for page in site_index.site_pages()}


@pytest.mark.parametrize("name", site_index.GENERATED)
def test_committed_file_is_what_the_generator_writes(name: str) -> None:
    """Each generated file is up to date with the pages: adding or changing a golden page and
    running `python -m tests.site_index` is all a new page needs."""
    if os.environ.get("NEWSCRAWL_UPDATE_GOLDENS") == "1":
        site_index.write()
    committed = (SITE / name).read_text(encoding="utf-8")
    assert committed == site_index.generated_files()[name], (
        f"tests/fixtures/site/{name} is out of date with the pages: run `.venv/bin/python -m tests.site_index`"
    )


def _same_moment(hint: datetime, page_date: str) -> bool:
    """A feed or sitemap date agrees with the page's: the same instant where the page gives an
    offset, else the same wall time (the feed adds the publisher's zone)."""
    page = datetime.fromisoformat(page_date)
    return hint == page if page.tzinfo else hint.replace(tzinfo=None) == page


def test_feed_lists_every_page_with_its_own_facts(records: dict[str, dict]) -> None:
    """feed.xml has one item per golden page (no dupes/ or section/ page) whose title, date,
    creator, category and description are the page record's."""
    items = ET.parse(SITE / "feed.xml").getroot().findall("channel/item")
    assert sorted(item.findtext("link") for item in items) == sorted(records)
    for item in items:
        record = records[item.findtext("link")]
        assert item.findtext("guid") == item.findtext("link")
        assert item.findtext("title") == record["headline"]
        assert _same_moment(email.utils.parsedate_to_datetime(item.findtext("pubDate")), record["datePublished"])
        people = [author["name"] for author in record["authors"]]
        people = people or record["agencies"] + record["creditedOrganizations"]
        assert item.findtext(f"{DC}creator") == ", ".join(people)
        assert item.findtext("category") == record["articleSection"]
        assert item.findtext("description") == record["description"]


def test_sitemap_lists_every_page_with_its_own_facts(records: dict[str, dict]) -> None:
    """sitemap.xml has one News entry per golden page whose title, language, publication date and
    lastmod (the update, else the publication) are the page record's."""
    entries = ET.parse(SITE / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    assert sorted(entry.findtext(f"{SITEMAP}loc") for entry in entries) == sorted(records)
    for entry in entries:
        record = records[entry.findtext(f"{SITEMAP}loc")]
        news = entry.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}title") == record["headline"]
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == record["inLanguage"]
        published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
        assert _same_moment(published, record["datePublished"])
        lastmod = datetime.fromisoformat(entry.findtext(f"{SITEMAP}lastmod"))
        assert _same_moment(lastmod, record["dateModified"] or record["datePublished"])


def test_front_page_and_url_file_list_every_page() -> None:
    """index.html links every golden page and the section index (and no dupes/ page);
    pages.txt names every golden page by a path that exists beside it."""
    links = re.findall(r'href="/([^"]+\.html)"', (SITE / "index.html").read_text(encoding="utf-8"))
    assert sorted(set(links) - {"index.html", "section/world.html"}) == PAGES
    assert "section/world.html" in links
    lines = (SITE / "pages.txt").read_text(encoding="utf-8").splitlines()
    listed = [line for line in lines if line and not line.startswith("#")]
    assert listed == PAGES
    assert all((SITE / line).is_file() for line in listed)
