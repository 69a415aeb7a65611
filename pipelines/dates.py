"""Dates: date candidates into `datePublished` / `dateModified`, ISO 8601.

ISO 8601 and RFC 822 strings take a fast path; dateparser reads the rest, with one parser
built per language. An offset the text gives is kept; a zone abbreviation is read with the
daylight-saving rules of its zone (`ET` in June is -04:00); a date without a zone gets the
zone configured for its site, or no offset at all: never a silent UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from dateparser.date import DateDataParser

from newscrawl.draft import ArticleDraft
from newscrawl.extract.blocks import collapse_whitespace
from newscrawl.extract.metadata import DateCandidate
from newscrawl.lexicon import all_languages, load

_LEXICON = load("dates")
DATE_LABELS = all_languages(_LEXICON["labels"])
ZONE_ABBREVIATIONS: dict[str, str] = _LEXICON["zones"]
_RELATIVE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(word) for word in all_languages(_LEXICON["relative"])) + r")(?!\w)", re.I
)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_RFC822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}")
_ZONE = re.compile(r"(?<![\w+-])\(?(" + "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True)) + r")\)?(?!\w)")
_OFFSET = re.compile(r"(?<!\d)(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?!\d)")
_HAS_TIME = re.compile(r"\d{1,2}\s*[:h.]\s*\d{2}(?!\d{2})|\d\s*(am|pm|a\.m\.|p\.m\.)", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|\.|$)")
_DATE_SHAPE = re.compile(r"\b(19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_EARLIEST_YEAR = 1990
_MAX_DATE_LINE_WORDS = 12
_MODIFIED_TRUST = ("json-ld", "meta", "itemprop", "time-datetime", "time-text", "date-element", "body-line", "hint")
_PUBLISHED_TRUST = (*_MODIFIED_TRUST, "url")


@attrs.frozen
class ParsedDate:
    """A date read from text: a datetime (aware when the offset is known) or a bare date."""

    value: datetime | date
    raw: str

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, datetime)

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
def _absolute_parser(language: str | None) -> DateDataParser:
    """One dateparser per language, built once (building one costs far more than a parse)."""
    languages = [language, "en"] if language and language != "en" else ["en"]
    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if language and language != "en":  # numeric dates are day-first outside English
        settings["DATE_ORDER"] = "DMY"
    try:
        return DateDataParser(languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know
        return DateDataParser(languages=["en"], settings=settings)


def _relative_parser(language: str | None, now: datetime) -> DateDataParser:
    languages = [language, "en"] if language and language != "en" else ["en"]
    settings = {"PARSERS": ["relative-time"], "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": now.replace(tzinfo=None)}
    try:
        return DateDataParser(languages=languages, settings=settings)
    except ValueError:
        return DateDataParser(languages=["en"], settings=settings)


def _parse_iso(text: str) -> datetime | date | None:
    match = _ISO.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if offset:
        value = value.replace(tzinfo=_parse_offset(offset))
    return value


def _parse_offset(offset: str) -> timezone:
    if offset == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _parse_rfc822(text: str) -> datetime | None:
    if not _RFC822.match(text):
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
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
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1)
        return (text[: match.start()] + text[match.end() :]).strip(), timezone(offset)
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
    return localised.astimezone(timezone(localised.utcoffset()))


def _with_fixed_offset(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(timezone(value.utcoffset()))


def _dateparser(text: str, language: str | None, now: datetime | None) -> tuple[datetime | None, bool, bool]:
    """dateparser's reading of `text`, whether it was relative to `now`, and whether it named a
    time of day."""
    data = _absolute_parser(language).get_date_data(text)
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
        value: datetime | date = _localise(iso, site_zone) if isinstance(iso, datetime) else iso
        return ParsedDate(_with_fixed_offset(value) if isinstance(value, datetime) else value, raw)
    rfc = _parse_rfc822(raw)
    if rfc is not None:
        return ParsedDate(_with_fixed_offset(_localise(rfc, site_zone)), raw)

    body, zone = _split_zone(_normalise(strip_date_label(raw)))
    zone = zone or site_zone
    base = now.astimezone(zone) if now is not None and zone is not None else now
    for candidate in _variants(body):
        parsed, relative, timed = _dateparser(candidate, language, base)
        if parsed is not None:
            break
    else:
        return None
    if relative and base is not None and base.tzinfo is not None:
        parsed = parsed.replace(tzinfo=base.tzinfo)
    has_time = timed or bool(_HAS_TIME.search(candidate)) or (relative and bool(re.search(r"\d", candidate)))
    if not has_time:
        return ParsedDate(parsed.date(), raw)
    return ParsedDate(_with_fixed_offset(_localise(parsed.replace(microsecond=0), zone)), raw)


def _variants(text: str) -> Iterable[str]:
    """The text; the text from its first digit (a dateline or label before the date); its
    first comma-separated parts (a second date after the first)."""
    yield text
    match = re.search(r"\d", text)
    if match and match.start() > 0:
        yield text[match.start() :]
    parts = [part for part in re.split(r"\s*[,|·]\s*", text) if part]
    for end in range(1, min(len(parts), 3)):
        yield strip_date_label(", ".join(parts[:end]))


def is_plausible(parsed: ParsedDate, now: datetime) -> bool:
    """Not before 1990 and not more than a day in the future."""
    return parsed.value.year >= _EARLIEST_YEAR and parsed.instant() <= now + timedelta(days=1)


def looks_like_date_line(text: str, language: str | None = None) -> bool:
    """A short body line that is only a date (a dateline or `Updated …` line)."""
    if len(text.split()) > _MAX_DATE_LINE_WORDS or not _DATE_SHAPE.search(text):
        return False
    return parse_date(text, language) is not None and len(re.findall(r"[a-z]{4,}", text)) <= 4


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


def _ranked(candidates: Sequence[DateCandidate], kinds: tuple[str, ...], trust: tuple[str, ...]):
    return sorted(
        (c for c in candidates if c.kind in kinds and c.source in trust),
        key=lambda c: (trust.index(c.source), kinds.index(c.kind)),
    )


def _first_plausible(candidates, language, timezone_name, now) -> tuple[ParsedDate | None, str | None]:
    first_raw = None
    for candidate in candidates:
        parsed = parse_date(candidate.text, language, timezone_name=timezone_name, now=now)
        if parsed is None:
            continue
        first_raw = first_raw or candidate.text
        if is_plausible(parsed, now):
            return parsed, candidate.text
    return None, first_raw


def _with_time(chosen: ParsedDate | None, candidates, language, timezone_name, now) -> ParsedDate | None:
    """A date-only choice gains the time of another candidate that gives the same day."""
    if chosen is None or chosen.has_time:
        return chosen
    for candidate in candidates:
        parsed = parse_date(candidate.text, language, timezone_name=timezone_name, now=now)
        if parsed is not None and parsed.has_time and parsed.value.date() == chosen.value:
            return parsed
    return chosen


def choose_dates(
    candidates: Sequence[DateCandidate],
    *,
    language: str | None,
    timezone_name: str | None,
    now: datetime,
) -> ChosenDates:
    """Published and modified dates from the candidates, most trusted source first."""
    published_candidates = _ranked(candidates, ("published", "unknown"), _PUBLISHED_TRUST)
    published, published_raw = _first_plausible(published_candidates, language, timezone_name, now)
    published = _with_time(published, published_candidates, language, timezone_name, now)
    modified_candidates = _ranked(candidates, ("modified",), _MODIFIED_TRUST)
    modified, modified_raw = _first_plausible(modified_candidates, language, timezone_name, now)
    if published is not None and modified is not None and modified.instant() < published.instant():
        modified = None
    if published is None and modified is not None:
        published, published_raw = modified, modified_raw
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


def resolve_dates(draft: ArticleDraft, *, timezone_name: str | None = None) -> ArticleDraft:
    """Decide `datePublished` and `dateModified` of a draft (and the text each was read from)."""
    now = datetime.fromisoformat(draft.dateDownloaded) if draft.dateDownloaded else datetime.now(UTC)
    chosen = choose_dates(date_candidates(draft), language=draft.language, timezone_name=timezone_name, now=now)
    return attrs.evolve(
        draft,
        datePublished=chosen.published.iso() if chosen.published else None,
        datePublishedRaw=chosen.published_raw,
        dateModified=chosen.modified.iso() if chosen.modified else None,
        dateModifiedRaw=chosen.modified_raw,
    )


class DatesPipeline:
    """Scrapy pipeline: applies `resolve_dates` with the zone configured for each article's site
    (setting `NEWSCRAWL_TIMEZONES`, or the spider argument `-a timezone=Europe/Warsaw`)."""

    def __init__(self, zones: dict[str, str], crawler=None) -> None:
        self.zones = zones
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> DatesPipeline:
        return cls(crawler.settings.getdict("NEWSCRAWL_TIMEZONES"), crawler)

    def process_item(self, item: ArticleDraft) -> ArticleDraft:
        spider_zone = getattr(self.crawler.spider, "timezone", None) if self.crawler else None
        return resolve_dates(item, timezone_name=timezone_for(item.url, self.zones, spider_zone))
