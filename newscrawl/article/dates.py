"""Dates: date candidates into `datePublished` / `dateModified`, ISO 8601.

ISO 8601 and RFC 822 strings take a fast path; dateparser reads the rest, with one parser
built per language. An offset the text gives is kept; a zone abbreviation is read with the
daylight-saving rules of its zone (`ET` in June is -04:00); a date without a zone gets the
zone configured for its site, or no offset at all: never a silent UTC.

`choose_dates` takes the most trusted candidate (JSON-LD, meta tags, `<time>`, date elements,
the URL), then checks it against the date printed nearest the headline: a printed date with its
zone corrects metadata that is whole hours off (local time written with another offset) or later;
metadata whose published date is its modified date gives way to an earlier printed date; a date
without an offset takes the one of a candidate that writes the same time with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from dateparser.date import DateDataParser
from dateparser.languages import default_loader

from newscrawl.article.draft import ArticleDraft
from newscrawl.extract.blocks import collapse_whitespace
from newscrawl.extract.metadata import DateCandidate, marks_update
from newscrawl.lexicon import all_languages, load

if TYPE_CHECKING:
    from newscrawl.article.explain import Trace

_LEXICON = load("dates")
DATE_LABELS = all_languages(_LEXICON["labels"])
ZONE_ABBREVIATIONS: dict[str, str] = _LEXICON["zones"]
_COUNTRY_ZONES = {key: zone for key, zone in _LEXICON["country_domain_zones"].items() if key != "_about"}
_RELATIVE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(word) for word in all_languages(_LEXICON["relative"])) + r")(?!\w)", re.I
)

_CLOCK = re.compile(r"^(?:" + "|".join(map(re.escape, all_languages(_LEXICON["clock"]))) + r")(?!\w)", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_RFC822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}")
_ZONE = re.compile(r"(?<![\w+-])\(?(" + "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True)) + r")\)?(?!\w)")
_OFFSET = re.compile(r"(?<!\d)(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?!\d)")
_NUMBER = re.compile(r"\d+")
_DOTTED_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d.])")
"""`02.11.2021`: day first in every language that writes dates with dots."""
_HAS_TIME = re.compile(r"(?<![\d.])\d{1,2}\s*[:h.]\s*\d{2}(?!\d{2}|\.\d)|\d\s*(am|pm|a\.m\.|p\.m\.)", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|\.|$)")
_DATE_SHAPE = re.compile(r"\b(19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_DATE_NUMBER = re.compile(r"^\d[\d:./-]*(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?(?:st|nd|rd|th|h)?[,.]?$")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
_DATE_WORD_KEYS = (*_MONTH_KEYS, "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday")
_DATE_WORD_KEYS += ("saturday", "sunday", "am", "pm")
_MAX_CONNECTOR_LENGTH = 4
_MAX_PARTS = 4
_FOREIGN_WORD = re.compile(r"[^\W\d_]{2,}")
_EARLIEST_YEAR = 1990
_MAX_DATE_LINE_WORDS = 12
_MODIFIED_TRUST = ("json-ld", "meta", "itemprop", "time-datetime", "time-text", "date-element", "body-line", "hint")
_PUBLISHED_TRUST = (*_MODIFIED_TRUST, "url")
_FALLBACK = ("htmldate",)
"""htmldate's reading: taken only where the page gives no published date and no modified one."""
_VISIBLE = ("itemprop", "time-datetime", "time-text", "date-element")
_PRINTED = ("time-text", "date-element")
_NEAR_HEADLINE = 150
_BY_HEADLINE = 15
_METADATA = ("json-ld", "meta")
_WIDEST_OFFSETS = (timedelta(hours=-12), timedelta(hours=14))
_MINUTE = 60
_HALF_HOUR = 1800
_MAX_ZONE_GAP = 14 * 3600
_MAX_EARLIER = timedelta(days=3)


