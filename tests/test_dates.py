"""Date strings into ISO 8601: a table of real-shaped dates in 8 languages, and the rules for
choosing published and modified dates among a page's candidates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl import extract_record
from newscrawl.article.dates import DateReader, choose_dates, country_zone, parse_date, timezone_for, url_date
from newscrawl.extract.metadata import DateCandidate

TABLE = json.loads((Path(__file__).parent / "data" / "dates.json").read_text(encoding="utf-8"))
NOW = datetime(2024, 6, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row['lang']}:{row['text']}:{row['timezone']}")
def test_date_table(row: dict) -> None:
    parsed = parse_date(row["text"], row["lang"], timezone_name=row["timezone"], now=datetime.fromisoformat(row["now"]))
    assert (parsed.iso() if parsed else None) == row["expected"]


def test_table_covers_eight_languages() -> None:
    assert {"en", "de", "fr", "es", "it", "pl", "nl", "pt"} <= {row["lang"] for row in TABLE}
    assert len(TABLE) >= 80


def test_no_zone_is_never_silently_utc() -> None:
    assert parse_date("26 June 2024 09:08", "en").iso() == "2024-06-26T09:08:00"
    assert parse_date("26 June 2024 09:08", "en", timezone_name="Europe/Warsaw").iso() == "2024-06-26T09:08:00+02:00"
    assert parse_date("26 January 2024 09:08", "en", timezone_name="Europe/Warsaw").iso() == "2024-01-26T09:08:00+01:00"


def test_modified_before_published_is_not_emitted() -> None:
    candidates = [
        DateCandidate("2024-06-26T09:08:00+02:00", "json-ld", "published"),
        DateCandidate("2024-06-25T09:08:00+02:00", "json-ld", "modified"),
    ]
    chosen = choose_dates(candidates, DateReader("en", None, NOW))
    assert chosen.published.iso() == "2024-06-26T09:08:00+02:00"
    assert chosen.modified is None
    assert chosen.modified_raw == "2024-06-25T09:08:00+02:00"


def test_impossible_dates_keep_only_the_raw_text() -> None:
    candidates = [
        DateCandidate("2031-01-01T00:00:00Z", "json-ld", "published"),
        DateCandidate("1970-01-01", "meta", "published"),
    ]
    chosen = choose_dates(candidates, DateReader("en", None, NOW))
    assert chosen.published is None
    assert chosen.published_raw == "2031-01-01T00:00:00Z"


def test_published_gains_time_from_a_same_day_candidate() -> None:
    candidates = [
        DateCandidate("2024-06-26", "meta", "published"),
        DateCandidate("26.06.2024, 09:08 Uhr", "date-element", "unknown"),
    ]
    chosen = choose_dates(candidates, DateReader("de", "Europe/Berlin", NOW))
    assert chosen.published.iso() == "2024-06-26T09:08:00+02:00"


def test_url_date_and_site_zone() -> None:
    assert url_date("https://example.com/2024/06/26/story.html") == "2024-06-26"
    assert url_date("https://example.com/story-2024.html") is None
    zones = {"example.pl": "Europe/Warsaw"}
    assert timezone_for("https://www.example.pl/a", zones) == "Europe/Warsaw"
    assert timezone_for("https://example.com/a", zones) is None
    assert timezone_for("https://example.com/a", zones, "Europe/Berlin") == "Europe/Berlin"


def _chosen(candidates: list[DateCandidate], language: str = "en") -> str | None:
    published = choose_dates(candidates, DateReader(language, None, NOW)).published
    return published.iso() if published else None


def test_printed_zone_corrects_a_metadata_zone_slip() -> None:
    """JSON-LD wrote UTC time with the local offset; the meta tag and the printed date agree."""
    candidates = [
        DateCandidate("2019-11-20T04:31:13-06:00", "json-ld", "published"),
        DateCandidate("2019-11-20T04:31:13+00:00", "meta", "published"),
        DateCandidate("Chris Davies - Nov 19, 2019, 10:31 pm CST", "date-element", "unknown", distance=3),
    ]
    assert _chosen(candidates) == "2019-11-19T22:31:13-06:00"


def test_metadata_published_equal_to_modified_gives_way_to_earlier_printed_date() -> None:
    candidates = [
        DateCandidate("2019-11-19T09:01:42+05:30", "json-ld", "published"),
        DateCandidate("2019-11-19T09:01:42+05:30", "json-ld", "modified"),
        DateCandidate("First Published: Tuesday, November 19, 2019 08:38 AM", "date-element", "published", 5),
    ]
    assert _chosen(candidates) == "2019-11-19T08:38:00+05:30"


def test_zoneless_metadata_takes_the_offset_of_the_same_time() -> None:
    candidates = [
        DateCandidate("2019-11-19 02:24:00", "meta", "published"),
        DateCandidate("2019-11-19 02:24:00 UTC", "time-datetime", "published", distance=40),
    ]
    assert _chosen(candidates) == "2019-11-19T02:24:00+00:00"
    candidates.append(DateCandidate("Nov 18, 2019 at 9:24 pm ET", "time-text", "published", distance=2))
    assert _chosen(candidates) == "2019-11-18T21:24:00-05:00"


def test_zoneless_local_time_whole_hours_away_agrees_with_metadata() -> None:
    candidates = [
        DateCandidate("2019-11-20T02:59:46Z", "json-ld", "published"),
        DateCandidate("2019-11-20T02:59:46Z", "json-ld", "modified"),
        DateCandidate("2019-11-19 20:59:46", "time-datetime", "unknown", distance=2),
    ]
    assert _chosen(candidates) == "2019-11-20T02:59:46+00:00"


def test_date_inside_a_byline_line() -> None:
    parsed = parse_date("By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", "en")
    assert parsed.iso() == "2019-11-18T11:08:00"
    assert (
        parse_date("November 19, 2019 / 12:21 AM / Updated 14 hours ago", "en", now=NOW).iso() == "2019-11-19T00:21:00"
    )


def test_a_page_that_marks_no_date_gets_htmldates_reading() -> None:
    """No date in metadata, `<time>` or date elements: htmldate's reading of the page (here the
    `published_at` of a shop's script data) is the published day, the least trusted source."""
    paragraphs = "".join(f"<p>Sentence {n} about how the coffee is grown on the high slopes of the farm.</p>"
                         for n in range(6))  # fmt: skip
    page = (
        '<html lang="en"><head><title>Highland coffee</title>'
        '<script>var product = {"title": "Highland coffee", "published_at": "2019-03-02T06:22:28+01:00"};</script>'
        f"</head><body><article><h1>Highland coffee</h1>{paragraphs}</article></body></html>"
    )
    record = extract_record(page, "https://shop.example/products/highland-coffee", now=NOW)
    assert record["datePublished"] == "2019-03-02"


