"""Byline strings into people and agencies: a table of real-shaped bylines in 8 languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.article.bylines import Site, choose_authors, display_name, parse_byline
from newscrawl.extract.metadata import BylineCandidate

TABLE = json.loads((Path(__file__).parent / "data" / "bylines.json").read_text(encoding="utf-8"))


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
    byline = choose_authors(candidates, "en")
    assert [a.name for a in byline.authors] == ["Anna Nowak"]
    assert byline.agencies == ("Reuters",)


def test_most_trusted_source_wins() -> None:
    candidates = [
        BylineCandidate("Related story by Someone Else", "byline-element"),
        BylineCandidate("Jane Doe", "json-ld"),
    ]
    assert [a.name for a in choose_authors(candidates, "en").authors] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("text", "authors", "agencies"),
    [
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"], ["AP"]),
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
    names = [a.name for a in choose_authors(candidates, "en").authors]
    assert names == ["Stefan Becket", "Kathryn Watson", "Grace Segers"]


def test_printed_agency_byline_stands_before_other_stories_bylines() -> None:
    candidates = [
        BylineCandidate("Associated Press November 19, 2019, 9:02 AM", "byline-element"),
        BylineCandidate("Ryan McKenna", "byline-element"),
    ]
    byline = choose_authors(candidates, "en")
    assert byline.authors == ()
    assert byline.agencies == ("Associated Press",)


def test_byline_read_whole_wins_over_one_with_more_than_names() -> None:
    candidates = [
        BylineCandidate("Carlos Nadalim Comente! Alfabetização, Brinquedos e Brincadeiras, Música", "byline-element"),
        BylineCandidate("Carlos Nadalim", "byline-element"),
    ]
    assert [a.name for a in choose_authors(candidates, "pt").authors] == ["Carlos Nadalim"]