@attrs.frozen
class ParsedDate:
    """A date read from text: a datetime (aware when the offset is known) or a bare date."""

    value: datetime | date
    raw: str
    zoned: bool = False
    """The offset was written in the text (`+02:00`, `Z`, `CEST`), not taken from the site's zone."""
    relative: bool = False
    """Read relative to the download time (`3 hours ago`, `gestern`)."""

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, datetime)

    @property
    def wall_clock(self) -> datetime:
        """The date and time as printed, without its offset (a bare date counts as its midnight)."""
        return self.instant().replace(tzinfo=None) if not self.has_time else self.value.replace(tzinfo=None)

    def iso(self) -> str:
        """ISO 8601: `2024-06-26`, `2024-06-26T09:08:00` or `2024-06-26T09:08:00+02:00`."""
        if isinstance(self.value, datetime):
            return self.value.replace(microsecond=0).isoformat()
        return self.value.isoformat()

    def instant(self, default_zone: timezone = UTC) -> datetime:
        """A comparable aware datetime (a bare date counts as its midnight)."""
        value = self.value if isinstance(self.value, datetime) else datetime.combine(self.value, datetime.min.time())
        return value if value.tzinfo else value.replace(tzinfo=default_zone)


@cache
def _zone(name: str) -> ZoneInfo | timezone | None:
    if name == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@cache
def _languages(language: str | None) -> list[str]:
    """The languages to read dates in: the page's (where dateparser knows it) and English."""
    if not language or language == "en":
        return ["en"]
    try:
        default_loader.get_locale(language)
    except (KeyError, ValueError):  # dateparser builds parsers lazily: it would fail on the first parse
        return ["en"]
    return [language, "en"]


@cache
def _absolute_parser(language: str | None, day_first: bool = False) -> DateDataParser:
    """One dateparser per language, built once (building one costs far more than a parse)."""
    languages = _languages(language)
    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if day_first or (language and language != "en"):  # numeric dates are day-first outside English
        settings["DATE_ORDER"] = "DMY"
    return DateDataParser(languages=languages, settings=settings)


def _relative_parser(language: str | None, now: datetime) -> DateDataParser:
    settings = {"PARSERS": ["relative-time"], "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": now.replace(tzinfo=None)}
    return DateDataParser(languages=_languages(language), settings=settings)


def _parse_iso(text: str) -> datetime | date | None:
    """An ISO 8601 date in a shape pages write (`_ISO`: a date, a time to the minute or second, an
    offset), read by `fromisoformat`; a date with an offset no place uses is no date."""
    match = _ISO.match(text)
    if not match:
        return None
    try:
        if match.group(4) is None:
            return date.fromisoformat(text[:10])
        value = datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        return None
    if value.tzinfo is None:
        return value
    zone = fixed_offset(value.utcoffset())
    return value.replace(tzinfo=zone) if zone is not None else None


_MAX_OFFSET = timedelta(hours=14)  # the widest offset in use (Line Islands, UTC+14)


def fixed_offset(delta: timedelta | None) -> timezone | None:
    """A fixed zone for a UTC offset, rounded to the minute (historic local mean times have
    seconds); None for an offset no place uses."""
    if delta is None or abs(delta) > _MAX_OFFSET:
        return None
    return timezone(timedelta(minutes=round(delta.total_seconds() / 60)))


def _parse_rfc822(text: str) -> datetime | None:
    if not _RFC822.match(text):
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is not None and fixed_offset(value.utcoffset()) is None:
        return None  # an offset no place uses: not a date we can trust
    return value


def strip_date_label(text: str) -> str:
    """`Published: 26 June 2024` -> `26 June 2024` (labels of every language we know)."""
    lowered = text.casefold()
    for label in DATE_LABELS:
        if lowered.startswith(label.casefold()):
            rest = text[len(label) :]
            if not rest[:1].isalpha():
                return rest.lstrip(" :,-–—").strip()
    return text


def _split_zone(text: str) -> tuple[str, ZoneInfo | timezone | None]:
    """Take a zone out of the text: `UTC+2`, `GMT-05:00`, or an abbreviation such as `CEST`."""
    match = _OFFSET.search(text)
    if match:
        sign, hours, minutes = match.groups()
        offset = fixed_offset(timedelta(hours=int(hours), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1))
        if offset is not None:
            return (text[: match.start()] + text[match.end() :]).strip(), offset
    match = _ZONE.search(text)
    if match and re.search(r"\d", text[: match.start()]):
        zone = _zone(ZONE_ABBREVIATIONS[match.group(1)])
        return (text[: match.start()] + text[match.end() :]).strip(" ,"), zone
    return text, None


def _localise(value: datetime, zone: ZoneInfo | timezone | None) -> datetime:
    """Attach `zone` to a naive datetime; the zone's own rules give the daylight-saving offset."""
    if value.tzinfo is not None or zone is None:
        return value
    localised = value.replace(tzinfo=zone)
    return localised.replace(tzinfo=fixed_offset(localised.utcoffset()))