def _page(body: str, head: str = "", language: str = "de") -> str:
    paragraphs = "".join(f"<p>Sentence {n} about how the new bridge was planned, financed and built.</p>"
                         for n in range(6))  # fmt: skip
    return (
        f'<html lang="{language}"><head><title>Neue Brücke</title>{head}</head><body><h1>Neue Brücke</h1>'
        f"{body}<article>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("de", "<p>Erstellt von Fabian am Dienstag 6. Mai 2014</p>", "2014-05-06"),
        ("de", "<footer><p>Pressemitteilung vom 01.11.2021</p></footer>", "2021-11-01"),
        ("en", "<footer><p>Press release, 1 November 2021</p></footer>", "2021-11-01"),
        ("de", "<footer><p>© 2021 Stadtwerke. 1 Januar 2021</p></footer>", "2021-01-01"),
        ("fr", "<footer><p>© 2021 Ville de Lyon, 1er novembre</p></footer>", None),
        ("es", "<footer><p>Publicado el 1 de noviembre 2021 · © 2021</p></footer>", None),
    ],
    ids=["unreadable-line", "first-numeric", "first-worded", "new-year", "copyright", "copyright-beside-unread-day"],
)
def test_htmldate_reads_pages_without_machine_readable_dates(language: str, body: str, expected: str | None) -> None:
    """No JSON-LD, meta, itemprop or `<time datetime>` date: htmldate's extensive reading of the
    page; a 1st of the month it filled in from a year or month alone is no published day."""
    from newscrawl.extract import extract_candidates

    metadata, _ = extract_candidates(_page(body, language=language), "https://www.example.de/aktuelles/neue-bruecke")
    assert [c.text for c in metadata.dates if c.source == "htmldate"] == ([expected] if expected else [])


def test_machine_readable_date_spares_htmldate() -> None:
    from newscrawl.extract import extract_candidates

    head = '<meta property="article:published_time" content="2021-11-02T10:00:00+01:00">'
    metadata, _ = extract_candidates(_page("<p>01.11.2021</p>", head), "https://www.example.de/a")
    assert [c.source for c in metadata.dates if c.source == "htmldate"] == []


def test_a_modified_date_beats_htmldates_reading() -> None:
    candidates = [
        DateCandidate("2019-01-07T17:27:31+02:00", "date-element", "modified", distance=6),
        DateCandidate("2019-01-07", "htmldate", "published"),
    ]
    assert _chosen(candidates, "de") == "2019-01-07T17:27:31+02:00"
    assert _chosen(candidates[1:], "de") == "2019-01-07"


