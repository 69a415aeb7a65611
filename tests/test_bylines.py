"""Byline strings into people and agencies: a table of real-shaped bylines in 8 languages, one of
names in other scripts, JSON-LD authors, and real-shaped pages with their authors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html

from newscrawl import extract_record
from newscrawl.article.bylines import (
    Byline,
    BylineReader,
    Site,
    choose_authors,
    display_name,
    looks_like_byline,
    parse_byline,
)
from newscrawl.extract.jsonld import nodes_by_id, person_name, resolve
from newscrawl.extract.metadata import BylineCandidate, page_metadata

DATA = Path(__file__).parent / "data"
TABLE = json.loads((DATA / "bylines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row['lang']}:{row['text']}")
def test_byline_table(row: dict) -> None:
    byline = parse_byline(row["text"], row["lang"])
    assert [author.name for author in byline.authors] == row["authors"]
    assert list(byline.agencies) == row["agencies"]


def test_table_covers_eight_languages() -> None:
    languages = {row["lang"] for row in TABLE}
    assert {"en", "de", "fr", "es", "it", "pl", "nl", "pt"} <= languages
    assert len(TABLE) >= 80


def test_name_raw_is_the_source_text() -> None:
    byline = parse_byline("By JANE DOE and John Roe, Reuters", "en")
    assert [(a.name, a.nameRaw) for a in byline.authors] == [
        ("Jane Doe", "By JANE DOE and John Roe, Reuters"),
        ("John Roe", "By JANE DOE and John Roe, Reuters"),
    ]
    assert byline.agencies == ("Reuters",)


@pytest.mark.parametrize(
    ("raw", "display"),
    [
        ("MARY O'NEIL", "Mary O'Neil"),
        ("JOHN MCDONALD", "John McDonald"),
        ("Ó Briain", "Ó Briain"),
        ("van der Berg", "van der Berg"),
        ("ZOË ŁUKASZEWSKA", "Zoë Łukaszewska"),
    ],
)
def test_display_name(raw: str, display: str) -> None:
    assert display_name(raw) == display


def test_organisation_author_is_never_a_person() -> None:
    candidates = [
        BylineCandidate("Reuters", "json-ld", organization=True),
        BylineCandidate("By Anna Nowak", "byline-element"),
    ]
    byline = choose_authors(candidates, BylineReader("en"))
    assert [a.name for a in byline.authors] == ["Anna Nowak"]
    assert byline.agencies == ("Reuters",)


def test_most_trusted_source_wins() -> None:
    candidates = [
        BylineCandidate("Related story by Someone Else", "byline-element"),
        BylineCandidate("Jane Doe", "json-ld"),
    ]
    assert [a.name for a in choose_authors(candidates, BylineReader("en")).authors] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("text", "authors", "agencies"),
    [
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"], ["Associated Press"]),
        ("HNN Staff", [], []),
        ("Practical Horseman Editorial Staff", [], []),
        ("by European Space Agency", [], []),
        ("KWCHCIK", [], []),
        ("NBCNews", [], []),
        (
            "By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT",
            ["Mike Wuerthele", "Malcolm Owen"],
            [],
        ),
        ("By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", ["Matthew Digby", "Minh Do"], []),
        (
            "Von Anna Müller und Jens Peter 26.06.2024, 09:08 Uhr Aktualisiert: 26.06.2024",
            ["Anna Müller", "Jens Peter"],
            [],
        ),
        ("Finian Cunningham. Sputnik International", ["Finian Cunningham"], []),
        ("By Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"], []),
    ],
)
def test_byline_noise_is_not_people(text: str, authors: list[str], agencies: list[str]) -> None:
    byline = parse_byline(text, "de" if "Von" in text else "en")
    assert [author.name for author in byline.authors] == authors
    assert list(byline.agencies) == agencies


def test_site_names_are_never_people() -> None:
    site = Site.of(
        ["Business Insider Deutschland", "@TelegraphSport", "The Beachbody Blog"], "https://vortexcannon.org/a"
    )
    assert [a.name for a in parse_byline("Tanza Loudenback, Business Insider", "en", site).authors] == [
        "Tanza Loudenback"
    ]
    for credit in ("Telegraph Sport", "Beachbody", "Posted by Vortex"):
        assert parse_byline(credit, "en", site).authors == ()
    assert [a.name for a in parse_byline("Kevin McCoy USA TODAY", "en", Site.of(["USA TODAY"])).authors] == [
        "Kevin McCoy"
    ]


def test_printed_byline_with_more_people_wins() -> None:
    candidates = [
        BylineCandidate("Stefan Becket", "json-ld"),
        BylineCandidate("By Stefan Becket, Kathryn Watson, Grace Segers", "byline-element"),
    ]
    names = [a.name for a in choose_authors(candidates, BylineReader("en")).authors]
    assert names == ["Stefan Becket", "Kathryn Watson", "Grace Segers"]


def test_printed_agency_byline_stands_before_other_stories_bylines() -> None:
    candidates = [
        BylineCandidate("Associated Press November 19, 2019, 9:02 AM", "byline-element"),
        BylineCandidate("Ryan McKenna", "byline-element"),
    ]
    byline = choose_authors(candidates, BylineReader("en"))
    assert byline.authors == ()
    assert byline.agencies == ("Associated Press",)


def test_byline_read_whole_wins_over_one_with_more_than_names() -> None:
    candidates = [
        BylineCandidate("Carlos Nadalim Comente! Alfabetização, Brinquedos e Brincadeiras, Música", "byline-element"),
        BylineCandidate("Carlos Nadalim", "byline-element"),
    ]
    assert [a.name for a in choose_authors(candidates, BylineReader("pt")).authors] == ["Carlos Nadalim"]


SCRIPTS = json.loads((DATA / "bylines_scripts.json").read_text(encoding="utf-8"))
PAGES = json.loads((DATA / "author_pages.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", SCRIPTS, ids=lambda row: f"{row['lang']}:{row['text']}")
def test_byline_table_of_scripts(row: dict) -> None:
    """Names in scripts without capitals, lists joined as each language joins them, e-mail addresses."""
    byline = parse_byline(row["text"], row["lang"])
    assert [author.name for author in byline.authors] == row["authors"]
    assert list(byline.agencies) == row["agencies"]


def test_scripts_table_covers_every_script() -> None:
    languages = {row["lang"] for row in SCRIPTS}
    assert {"zh", "ja", "ko", "ru", "uk", "el", "ar", "fa", "he", "hi", "th"} <= languages
    for language in languages - {"en", "de"}:
        rows = [row for row in SCRIPTS if row["lang"] == language]
        assert any(row["authors"] for row in rows), language


@pytest.mark.parametrize(
    ("language", "candidates", "authors"),
    [
        (
            "zh",
            [BylineCandidate("张伟", "json-ld"), BylineCandidate("记者 张伟 李娜", "byline-element")],
            ["张伟", "李娜"],
        ),
        (
            "ja",
            [
                BylineCandidate("東海新聞社", "json-ld", organization=True),
                BylineCandidate("文・山田太郎", "byline-element"),
            ],
            ["山田太郎"],
        ),
        (
            "ko",
            [BylineCandidate("관련 기사", "byline-element"), BylineCandidate("홍길동 기자", "byline-element")],
            ["홍길동"],
        ),
        (
            "ru",
            [BylineCandidate("Редакция", "json-ld"), BylineCandidate("Текст: Мария Иванова", "byline-element")],
            ["Мария Иванова"],
        ),
        (
            "hi",
            [BylineCandidate("अमित कुमार", "json-ld"), BylineCandidate("प्रिया सिंह", "json-ld")],
            ["अमित कुमार", "प्रिया सिंह"],
        ),
        (
            "ar",
            [BylineCandidate("محمد عبد الله", "json-ld"), BylineCandidate("فريق التحرير", "meta")],
            ["محمد عبد الله"],
        ),
        (
            "en",
            [BylineCandidate("newsroom@example.org", "meta"), BylineCandidate("By Jane Doe", "byline-element")],
            ["Jane Doe"],
        ),
    ],
)
def test_choose_authors_in_every_script(language: str, candidates: list[BylineCandidate], authors: list[str]) -> None:
    assert [author.name for author in choose_authors(candidates, BylineReader(language)).authors] == authors


@pytest.mark.parametrize(
    ("node", "names"),
    [
        ({"@type": "Person", "name": "Jane Doe", "givenName": "J."}, ["Jane Doe"]),
        ({"@type": "Person", "givenName": "Priya", "familyName": "Raman"}, ["Priya Raman"]),
        ({"@type": "Person", "givenName": "太郎", "familyName": "山田"}, ["山田太郎"]),
        ({"@type": "Person", "givenName": "민수", "familyName": "김"}, ["김민수"]),
        ({"@type": "Person", "givenName": "ジョン", "familyName": "スミス"}, ["ジョン スミス"]),
        ({"@type": "Person", "familyName": "Doe"}, ["Doe"]),
        ({"@type": "Person", "name": {"@value": "Иван Петров", "@language": "ru"}}, ["Иван Петров"]),
        ({"@type": "Person", "url": "https://example.org/people/jd"}, []),
        ("Jane Doe", ["Jane Doe"]),
    ],
)
def test_person_name(node: object, names: list[str]) -> None:
    assert person_name(node) == names


def _jsonld_authors(*blocks: dict) -> list[tuple[str, bool]]:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in blocks)
    tree = html.fromstring(f"<html><head>{scripts}</head><body><h1>Headline</h1></body></html>")
    return [
        (c.text, c.organization) for c in page_metadata(tree, "https://example.org/a").bylines if c.source == "json-ld"
    ]


def test_jsonld_author_references_are_followed() -> None:
    """Yoast's and Next.js's `@graph`: the article names its authors by `@id`, with or without their
    `@type`, by a string, or where the node is spelt out inside another one; an `@id` no node
    has names nobody."""
    site = "https://example.org/"
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Headline",
                "author": [
                    {"@id": site + "#/schema/person/a"},
                    {"@type": "Person", "@id": site + "#/schema/person/b"},
                    site + "#/schema/person/c",
                    {"@id": site + "#/schema/person/missing"},
                    {"@id": site + "#organization"},
                ],
            },
            {"@type": "Person", "@id": site + "#/schema/person/a", "name": "Maria Lopez"},
            {"@type": "Person", "@id": site + "#/schema/person/b", "url": site + "author/b/"},
            {
                "@type": "WebPage",
                "author": {
                    "@type": "Person",
                    "@id": site + "#/schema/person/c",
                    "givenName": "Li",
                    "familyName": "Wei",
                },
            },
            {"@type": "NewsMediaOrganization", "@id": site + "#organization", "name": "Example News"},
        ],
    }
    profile = {
        "@type": "ProfilePage",
        "mainEntity": {"@type": "Person", "@id": site + "#/schema/person/b", "name": "Jordan Doe"},
    }
    assert _jsonld_authors(graph, profile) == [
        ("Maria Lopez", False),
        ("Jordan Doe", False),
        ("Li Wei", False),
        ("Example News", True),
    ]


def test_nodes_sharing_an_id_are_merged() -> None:
    index = nodes_by_id([{"@id": "#p", "@type": "Person", "url": "u"}, {"x": {"@id": "#p", "name": "Jane Doe"}}])
    assert resolve({"@id": "#p"}, index) == {"@id": "#p", "@type": "Person", "url": "u", "name": "Jane Doe"}
    assert resolve("Jane Doe", index) == "Jane Doe"


@pytest.mark.parametrize("row", PAGES, ids=lambda row: row["page"])
def test_author_pages(row: dict) -> None:
    """Real-shaped pages (WordPress and Yoast, Next.js, news CMSs of 12 languages): the record's
    authors, agencies and the organisations credited where no person is."""
    page = (DATA / "author_pages" / row["page"]).read_bytes()
    record = extract_record(page, row["url"], now=datetime(2026, 1, 1, tzinfo=UTC))
    assert [author["name"] for author in record["authors"]] == row["authors"]
    assert record["agencies"] == row["agencies"]
    assert record["creditedOrganizations"] == row["organizations"]
    assert record["inLanguage"].split("-")[0] == row["lang"]


def test_author_pages_cover_twelve_languages() -> None:
    assert len({row["lang"] for row in PAGES}) >= 12


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([BylineCandidate("BBC News", "json-ld", organization=True)], ("BBC News",)),
        ([BylineCandidate("Redaktion hessenschau.de", "byline-element")], ("Redaktion hessenschau.de",)),
        ([BylineCandidate("Редакция", "json-ld")], ("Редакция",)),
        # a person, or an agency, is credited: the newsroom beside them is not
        ([BylineCandidate("BBC News", "json-ld", organization=True), BylineCandidate("Jane Doe", "meta")], ()),
        ([BylineCandidate("Newsroom", "byline-element"), BylineCandidate("Reuters", "json-ld", organization=True)], ()),
        # a publishing software's default account credits nobody
        ([BylineCandidate("admin", "meta")], ()),
    ],
)
def test_organisations_credited_where_no_person_is(candidates: list, expected: tuple) -> None:
    assert choose_authors(candidates, BylineReader()).organisations == expected


def test_newsroom_keeps_the_site_name_it_is_named_by() -> None:
    site = Site.of(["Südwestbote"], "https://www.suedwestbote.example.de/")
    assert parse_byline("Redaktion Südwestbote", "de", site).organisations == ("Redaktion Südwestbote",)
    assert parse_byline("Von Petra Lenz, Südwestbote", "de", site).authors[0].name == "Petra Lenz"


@pytest.mark.parametrize(
    ("line", "language", "agency"),
    [("Kaynak: AA", "tr", "AA"), ("منبع: ایرنا", "fa", "ایرنا"), ("Quelle: dpa", "de", "dpa")],
)
def test_source_line_credits_its_agency(line: str, language: str, agency: str) -> None:
    read = BylineReader(language)
    assert looks_like_byline(line, read) and read(line).agencies == (agency,)
    assert not looks_like_byline("Quelle: Statistisches Landesamt", BylineReader("de"))


def test_place_after_the_outlet_and_site_names_are_not_people() -> None:
    bbc = Site.of(["BBC News"], "https://www.bbc.com/news/world")
    assert [a.name for a in parse_byline("By Nada Tawfik, BBC News, New York", "en", bbc).authors] == ["Nada Tawfik"]
    two = parse_byline("By DANICA KIRKA and JILL LAWLESS Associated Press", "en")
    assert [a.name for a in two.authors] == ["Danica Kirka", "Jill Lawless"]
    economist = Site.of(["The Economist"], "https://www.economist.com/")
    assert parse_byline("The Economist", "en", economist) == Byline(organisations=("The Economist",))
    assert parse_byline("Super User", "en").authors == ()
    assert parse_byline("S.", "en").authors == ()


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Gespeichert von Anna Berger am 24. Juli 2017 - 18:55", "de", "Anna Berger"),  # Drupal's `submitted`
        ("Submitted by John Smith on Tue, 04/05/2016 - 10:22", "en", "John Smith"),
        ("Eingestellt von Walter von Aachen", "de", "Walter von Aachen"),  # Blogger
        ("Posté par Claire Dubois", "fr", "Claire Dubois"),
    ],
)
def test_publishing_software_bylines(text: str, language: str, name: str) -> None:
    assert [author.name for author in parse_byline(text, language).authors] == [name]


def test_job_lines_and_programmes_are_not_people() -> None:
    text = (
        "Sarah Hinger, ACLU Racial Justice Program and Sylvia Torres-Guillén, Director of Education Equity, "
        "ACLU Foundations of California"
    )
    byline = parse_byline(text, "en")
    assert [author.name for author in byline.authors] == ["Sarah Hinger", "Sylvia Torres-Guillén"]
    assert [author.name for author in parse_byline("Uta Staschewski, Projektleiterin der HSS", "de").authors] == [
        "Uta Staschewski"
    ]


@pytest.mark.parametrize(
    ("text", "language", "authors"),
    [
        ("Reporting by Jane Doe; Editing by John Roe", "en", ["Jane Doe"]),
        ("By Jane Doe, edited by John Roe", "en", ["Jane Doe"]),
        ("新华社记者 王明 李华　责任编辑：陈静", "zh", ["王明", "李华"]),
        ("Автор: Иван Петров. Редактор: Анна Смирнова", "ru", ["Иван Петров"]),
    ],
)
def test_editors_are_not_authors(text: str, language: str, authors: list[str]) -> None:
    assert [author.name for author in parse_byline(text, language).authors] == authors


def test_teaser_bylines_are_not_the_articles() -> None:
    page = html.fromstring(
        "<html><body><article><h1>Dijk bij Culemborg wordt versterkt</h1><p>Tekst van het artikel.</p></article>"
        "<div class='view-related'><ul><li class='views-row'><h3>Parkeertarieven</h3>"
        "<span class='views-row__byline'>Door Pieter Jansen</span></li></ul></div>"
        "<header class='content__header content__header--no-promo'><p class='byline'>Door Els de Vries</p></header>"
        "</body></html>"
    )
    texts = [candidate.text for candidate in page_metadata(page, "https://nieuws.example.nl/a").bylines]
    assert "Door Pieter Jansen" not in texts and "Door Els de Vries" in texts


def test_entities_escaped_twice_are_read_once_and_urls_kept() -> None:
    page = html.fromstring(
        "<html><head><meta property='og:title' content='Wohngew&amp;#x00E4;chshaus &amp;raquo; selber bauen'>"
        "<meta property='og:image' content='https://x.example/i.jpg?w=1&amp;lang=en&amp;copy=1'></head><body></body></html>"
    )
    meta = page_metadata(page, "https://x.example/a")
    assert meta.og_title == "Wohngewächshaus » selber bauen"
    assert meta.image == "https://x.example/i.jpg?w=1&lang=en&copy=1"