def _with_fixed_offset(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.replace(tzinfo=fixed_offset(value.utcoffset()))


def _dateparser(text: str, language: str | None, now: datetime | None) -> tuple[datetime | None, bool, bool]:
    """dateparser's reading of `text`, whether it was relative to `now`, and whether it named a
    time of day."""
    data = _absolute_parser(language, bool(_DOTTED_DATE.search(text))).get_date_data(text)
    if data.date_obj is not None:
        return data.date_obj, False, data.period == "time"
    if now is None or not _RELATIVE.search(text):
        return None, False, False
    data = _relative_parser(language, now).get_date_data(text)
    return data.date_obj, True, data.period == "time"


def _normalise(text: str) -> str:
    """Forms dateparser misses: `09h08` -> `09:08`, ordinal days (`1er`, `1º`, `26th`) -> `1`, `26`."""
    text = re.sub(r"(?<!\d)(\d{1,2})\s?h\s?(\d{2})(?!\d)", r"\1:\2", text)
    return re.sub(r"(?<!\d)(\d{1,2})(?:º|°|ª|er|st|nd|rd|th)(?!\w)", r"\1", text)


def parse_date(
    text: str,
    language: str | None = None,
    *,
    timezone_name: str | None = None,
    now: datetime | None = None,
) -> ParsedDate | None:
    """Read one date string (see the module docstring); None when it is not a date."""
    raw = collapse_whitespace(text or "")
    if not raw or len(raw) > 120:
        return None
    site_zone = _zone(timezone_name) if timezone_name else None
    iso = _parse_iso(raw)
    if iso is not None:
        if not isinstance(iso, datetime):
            return ParsedDate(iso, raw)
        return ParsedDate(_with_fixed_offset(_localise(iso, site_zone)), raw, iso.tzinfo is not None)
    rfc = _parse_rfc822(raw)
    if rfc is not None:
        return ParsedDate(_with_fixed_offset(_localise(rfc, site_zone)), raw, rfc.tzinfo is not None)

    body, text_zone = _split_zone(_normalise(strip_date_label(raw)))
    zone = text_zone or site_zone
    base = now.astimezone(zone) if now is not None and zone is not None else now
    found = _first_reading(body, language, base)
    if found is None:
        return None
    candidate, parsed, relative, timed = found
    if relative and base is not None and base.tzinfo is not None:
        parsed = parsed.replace(tzinfo=base.tzinfo)
    has_time = timed or (relative and bool(re.search(r"\d", candidate)))
    if not has_time:
        return ParsedDate(parsed.date(), raw, relative=relative)
    zoned = text_zone is not None or (parsed.tzinfo is not None and not relative)
    return ParsedDate(_with_fixed_offset(_localise(parsed.replace(microsecond=0), zone)), raw, zoned, relative)


def _may_be_read(text: str) -> bool:
    """Whether dateparser could read the text at all: it reads a date only with its day, month and
    year, so one that is not relative holds at least two numbers (a day and a year). A cheap test
    that spares dateparser's slow failures: on the benchmark pages 104 of its 314 failing calls
    (of 470 calls in all), with none of its readings lost."""
    numbers = _NUMBER.findall(text)
    return len(numbers) >= 2 or any(len(number) >= 6 for number in numbers) or bool(_RELATIVE.search(text))


def _first_reading(body: str, language: str | None, base: datetime | None) -> tuple[str, datetime, bool, bool] | None:
    """The first variant of the text that dateparser reads (see `_variants`): the variant, its
    reading, whether it was relative and whether it named a time. Where the text shows a time
    that the first reading lost (`01.01.2000, 00:01 Uhr` read as the date alone), a later variant
    that keeps it on the same day is preferred (not a second date's: `Published 3 June 2024 – last
    updated 12 July 2024 at 10:00` is the 3rd of June)."""
    first = None
    shows_time = bool(_HAS_TIME.search(body))
    for candidate in filter(_may_be_read, _variants(body, language)):
        parsed, relative, timed = _dateparser(candidate, language, base)
        if parsed is None or (first is not None and parsed.date() != first[1].date()):
            continue
        reading = (candidate, parsed, relative, timed or bool(_HAS_TIME.search(candidate)))
        if reading[3] or not shows_time:
            return reading
        first = first or reading
    return first


def _variants(text: str, language: str | None) -> Iterable[str]:
    """The text; the text from its first digit (a dateline or label before the date); its first
    comma-, bar- or slash-separated parts, most first (a second date after the first); the runs of
    date words in it (a byline line: `By Jane Doe on Monday, June 26, 2024 at 9:08 a.m.`). Where
    the text holds words that are no date's, its first run comes first: dateparser fails slowly,
    and on such texts the variants before it fail."""
    runs = list(_date_runs(text, language))
    if runs and runs[0] != text and _FOREIGN_WORD.search(text.replace(runs[0], " ")):
        yield runs[0]
    yield text
    match = re.search(r"\d", text)
    if match and match.start() > 0:
        yield text[match.start() :]
    parts = [part for part in re.split(r"\s*[,|·]\s*|\s+/\s+", text) if part]
    for end in range(min(len(parts), _MAX_PARTS) - 1, 0, -1):
        yield strip_date_label(", ".join(parts[:end]))
    yield from runs


@cache
def _date_words(language: str | None) -> frozenset[str]:
    """Month and weekday names (and am/pm) of the language and English, as dateparser knows them."""
    words: set[str] = set()
    for code in _languages(language):
        info = default_loader.get_locale(code).info
        words.update(word.casefold() for key in _DATE_WORD_KEYS for word in info.get(key, []) if len(word) > 2)
    return frozenset(words)


def _is_date_token(token: str, words: frozenset[str]) -> bool:
    word = token.strip(".,").casefold()
    if token.strip(".,") in ZONE_ABBREVIATIONS:
        return True
    return bool(_DATE_NUMBER.match(token)) or word in words or word in ("am", "pm", "a.m", "p.m")


def _date_runs(text: str, language: str | None) -> Iterable[str]:
    """The runs of date tokens in the text (see `_date_spans`)."""
    for _, run in _date_spans(text, language):
        yield run


def _date_spans(text: str, language: str | None) -> Iterable[tuple[int, str]]:
    """The runs of date tokens (numbers, month and weekday names, am/pm, with short connecting
    words such as `at`, `um`, `à` between them) that hold a date, each with where it starts."""
    words = _date_words(language)
    run: list[re.Match[str]] = []
    for match in [*re.finditer(r"\S+", text), None]:
        token = match.group() if match else ""
        connector = bool(run) and len(token) <= _MAX_CONNECTOR_LENGTH and token.isalpha() and token.islower()
        if match and (_is_date_token(token, words) or connector):
            run.append(match)
            continue
        while run and not _is_date_token(run[-1].group(), words):
            run.pop()
        joined = " ".join(part.group() for part in run)
        if re.search(r"\d", joined) and (len(run) > 1 or re.search(r"\d\D+\d|\d{4}", joined)):
            yield run[0].start(), joined.strip("(,")
        run = []


def date_start(text: str, language: str | None = None) -> int | None:
    """Where the first date printed in `text` begins (`By Jane Doe June 26, 2024` -> 12), or None."""
    return next((start for start, _ in _date_spans(text, language)), None)


def is_plausible(parsed: ParsedDate, now: datetime) -> bool:
    """Not before 1990 and not more than a day in the future."""
    return parsed.value.year >= _EARLIEST_YEAR and parsed.instant() <= now + timedelta(days=1)


def looks_like_date_line(text: str, read: DateReader) -> bool:
    """A short body line that is only a date (a dateline or `Updated …` line)."""
    if len(text.split()) > _MAX_DATE_LINE_WORDS or not _DATE_SHAPE.search(text):
        return False
    return len(re.findall(r"[a-z]{4,}", text)) <= 4 and read(text) is not None


def url_date(url: str) -> str | None:
    """The `YYYY/MM/DD` date in a URL path, as text, or None."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


@attrs.frozen
class ChosenDates:
    """The two dates of an article, each with the text it was read from."""

    published: ParsedDate | None = None
    published_raw: str | None = None
    modified: ParsedDate | None = None
    modified_raw: str | None = None


class DateReader:
    """Reads the date texts of one page, each once (dateparser is the costly part of dates): the
    body's cleaning asks which lines are dates, the date choice asks the same reader again.
    `timezone_name` is the site's zone for dates printed without one; relative dates count from
    `now` (the download time; default: now)."""

    def __init__(self, language: str | None = None, timezone_name: str | None = None, now: datetime | None = None):
        self.language, self.timezone_name = language, timezone_name
        self.now = now or datetime.now(UTC)
        self._read: dict[str, ParsedDate | None] = {}

    def __call__(self, text: str) -> ParsedDate | None:
        if text not in self._read:
            self._read[text] = parse_date(text, self.language, timezone_name=self.timezone_name, now=self.now)
        return self._read[text]

    def plausible(self, text: str) -> ParsedDate | None:
        parsed = self(text)
        return parsed if parsed is not None and is_plausible(parsed, self.now) else None


def _ranked(candidates: Sequence[DateCandidate], kinds: tuple[str, ...], trust: tuple[str, ...]) -> list[DateCandidate]:
    """The candidates of these kinds and sources, most trusted source first. The dates the page
    shows (itemprop, `<time>`, date elements and lines) rank as one source, by where they stand:
    those near the headline before the others (a teaser's, a comment's or a sidebar's date), a
    published one before one of unknown kind, the nearest first."""

    def rank(candidate: DateCandidate) -> tuple[int, int, int, float, int]:
        kind = kinds.index(candidate.kind)
        if candidate.source not in _VISIBLE:
            return trust.index(candidate.source), 0, kind, 0, 0
        distance = candidate.distance if candidate.distance is not None else float("inf")
        far = int(distance > _NEAR_HEADLINE)
        return trust.index(_VISIBLE[0]), far, kind, distance, _VISIBLE.index(candidate.source)

    return sorted((c for c in candidates if c.kind in kinds and c.source in trust), key=rank)


def _first_plausible(candidates: Sequence[DateCandidate], read: DateReader) -> tuple[ParsedDate | None, str | None]:
    """The first candidate read as a plausible date, and its text (or the text of the first one
    read at all). A date relative to the download time (`3 hours ago`) comes after every absolute
    one, and counts only near the headline: a sidebar's or a teaser's relative date is read
    against the clock, not the article's."""
    first_raw, relative = None, None
    for candidate in candidates:
        parsed = read(candidate.text)
        if parsed is None:
            continue
        first_raw = first_raw or candidate.text
        if is_plausible(parsed, read.now):
            if not parsed.relative:
                return parsed, candidate.text
            if not _far_from_headline(candidate):
                relative = relative or (parsed, candidate.text)
    return relative or (None, first_raw)


def _far_from_headline(candidate: DateCandidate) -> bool:
    """A date the page shows far from its headline, or on a page without one (a relative date
    there is a sidebar's or a player's, never the article's)."""
    return candidate.source in _VISIBLE and (candidate.distance is None or candidate.distance > _NEAR_HEADLINE)


def _shortest_text(
    chosen: ParsedDate | None, candidates: Sequence[DateCandidate], read: DateReader
) -> ParsedDate | None:
    """The chosen date as read from the shortest text inside its own that gives it
    (`26.06.2024, 09:08 Uhr`, not the byline line around it)."""
    if chosen is None:
        return chosen
    for candidate in candidates:
        if candidate.source in _VISIBLE and len(candidate.text) < len(chosen.raw) and candidate.text in chosen.raw:
            parsed = read(candidate.text)
            if parsed is not None and parsed.iso() == chosen.iso() and parsed.zoned == chosen.zoned:
                chosen = parsed
    return chosen


def _with_time(chosen: ParsedDate | None, candidates: Sequence[DateCandidate], read: DateReader) -> ParsedDate | None:
    """A date-only choice gains the time of another candidate that gives the same day."""
    if chosen is None or chosen.has_time:
        return chosen
    for candidate in candidates:
        parsed = read(candidate.text)
        if parsed is not None and parsed.has_time and parsed.value.date() == chosen.value:
            return parsed
    return chosen


def _with_offset(chosen: ParsedDate | None, candidates: Sequence[DateCandidate], read: DateReader) -> ParsedDate | None:
    """A zoneless choice gives way to a candidate that writes the same time with its offset
    (`2024-06-26 09:08:00` beside `2024-06-26 09:08:00 UTC`), or takes UTC where another
    candidate with an offset is the same instant in UTC; where one gives in UTC a time whole hours
    away (`2022-02-01T11:10:00Z` beside `01.02.2022 12:10`), the choice is that instant in the
    offset the printed time shows."""
    if chosen is None or not chosen.has_time or chosen.zoned:
        return chosen
    for candidate in candidates:
        parsed = read.plausible(candidate.text)
        if parsed is None or not parsed.has_time or not parsed.zoned:
            continue
        if _same_minute(parsed.wall_clock, chosen.wall_clock):
            return parsed
        utc = parsed.instant().astimezone(UTC).replace(tzinfo=None)
        if _same_minute(utc, chosen.wall_clock):
            return ParsedDate(chosen.wall_clock.replace(tzinfo=UTC), chosen.raw, zoned=True)
        if not parsed.value.utcoffset() and _whole_hours((utc - chosen.wall_clock).total_seconds()):
            return _in_printed_offset(parsed, chosen)
    return chosen


def _is_utc(value: datetime | date) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None and not value.utcoffset()


def _same_minute(first: datetime, second: datetime) -> bool:
    return abs((first - second).total_seconds()) < _MINUTE


def _nearest_visible(candidates: Sequence[DateCandidate], read: DateReader) -> tuple[DateCandidate, ParsedDate] | None:
    """The date with a time printed nearest the headline (its byline line, its `<time>`): one with
    its offset written out first among those as near."""
    near = sorted(
        (c for c in candidates if c.source in _VISIBLE and c.kind != "modified" and c.distance is not None),
        key=lambda c: (c.distance, _VISIBLE.index(c.source)),
    )
    near = [c for c in near if _HAS_TIME.search(c.text) or _RELATIVE.search(c.text)]  # no time, no reading needed
    found: list[tuple[DateCandidate, ParsedDate]] = []
    for candidate in near:
        if candidate.distance > _NEAR_HEADLINE or (found and candidate.distance > found[0][0].distance):
            break
        parsed = read.plausible(candidate.text)
        if parsed is not None and parsed.has_time:
            found.append((candidate, parsed))
            if parsed.zoned:  # none as near can come before it: the rest need not be read
                break
    return min(found, key=lambda entry: not entry[1].zoned) if found else None


def _in_zone_of(visible: ParsedDate, reference: ParsedDate) -> datetime:
    """The instant of `visible`, read in the offset of `reference` when it has none of its own."""
    if visible.value.tzinfo is not None:
        return visible.instant()
    return visible.wall_clock.replace(tzinfo=reference.instant().tzinfo)


def _gap(chosen: ParsedDate, visible: ParsedDate) -> float:
    """Seconds from the visible date to the chosen one: between instants where both have an offset,
    else between wall clocks."""
    if chosen.value.tzinfo is not None and visible.value.tzinfo is not None:
        return (chosen.instant() - visible.instant()).total_seconds()
    return (chosen.wall_clock - visible.wall_clock).total_seconds()


def _whole_hours(gap: float) -> bool:
    """Whole (or half) hours apart, to the minute: the same time read in two zones."""
    gap = abs(gap)
    off_the_hour = min(gap % _HALF_HOUR, _HALF_HOUR - gap % _HALF_HOUR)
    return _HALF_HOUR - _MINUTE < gap <= _MAX_ZONE_GAP and off_the_hour < _MINUTE


def _headline_date(
    chosen: ParsedDate | None,
    modified: ParsedDate | None,
    candidates: Sequence[DateCandidate],
    read: DateReader,
) -> ParsedDate | None:
    """The published date as printed by the headline, where it contradicts the page's metadata:

    - printed with its zone, it is whole hours away from the metadata's (a zone slip: the
      metadata wrote local time with another offset), or earlier than it;
    - the metadata's published date is no earlier than its modified date (it is the update's),
      and the printed one is earlier by less than a few days: it is the first publication (read
      in the metadata's offset where it has none of its own).

    A printed date without a zone that is whole hours away from the metadata's agrees with it
    (local time). Where another candidate is the printed instant, that one is taken (it has the
    seconds).
    """
    if chosen is None or not chosen.has_time:
        return chosen
    nearest = _nearest_visible(candidates, read)
    if nearest is None:
        return chosen
    candidate, visible = nearest
    gap = _gap(chosen, visible)
    if abs(gap) < _MINUTE:
        if candidate.source in _PRINTED and _is_utc(chosen.value) and visible.value.tzinfo is not None:
            return attrs.evolve(chosen, value=chosen.value.astimezone(visible.value.tzinfo))  # the site's time
        return chosen
    if not visible.zoned and _whole_hours(gap):
        return _in_printed_offset(chosen, visible) if candidate.source in _PRINTED else chosen
    printed_zone = visible.zoned and candidate.source in _PRINTED
    late = modified is not None and modified.has_time and _gap(modified, chosen) < _MINUTE
    earlier = _MINUTE <= gap <= _MAX_EARLIER.total_seconds()
    if (printed_zone and (_whole_hours(gap) or earlier)) or (late and earlier):
        return _same_instant(_in_zone_of(visible, chosen), visible, candidates, read)
    return chosen


def _in_printed_offset(chosen: ParsedDate, printed: ParsedDate) -> ParsedDate:
    """A chosen instant given in UTC, in the offset of the local time printed by the headline
    without a zone (`2023-11-09T05:30:59Z` beside `November 8, 2023 at 11:30 p.m.` ->
    `2023-11-08T23:30:59-06:00`): the same instant, on the calendar day the reader sees."""
    if chosen.value.tzinfo is None or chosen.value.utcoffset():  # a local offset the page wrote stays
        return chosen
    utc = chosen.value.replace(tzinfo=None)
    zone = fixed_offset(printed.wall_clock.replace(second=0) - utc.replace(second=0))
    return attrs.evolve(chosen, value=chosen.value.astimezone(zone)) if zone is not None else chosen


def _same_instant(
    printed: datetime, visible: ParsedDate, candidates: Sequence[DateCandidate], read: DateReader
) -> ParsedDate:
    """The most trusted candidate that is the instant `printed`, or the printed date itself."""
    for candidate in _ranked(candidates, ("published", "unknown"), _PUBLISHED_TRUST):
        parsed = read.plausible(candidate.text)
        if parsed is not None and parsed.has_time and parsed.zoned and _same_minute(parsed.instant(), printed):
            return parsed
    return ParsedDate(_with_fixed_offset(printed), visible.raw, visible.zoned or printed.tzinfo is not None)


def _as_printed(chosen: ParsedDate | None, candidates: Sequence[DateCandidate], read: DateReader) -> ParsedDate | None:
    """The chosen instant in the offset printed by the headline, where the printed date is the same
    instant (`02:24:00Z` beside `Nov 18, 2019 at 9:24 pm ET` -> `2019-11-18T21:24:00-05:00`): the
    calendar date and the time as the reader sees them."""
    if chosen is None or not chosen.zoned or not chosen.has_time:
        return chosen
    nearest = _nearest_visible(candidates, read)
    if nearest is None:
        return chosen
    candidate, visible = nearest
    if candidate.source not in _PRINTED or not visible.zoned or not _same_minute(chosen.instant(), visible.instant()):
        return chosen
    return attrs.evolve(chosen, value=chosen.value.astimezone(visible.value.tzinfo))


def _printed_date(candidates: Sequence[DateCandidate], read: DateReader) -> ParsedDate | None:
    """The date printed by the headline (a date element or `<time>` text a few elements from the
    `<h1>`, not a modified one): absolute, one day in its text, no update named in it."""
    near = sorted(
        (c for c in candidates if c.source in _PRINTED and c.kind != "modified" and c.distance is not None),
        key=lambda c: c.distance,
    )
    for candidate in near:
        if candidate.distance > _BY_HEADLINE:
            return None
        parsed = read.plausible(candidate.text)
        if parsed is None or parsed.relative or marks_update(candidate.text):
            continue
        spans = list(_date_runs(candidate.text, read.language))
        days = {_day(found) for span in spans if (found := read(span))} if len(spans) > 1 else set()
        return parsed if days <= {_day(parsed)} else None
    return None


def _day(parsed: ParsedDate) -> date:
    """The calendar day as written."""
    return parsed.value.date() if isinstance(parsed.value, datetime) else parsed.value


def _printed_day(
    chosen: ParsedDate | None, modified: ParsedDate | None, candidates: Sequence[DateCandidate], read: DateReader
) -> ParsedDate | None:
    """The metadata's published date gives way to the date printed by the headline where that
    shows another day (the metadata's is a re-publication's, a CMS default, a copy's): unless the
    printed one is the day of the metadata's modified date (the page prints its last update), is
    the metadata's with day and month read the other way round, or the metadata's instant falls on
    the printed day in some zone (the same moment, printed in local time)."""
    printed = _printed_date(candidates, read)
    if chosen is None or printed is None or _day(printed) == _day(chosen):
        return chosen
    shown, meant = _day(printed), _day(chosen)
    if modified is not None and _day(modified) == shown:
        return chosen
    if (shown.year, shown.month, shown.day) == (meant.year, meant.day, meant.month):
        return chosen
    if chosen.has_time and chosen.zoned:  # an offset the page wrote, not the site's zone
        start = datetime.combine(shown, datetime.min.time(), UTC)
        if start - _WIDEST_OFFSETS[1] <= chosen.instant() < start + timedelta(days=1) - _WIDEST_OFFSETS[0]:
            return chosen
    return printed


def choose_dates(candidates: Sequence[DateCandidate], read: DateReader, trace: Trace | None = None) -> ChosenDates:
    """Published and modified dates from the candidates, most trusted source first, checked
    against the date printed by the headline (see `_headline_date`). `read` is the page's reader
    (its language, site zone and download time), which the body's cleaning has asked already.
    `trace` records each candidate's outcome and each later correction."""
    candidates = [candidate for candidate in candidates if not _CLOCK.match(candidate.text)]  # the page's clock
    published_candidates = _ranked(candidates, ("published", "unknown"), _PUBLISHED_TRUST)
    published, published_raw = _first_plausible(published_candidates, read)
    published = _shortest_text(_with_time(published, published_candidates, read), published_candidates, read)
    modified_candidates = _ranked(candidates, ("modified",), _MODIFIED_TRUST)
    modified, modified_raw = _first_plausible(modified_candidates, read)
    modified = _with_time(modified, modified_candidates, read)
    if trace is not None:
        trace.date_candidates("datePublished", published_candidates, read, published_raw, published)
        trace.date_candidates("dateModified", modified_candidates, read, modified_raw, modified)
    published = _with_offset(_headline_date(published, modified, candidates, read), published_candidates, read)
    published = _as_printed(published, candidates, read)
    if any(c.text == published_raw and c.source in _METADATA for c in published_candidates):
        printed = _printed_day(published, modified, candidates, read)
        published = _with_offset(_with_time(printed, published_candidates, read), published_candidates, read)
    if trace is not None:
        trace.revise("datePublished", published, "checked against the date printed nearest the headline")
    if published is not None and modified is not None and modified.instant() < published.instant():
        modified = None
    if published is None and modified is not None:
        published, published_raw = modified, modified_raw
    if published is None:
        fallback, fallback_raw = _first_plausible(_ranked(candidates, ("published",), _FALLBACK), read)
        published, published_raw = fallback, fallback_raw or published_raw
    if trace is not None:
        trace.dates_final(published, modified)
    return ChosenDates(
        published,
        published.raw if published else published_raw,
        modified,
        modified.raw if modified else modified_raw,
    )


def timezone_for(url: str, zones: dict[str, str], default: str | None = None) -> str | None:
    """The IANA zone configured for the URL's site (`example.com` matches `www.example.com`)."""
    if default:
        return default
    host = (urlsplit(url).hostname or "").lower()
    for domain, zone in zones.items():
        domain = domain.lower().lstrip(".")
        if host == domain or host.endswith("." + domain):
            return zone
    return None


def country_zone(url: str) -> str | None:
    """The IANA zone of the country whose web domain the URL's site is under, where that country
    keeps one civil time (`.de` -> `Europe/Berlin`); None for `.com` and for countries of several
    zones. A local newspaper prints its times in its country's time."""
    host = (urlsplit(url).hostname or "").lower()
    return _COUNTRY_ZONES.get(host.rsplit(".", 1)[-1]) if "." in host else None


def date_candidates(draft: ArticleDraft) -> list[DateCandidate]:
    """Every date candidate of a draft: the page's, the body's date lines, hints and the URL."""
    candidates = [*draft.metadata.dates, *draft.extra_dates]
    for key, kind in (("published", "published"), ("modified", "modified")):
        if draft.hints.get(key):
            candidates.append(DateCandidate(str(draft.hints[key]), "hint", kind))
    from_url = url_date(draft.url)
    if from_url:
        candidates.append(DateCandidate(from_url, "url", "published"))
    return candidates


def resolve_dates(draft: ArticleDraft, read: DateReader) -> ArticleDraft:
    """Decide `datePublished` and `dateModified` of a draft (and the text each was read from),
    with the page's date reader."""
    chosen = choose_dates(date_candidates(draft), read, draft.trace)
    return attrs.evolve(
        draft,
        datePublished=chosen.published.iso() if chosen.published else None,
        datePublishedRaw=chosen.published_raw,
        dateModified=chosen.modified.iso() if chosen.modified else None,
        dateModifiedRaw=chosen.modified_raw,
    )