@pytest.mark.parametrize(
    ("language", "metadata", "printed", "expected"),
    [
        ("en", "2023-11-09T05:30:59Z", "PUBLISHED: November 8, 2023 at 11:30 p.m.", "2023-11-08T23:30:59-06:00"),
        ("es", "Wed, 04 May 2022 00:25:56 GMT", "3 de mayo de 2022 21:25", "2022-05-03T21:25:56-03:00"),
        ("pt", "2022-05-04T00:44:52.000Z", "Brasília 03/05/2022 21:44", "2022-05-03T21:44:52-03:00"),
        ("de", "2019-10-18T22:04:00Z", "Von Claudia Riedler 19. Oktober 2019 00:04 Uhr", "2019-10-19T00:04:00+02:00"),
        ("de", "2019-10-18T22:04:00+01:00", "19. Oktober 2019 03:04 Uhr", "2019-10-18T22:04:00+01:00"),
    ],
    ids=["en-central", "es-buenos-aires", "pt-brasilia", "de-vienna", "written-offset-stays"],
)
def test_utc_metadata_takes_the_offset_of_the_local_time_printed_by_the_headline(
    language: str, metadata: str, printed: str, expected: str
) -> None:
    """The same instant, on the calendar day the reader sees; an offset the metadata wrote stays."""
    candidates = [
        DateCandidate(metadata, "json-ld", "published"),
        DateCandidate(printed, "date-element", "unknown", distance=3),
    ]
    assert _chosen(candidates, language) == expected


@pytest.mark.parametrize(
    ("language", "candidates", "expected"),
    [
        (  # a comment's <time> (machine-readable) far below a published line by the headline
            "de",
            [
                DateCandidate("2019-08-24T03:36:11+02:00", "time-datetime", "unknown", 107),
                DateCandidate("Veröffentlicht am 16.08.2019 Dauer: 1 Stunde", "date-element", "published", 51),
            ],
            "2019-08-16",
        ),
        (  # a teaser's published <time> beside the byline's date
            "en",
            [
                DateCandidate("2009-04-11T18:06:36", "time-datetime", "published", 63),
                DateCandidate("Posted on October 22, 2019", "date-element", "published", 5),
            ],
            "2019-10-22",
        ),
        (  # a list of teasers: the date nearest the headline
            "de",
            [
                DateCandidate("01. Juli 2020", "date-element", "unknown", 715),
                DateCandidate("18. März 2020", "date-element", "unknown", 149),
            ],
            "2020-03-18",
        ),
        (  # a published date far from the headline (a sidebar's) after the line by the headline
            "de",
            [
                DateCandidate("04.11.2021", "date-element", "published", 211),
                DateCandidate("Stand - 12.11.2021 (gültig seit: 05.11.2021)", "date-element", "unknown", 5),
            ],
            "2021-11-12",
        ),
        (  # a sidebar's relative date comes after every absolute one
            "en",
            [
                DateCandidate("53 mins ago", "date-element", "unknown", 4),
                DateCandidate("May 4, 2022", "date-element", "unknown", 40),
            ],
            "2022-05-04",
        ),
        (
            "de",
            [
                DateCandidate("vor 5 Stunden", "time-text", "unknown", 2),
                DateCandidate("2022-05-03", "url", "published"),
            ],
            "2022-05-03",
        ),
        ("fr", [DateCandidate("il y a 3 heures", "date-element", "unknown", 2)], "2024-06-28T09:00:00+00:00"),
    ],
    ids=["comment-time", "teaser-time", "teaser-list", "far-published", "relative-en", "relative-de", "relative-alone"],
)
def test_the_date_by_the_headline_beats_teasers_comments_and_relative_dates(
    language: str, candidates: list[DateCandidate], expected: str
) -> None:
    assert _chosen(candidates, language) == expected


def test_a_date_only_modified_date_gains_the_time_of_the_same_day() -> None:
    candidates = [
        DateCandidate("August 13, 2018", "date-element", "modified", 3),
        DateCandidate("2018-08-13T08:04:08+00:00", "time-datetime", "modified", 4),
    ]
    chosen = choose_dates(candidates, DateReader("en", None, NOW))
    assert chosen.modified.iso() == "2018-08-13T08:04:08+00:00"


def test_printed_time_takes_the_offset_of_a_utc_time_whole_hours_away() -> None:
    candidates = [
        DateCandidate("01.02.2022 12:10", "date-element", "unknown", 3),
        DateCandidate("2022-02-01T11:10:00Z", "time-datetime", "published", 4),
    ]
    assert _chosen(candidates, "de") == "2022-02-01T12:10:00+01:00"


_META = "2022-01-26T14:32:06+02:00"


