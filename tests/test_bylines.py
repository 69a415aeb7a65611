"""Byline strings into people and agencies: a table of real-shaped bylines in 8 languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract.metadata import BylineCandidate
from pipelines.bylines import choose_authors, display_name, parse_byline

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