@pytest.mark.parametrize(
    ("language", "printed", "modified", "expected"),
    [
        ("de", "21.01.2022 - 13:30", None, "2022-01-21T13:30:00"),
        ("en", "Monday, 17 January 2022", None, "2022-01-17"),
        ("fr", "Publié le 19 janvier 2022", None, "2022-01-19"),
        ("es", "18 de enero de 2022", None, "2022-01-18"),
        ("de", "28.01.2022", "2022-01-28T09:00:00+01:00", _META),  # the page prints its last update
        ("en", "Updated January 28, 2022", None, _META),  # an update named in the text
        ("en", "01/26/2022", None, _META),  # the same day, read month first
        ("en", "Jan 21, 2022 | Last changed: Jan 28, 2022", None, _META),  # two days in one line
        ("pt", "27/01/2022", None, _META),  # the metadata's instant on that day somewhere (UTC+10 and more)
    ],
    ids=["de-time", "en-day", "fr-label", "es", "modified-day", "update-word", "swapped", "two-days", "zone"],
)
def test_the_day_printed_by_the_headline_beats_the_metadatas_other_day(
    language: str, printed: str, modified: str | None, expected: str
) -> None:
    candidates = [
        DateCandidate(_META, "meta", "published"),
        DateCandidate(printed, "date-element", "unknown", distance=4),
    ]
    if modified:
        candidates.append(DateCandidate(modified, "meta", "modified"))
    assert _chosen(candidates, language) == expected


def test_a_printed_day_far_from_the_headline_leaves_the_metadata_alone() -> None:
    candidates = [
        DateCandidate(_META, "json-ld", "published"),
        DateCandidate("21.01.2022", "date-element", "unknown", distance=40),
    ]
    assert _chosen(candidates, "de") == _META


@pytest.mark.parametrize(
    ("language", "clock", "post"),
    [
        ("de", "Aktuelle Zeit: 14.10.2020, 12:18", "Beitrag von r23 » 21.01.2009, 05:42"),
        ("de", "Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm", "von lupa am 26/10/13, 03:48 pm"),
        ("en", "It is currently Wed Oct 14, 2020 12:18 pm", "Post by r23 » Wed Jan 21, 2009 5:42 am"),
        ("fr", "Nous sommes le 14 octobre 2020, 12:18", "par r23 » 21 janvier 2009, 05:42"),
    ],
    ids=["de-phpbb", "de-forumieren", "en-phpbb", "fr-phpbb"],
)
def test_a_forums_clock_is_not_the_published_date(language: str, clock: str, post: str) -> None:
    candidates = [DateCandidate(clock, "date-element", "unknown"), DateCandidate(post, "date-element", "unknown")]
    assert _chosen(candidates, language)[:10] == ("2013-10-26" if "lupa" in post else "2009-01-21")


def test_a_relative_date_far_from_the_headline_is_not_read() -> None:
    """A player's `3 minutes 6 secondes 07:53` far below the headline is no date of the article;
    htmldate's reading is."""
    candidates = [
        DateCandidate("Durée : 3 minutes 6 secondes 07:53", "date-element", "unknown", 180),
        DateCandidate("2019-05-23", "htmldate", "published"),
    ]
    assert _chosen(candidates, "fr") == "2019-05-23"


@pytest.mark.parametrize(
    ("url", "zone"),
    [
        ("https://www.werra-bote.de/lokales/hochwasser", "Europe/Berlin"),
        ("https://news.example.co.jp/articles/1", "Asia/Tokyo"),
        ("https://www.example.co.uk/news/1", "Europe/London"),
        ("https://www.example.com/news/1", None),  # no country
        ("https://www.example.ru/news/1", None),  # a country of several zones
        ("http://localhost:8080/a", None),
    ],
)
def test_country_zone_of_a_site(url: str, zone: str | None) -> None:
    assert country_zone(url) == zone


def test_a_time_printed_without_zone_takes_the_country_of_the_site() -> None:
    page = (
        "<html lang='de'><head><title>Pegel steigt</title></head><body><article><h1>Pegel der Werra steigt weiter"
        "</h1><p class='date'>06.10.2017 11:15 Uhr</p><p>"
        + "Der Pegel der Werra ist in der Nacht weiter gestiegen. " * 8
        + "</p></article></body></html>"
    )
    record = extract_record(
        page, "https://www.werra-bote.de/lokales/hochwasser-pegel", now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert record["datePublished"] == "2017-10-06T11:15:00+02:00"
    elsewhere = extract_record(
        page, "https://www.werra-bote.com/lokales/hochwasser-pegel", now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert elsewhere["datePublished"] == "2017-10-06T11:15:00"


def test_a_time_of_a_second_date_is_not_the_first_dates() -> None:
    read = parse_date("Published 3 June 2024 – last updated 12 July 2024 at 10:00", "en")
    assert read is not None and read.iso() == "2024-06-03"
    assert parse_date("01.01.2000, 00:01 Uhr", "de").iso() == "2000-01-01T00:01:00"
