"""Property tests (hypothesis) of the pure cores: byline parsing, date parsing, body cleaning, URL
normalisation and the whole one-page record.

Each test states one property that must hold for every input of its strategy; the strategies mix
arbitrary text with real-shaped text (bylines, dates, teaser and credit lines, URLs with tracking
parameters, nested HTML) so that both robustness and the documented contracts are exercised.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl import extract_record
from newscrawl.article.bylines import Byline, BylineReader, display_name, parse_byline
from newscrawl.article.dates import DateReader, ParsedDate, parse_date
from newscrawl.article.repeats import clean_blocks
from newscrawl.errors import PageNotUsed
from newscrawl.extract.blocks import Block
from newscrawl.extract.metadata import Figure
from newscrawl.fingerprints import TRACKING_PARAMETERS, normalise_url
from newscrawl.items import Author
from newscrawl.schema import validation_errors
from newscrawl.text import match_key

LANGUAGES = [None, "en", "de", "fr", "es", "it", "pl", "nl", "pt", "xx"]
ISO_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$")
NOW = datetime(2024, 6, 28, 12, 0, tzinfo=UTC)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

languages = st.sampled_from(LANGUAGES)

# --- shared word material ----------------------------------------------------------------------

FIRST_NAMES = ["Jane", "John", "Mary", "Radosław", "Jürgen", "Élodie", "José", "Anna", "Piotr", "Sean", "Zoë"]
LAST_NAMES = ["Doe", "Roe", "O'Neil", "McDonald", "Opas", "Müller", "van der Berg", "de la Cruz", "Smith-Jones"]
AGENCY_NAMES = ["Reuters", "AP", "AFP", "dpa", "PAP", "ANSA", "EFE", "The Associated Press", "Agence France-Presse"]
BYLINE_PREFIXES = ["By", "by", "BY", "Von", "Par", "Por", "Di", "Door", "Autor:", "Written by", "Text:"]
JOINERS = [" and ", " und ", ", ", " & ", " et ", " y ", " i ", " | ", "; ", " / ", " en ", " e "]
ROLES = ["Staff Writer", "Europe correspondent", "Senior Political Correspondent", "Redakteur", "staff"]
WORDS = [
    "minister", "said", "the", "war", "talks", "Berlin", "government", "report", "shows", "prices",
    "rose", "in", "June", "and", "of", "police", "court", "vote", "city", "people", "new", "plan",
]  # fmt: skip
TEASER_LABELS = ["Read more", "Related content", "Related", "Lesen Sie auch", "À lire aussi", "See also"]
CHROME_LABELS = ["Anzeige", "Advertisement", "Share this article", "Werbung", "Publicité", "Newsletter"]
CREDIT_LINES = ["Foto: dpa", "Images source: © Licensor", "Fot. PAP/Leszek Szymański", "(AP Photo/Evan Vucci)"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
RFC_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
RFC_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --- 1. bylines --------------------------------------------------------------------------------


@st.composite
def person_names(draw) -> str:
    name = f"{draw(st.sampled_from(FIRST_NAMES))} {draw(st.sampled_from(LAST_NAMES))}"
    return draw(st.sampled_from([name, name.upper(), name.lower(), name.title()]))


@st.composite
def byline_texts(draw) -> str:
    parts = draw(st.lists(st.one_of(person_names(), st.sampled_from(AGENCY_NAMES)), min_size=1, max_size=4))
    if draw(st.booleans()):
        parts = [f"{part}, {draw(st.sampled_from(ROLES))}" if draw(st.booleans()) else part for part in parts]
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(JOINERS)) + part
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from(BYLINE_PREFIXES))} {text}"
    suffix = draw(st.sampled_from(["", " (Reuters)", " (dpa)", " in Berlin", " @janedoe", " jane@example.com"]))
    return text + suffix


@settings(deadline=None, max_examples=300, suppress_health_check=SLOW)
@given(text=st.one_of(st.text(), byline_texts()), language=languages)
def test_parse_byline_returns_people_and_agencies(text: str, language: str | None) -> None:
    """parse_byline never raises; its authors are Authors with non-empty names, its agencies non-empty strings,
    and no name is credited twice."""
    byline = parse_byline(text, language)
    assert isinstance(byline, Byline)
    for author in byline.authors:
        assert isinstance(author, Author)
        assert isinstance(author.name, str) and author.name.strip()
        assert isinstance(author.nameRaw, str)
    for agency in byline.agencies:
        assert isinstance(agency, str) and agency
    names = [author.name.casefold() for author in byline.authors]
    assert len(names) == len(set(names)), names


# names printed in capitals, in the letters of the languages we crawl, with apostrophes and hyphens
CAPITALS = "ABCDEFGHIJKLMNOPRSTUVWZÄÖÜẞŁŚŻĆÉÈÇÑÕΣΑ'’-"
capital_names = st.lists(st.text(alphabet=CAPITALS, min_size=1, max_size=8), min_size=1, max_size=3).map(" ".join)


@settings(deadline=None, max_examples=1000, suppress_health_check=SLOW)
@given(name=st.one_of(st.text(), person_names(), person_names().map(str.upper), capital_names))
def test_display_name_is_idempotent(name: str) -> None:
    """display_name(display_name(x)) == display_name(x)."""
    once = display_name(name)
    assert display_name(once) == once


# --- 2. dates ----------------------------------------------------------------------------------

ZONE_NAMES = [None, "Europe/Warsaw", "America/New_York", "Asia/Kolkata", "Europe/Amsterdam", "UTC", "No/Such_Zone"]
# valid datetimes: whole seconds, within the years news sites print
datetimes = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)).map(
    lambda value: value.replace(microsecond=0)
)
# every offset a place uses, in whole minutes (UTC-12:00 to UTC+14:00); wider ones are not dates
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


def _offset_text(offset: timedelta, colon: bool) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{minutes:02d}"


def render_zoneless(value: datetime, fmt: str) -> tuple[str, datetime | date]:
    """`value` printed without a zone in format `fmt`, and the naive datetime (or, for a format without a time
    of day, the date) the text stands for."""
    if fmt == "long-date":
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}", value.date()
    if fmt == "dotted-date":
        return f"{value:%d.%m.%Y}", value.date()
    if fmt == "iso":
        return value.isoformat(timespec="seconds"), value
    if fmt == "iso-space":
        return value.isoformat(sep=" ", timespec="minutes"), value.replace(second=0)
    if fmt == "long":
        return f"{value.day} {MONTHS[value.month - 1]} {value.year} {value:%H:%M}", value.replace(second=0)
    if fmt == "uhr":
        return f"{value:%d.%m.%Y, %H:%M} Uhr", value.replace(second=0)
    assert fmt == "rfc822"
    return (
        f"{RFC_DAYS[value.weekday()]}, {value.day:02d} {RFC_MONTHS[value.month - 1]} {value.year} {value:%H:%M:%S}",
        value,
    )


def render_zoned(value: datetime, fmt: str) -> str:
    """The aware `value` printed with its offset in format `fmt`."""
    offset = value.utcoffset()
    naive = value.replace(tzinfo=None)
    if fmt == "iso":
        return naive.isoformat(timespec="seconds") + _offset_text(offset, colon=True)
    if fmt == "iso-basic-offset":
        return naive.isoformat(timespec="seconds") + _offset_text(offset, colon=False)
    if fmt == "iso-fraction":
        return naive.isoformat(timespec="milliseconds") + _offset_text(offset, colon=True)
    if fmt == "iso-z":
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    assert fmt == "rfc822"
    return (
        f"{RFC_DAYS[naive.weekday()]}, {naive.day:02d} {RFC_MONTHS[naive.month - 1]} {naive.year} "
        f"{naive:%H:%M:%S} {_offset_text(offset, colon=False)}"
    )


ZONELESS_TIMED_FORMATS = ["iso", "iso-space", "long", "uhr", "rfc822"]
ZONELESS_FORMATS = [*ZONELESS_TIMED_FORMATS, "long-date", "dotted-date"]
ZONED_FORMATS = ["iso", "iso-basic-offset", "iso-fraction", "iso-z", "rfc822"]
DATE_NOISE = [
    "GMT", "UTC", "GMT+", "UTC-", "+", "-", ":", "T", ",", ".", "/", " ", "Uhr", "am", "pm", "h", "CEST", "ET",
    "Published:", "Updated", "Aktualisiert am", "vor 2 Stunden", "2 hours ago", "hier", "June", "Juni", "juin",
    "czerwca", "1er", "26th", "º", "Z", "(", ")",
]  # fmt: skip
date_noise = st.lists(
    st.one_of(st.sampled_from(DATE_NOISE), st.integers(0, 3000).map(str), st.text(max_size=3)), max_size=10
).map("".join)


def _date_texts() -> st.SearchStrategy[str]:
    zoneless = st.builds(lambda v, f: render_zoneless(v, f)[0], datetimes, st.sampled_from(ZONELESS_FORMATS))
    zoned = st.builds(
        lambda v, o, f: render_zoned(v.replace(tzinfo=o), f), datetimes, offsets, st.sampled_from(ZONED_FORMATS)
    )
    return st.one_of(st.text(), date_noise, zoneless, zoned)


@settings(deadline=None, max_examples=150, suppress_health_check=SLOW)
@given(
    text=_date_texts(),
    language=languages,
    timezone_name=st.sampled_from(ZONE_NAMES),
    now=st.sampled_from([None, NOW]),
)
def test_parse_date_gives_none_or_schema_iso(
    text: str, language: str | None, timezone_name: str | None, now: datetime | None
) -> None:
    """parse_date never raises and gives None or a ParsedDate whose iso() matches the schema's date pattern."""
    parsed = parse_date(text, language, timezone_name=timezone_name, now=now)
    assert parsed is None or isinstance(parsed, ParsedDate)
    if parsed is not None:
        assert ISO_PATTERN.match(parsed.iso()), parsed.iso()


@settings(deadline=None, max_examples=150, suppress_health_check=SLOW)
@given(
    value=datetimes,
    offset=offsets,
    fmt=st.sampled_from(ZONED_FORMATS),
    language=languages,
    timezone_name=st.sampled_from(ZONE_NAMES),
)
def test_zoned_date_round_trips_to_the_same_instant(
    value: datetime, offset: timezone, fmt: str, language: str | None, timezone_name: str | None
) -> None:
    """A date printed with an offset (ISO 8601, RFC 822) parses to the same instant, whatever the site zone."""
    aware = value.replace(tzinfo=offset)
    text = render_zoned(aware, fmt)
    parsed = parse_date(text, language, timezone_name=timezone_name, now=NOW)
    assert parsed is not None, text
    back = datetime.fromisoformat(parsed.iso())
    assert back.tzinfo is not None, (text, parsed.iso())
    assert back == aware.replace(microsecond=0), (text, parsed.iso())


def _zoneless_language(fmt: str, language: str | None) -> str | None:
    # `01.02.2024` is month-first for an English reader: dotted dates are read with a day-first language
    return "de" if fmt in ("uhr", "dotted-date") and language in (None, "en", "xx") else language


@settings(deadline=None, max_examples=150, suppress_health_check=SLOW)
@given(value=datetimes, fmt=st.sampled_from(ZONELESS_FORMATS), language=languages)
def test_zoneless_date_without_site_zone_gets_no_offset(value: datetime, fmt: str, language: str | None) -> None:
    """A date printed without a zone, with no site zone, is read as that wall time (or that day) with no offset
    (never a silent UTC)."""
    text, expected = render_zoneless(value, fmt)
    language = _zoneless_language(fmt, language)
    parsed = parse_date(text, language, timezone_name=None, now=NOW)
    assert parsed is not None, text
    match = ISO_PATTERN.match(parsed.iso())
    assert match and match.group(2) is None, (text, parsed.iso())
    assert parsed.value == expected, (text, parsed.iso())


warsaw_datetimes = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)).map(
    lambda value: value.replace(microsecond=0)
)


@settings(deadline=None, max_examples=150, suppress_health_check=SLOW)
@given(value=warsaw_datetimes, fmt=st.sampled_from(ZONELESS_TIMED_FORMATS), language=languages)
def test_zoneless_date_gets_the_warsaw_offset_of_its_day(value: datetime, fmt: str, language: str | None) -> None:
    """With timezone_name="Europe/Warsaw" a zoneless date keeps its wall time and gets +01:00 or +02:00 as
    zoneinfo gives for that moment. A wall time that occurs twice (the hour daylight saving ends) is read
    as its first occurrence: the text cannot say which (hypothesis makes such times with fold=1)."""
    text, expected = render_zoneless(value, fmt)
    language = _zoneless_language(fmt, language)
    parsed = parse_date(text, language, timezone_name="Europe/Warsaw", now=NOW)
    assert parsed is not None, text
    iso = parsed.iso()
    match = ISO_PATTERN.match(iso)
    assert match and match.group(2) in ("+01:00", "+02:00"), (text, iso)
    zone_offset = expected.replace(fold=0, tzinfo=ZoneInfo("Europe/Warsaw")).utcoffset()
    assert parsed.value.utcoffset() == zone_offset, (text, iso)
    assert parsed.value.replace(tzinfo=None) == expected, (text, iso)


# --- 3. body cleaning --------------------------------------------------------------------------


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(_sentence)
SPECIAL_LINES = [
    *TEASER_LABELS, *CHROME_LABELS, *CREDIT_LINES, "Read more: Talks in Berlin", "By Jane Doe", "Von Jürgen Müller",
    "26 June 2024", "Updated 26 June 2024, 09:08", "News",
]  # fmt: skip


@st.composite
def body_cases(draw) -> dict:
    pool = draw(st.lists(sentences, min_size=1, max_size=6))  # a small pool so that texts repeat
    headline = draw(st.one_of(st.none(), sentences, st.sampled_from(pool)))
    description = draw(st.one_of(st.none(), sentences, st.sampled_from(pool)))
    texts = st.one_of(
        st.sampled_from(pool),
        sentences,
        st.lists(st.sampled_from(pool), min_size=2, max_size=3).map(" ".join),
        st.sampled_from(SPECIAL_LINES),
        st.sampled_from([t for t in (headline, description) if t] or pool),
        st.builds(
            lambda label, h: f"{label}{h}", st.sampled_from(["News", "Politik: ", "World | "]), st.just(headline or "")
        ),
        st.text(max_size=30),
    )
    kinds = st.sampled_from(["paragraph", "paragraph", "heading", "list", "quote"])

    def block(kind: str, text: str, link_ratio: float) -> Block:
        if kind == "list":
            text = "\n".join(f"- {line}" for line in text.split(". ") if line)
        return Block(kind, text, link_ratio=link_ratio)

    link_ratios = st.sampled_from([0.0, 0.0, 0.0, 0.5, 1.0])
    blocks = draw(st.lists(st.builds(block, kinds, texts, link_ratios), max_size=12))
    figures = draw(
        st.lists(
            st.builds(
                Figure,
                url=st.sampled_from(["https://example.com/a.jpg", "https://example.com/b.jpg"]),
                caption=st.one_of(st.none(), st.sampled_from(pool)),
                credit=st.one_of(st.none(), st.sampled_from(CREDIT_LINES)),
                alt=st.one_of(st.none(), sentences),
                in_article=st.booleans(),
            ),
            max_size=2,
        )
    )
    bylines = draw(st.lists(st.one_of(person_names(), st.sampled_from(pool)), max_size=2))
    return {
        "blocks": blocks,
        "headline": headline,
        "description": description,
        "figures": figures,
        "bylines": bylines,
        "language": draw(languages),  # the page's: both readers read in it
    }


def _check_clean(case: dict, **extra) -> None:
    args = {key: value for key, value in case.items() if key not in ("blocks", "language")} | extra
    args |= {"read_byline": BylineReader(case["language"]), "read_date": DateReader(case["language"])}
    first = clean_blocks(case["blocks"], **args)
    second = clean_blocks(first.blocks, **args)
    assert second.blocks == first.blocks
    long_keys = [match_key(block.text) for block in first.blocks if len(match_key(block.text).split()) >= 5]
    assert len(long_keys) == len(set(long_keys)), long_keys
    headline_key = match_key(case["headline"] or "")
    if headline_key:
        assert all(match_key(block.text) != headline_key for block in first.blocks)


@settings(deadline=None, max_examples=120, suppress_health_check=SLOW)
@given(case=body_cases())
def test_clean_blocks_is_idempotent_and_drops_repeats(case: dict) -> None:
    """clean_blocks never raises, cleaning its own output changes nothing, no long block is kept twice and the
    headline never stays in the body."""
    _check_clean(case)


@settings(deadline=None, max_examples=120, suppress_health_check=SLOW)
@given(case=body_cases(), section=st.sampled_from(["News", "Politik", "World"]), labels=st.integers(0, 2))
def test_clean_blocks_with_section_is_idempotent(case: dict, section: str, labels: int) -> None:
    """With a section label (which pages often print at the top of the body, sometimes twice), clean_blocks
    stays idempotent and keeps the other guarantees."""
    case["blocks"] = [Block("paragraph", section)] * labels + case["blocks"]
    _check_clean(case, labels=(section,))


# --- 4. URLs -----------------------------------------------------------------------------------

UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
TRACKING = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid"]


def _percent_encode_one(text: str, index: int) -> str:
    """`text` with one character percent-encoded (an equivalent spelling under RFC 3986)."""
    if not text:
        return text
    index %= len(text)
    return text[:index] + "".join(f"%{byte:02X}" for byte in text[index].encode()) + text[index + 1 :]


url_words = st.text(alphabet=UNRESERVED, min_size=1, max_size=8)
hosts = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8), min_size=1, max_size=3
)
query_keys = st.one_of(
    url_words,
    st.sampled_from(TRACKING),
    st.builds(lambda s: "utm_" + s, st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)),
    st.builds(_percent_encode_one, st.sampled_from(TRACKING), st.integers(0, 20)),
)
query_values = st.one_of(st.just(""), url_words, url_words.map(lambda s: s.replace("-", "%20")))


@st.composite
def urls(draw) -> str:
    host = ".".join(draw(hosts)) + draw(st.sampled_from([".com", ".pl", ".de", ".co.uk"]))
    port = draw(st.sampled_from(["", ":8080", ":443", ":80"]))
    path = "/".join(draw(st.lists(url_words, max_size=4)))
    params = draw(st.lists(st.tuples(query_keys, query_values), max_size=6))
    query = "&".join(f"{key}={value}" for key, value in params)
    fragment = draw(st.one_of(st.just(""), url_words.map(lambda s: "#" + s)))
    return f"{draw(st.sampled_from(['http', 'https']))}://{host}{port}/{path}{'?' + query if query else ''}{fragment}"


@settings(deadline=None, max_examples=300, suppress_health_check=SLOW)
@given(url=urls())
def test_normalise_url_is_idempotent_and_drops_tracking(url: str) -> None:
    """normalise_url never raises on valid URLs, is idempotent, and leaves no fragment nor utm_*/fbclid/gclid."""
    once = normalise_url(url)
    assert normalise_url(once) == once, (url, once)
    parts = urlsplit(once)
    assert not parts.fragment and "#" not in once
    keys = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
    assert not [key for key in keys if (key.startswith("utm_") and key != "utm_") or key in ("fbclid", "gclid")], (
        url,
        once,
    )
    assert not set(keys) & set(TRACKING_PARAMETERS), (url, once)


# --- 5. the whole record -----------------------------------------------------------------------

TAGS = ["div", "p", "span", "a", "h1", "h2", "article", "section", "ul", "li", "figure", "figcaption", "time",
        "blockquote", "header", "aside", "em", "strong", "main"]  # fmt: skip
CLASSES = ["byline", "author", "date", "published", "article-body", "caption", "credit", "kicker", "related", "tag"]
ATTRIBUTES = st.one_of(
    st.tuples(st.just("class"), st.sampled_from(CLASSES)),
    st.tuples(st.just("itemprop"), st.sampled_from(["author", "datePublished", "dateModified", "headline"])),
    st.tuples(st.just("datetime"), _date_texts()),
    st.tuples(st.just("href"), st.sampled_from(["/a", "https://example.com/b", "#", "javascript:void(0)"])),
    st.tuples(st.just("rel"), st.just("author")),
    st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=8), st.text(max_size=10)),
)
html_texts = st.one_of(sentences, st.sampled_from(SPECIAL_LINES), byline_texts(), _date_texts(), st.text(max_size=40))


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return "".join(f' {name}="{html_lib.escape(value, quote=True)}"' for name, value in pairs)


html_trees = st.recursive(
    html_texts.map(html_lib.escape),
    lambda children: (
        st.builds(
            lambda tag, pairs, inner: f"<{tag}{_attributes(pairs)}>{''.join(inner)}</{tag}>",
            st.sampled_from(TAGS),
            st.lists(ATTRIBUTES, max_size=2),
            st.lists(children, max_size=4),
        )
        | st.builds(
            lambda src, alt: f'<img src="{src}" alt="{html_lib.escape(alt, quote=True)}">',
            st.sampled_from(["/img/a.jpg", "https://cdn.example.com/b.png", "data:image/png;base64,AAAA", ""]),
            st.one_of(sentences, st.text(max_size=10)),
        )
    ),
    max_leaves=25,
)


META_NAMES = ["og:title", "description", "author", "article:published_time", "article:modified_time", "og:image",
              "keywords", "og:url"]  # fmt: skip
jsonld_authors = st.one_of(
    byline_texts(),
    st.builds(lambda name: {"@type": "Person", "name": name}, person_names()),
    st.builds(lambda name: [{"@type": "Organization", "name": name}], st.sampled_from(AGENCY_NAMES)),
)


@st.composite
def heads(draw) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(f"<title>{html_lib.escape(draw(html_texts))}</title>")
    for name in draw(st.lists(st.sampled_from(META_NAMES), max_size=4)):
        parts.append(f'<meta property="{name}" content="{html_lib.escape(draw(html_texts), quote=True)}">')
    if draw(st.booleans()):
        data = {
            "@context": "https://schema.org",
            "@type": draw(st.sampled_from(["NewsArticle", "Article", "WebPage", "Person"])),
            "headline": draw(st.one_of(sentences, st.text(max_size=20), st.integers())),
            "author": draw(jsonld_authors),
            "datePublished": draw(_date_texts()),
        }
        script = json.dumps(data).replace("</", "<\\/")
        parts.append(f'<script type="application/ld+json">{script}</script>')
    return "".join(parts)


@st.composite
def html_documents(draw) -> str:
    body = "".join(draw(st.lists(html_trees, max_size=6)))
    if draw(st.booleans()):  # most articles print their date
        body += f"<p><time>{html_lib.escape(draw(_date_texts()))}</time></p>"
    lang = draw(st.sampled_from(["", ' lang="en"', ' lang="de"', ' lang="pl"', ' lang="no"', ' lang="xx-YY"']))
    return draw(
        st.sampled_from(
            [
                f"<!DOCTYPE html><html{lang}><head>{draw(heads())}</head><body>{body}</body></html>",
                f"<html><body>{body}</body></html>",
                body,
            ]
        )
    )


def _as_fetched(document: str, encoding: str) -> bytes:
    return document.encode(encoding, errors="replace")


@settings(deadline=None, max_examples=60, suppress_health_check=SLOW)
@given(
    document=st.one_of(
        html_documents(),
        st.text(),
        st.binary(max_size=400),
        st.builds(_as_fetched, html_documents(), st.sampled_from(["utf-8", "cp1252", "iso-8859-2", "utf-16"])),
    ),
    url=st.sampled_from(["https://example.com/news/2024/06/26/talks.html", "http://example.pl/a?id=1"]),
)
def test_extract_record_gives_a_valid_record_or_rejects(document: str | bytes, url: str) -> None:
    """Whatever the input (HTML-ish text, arbitrary text, arbitrary bytes, HTML in some encoding),
    extract_record either returns a record that validates against the schema, or raises
    PageNotUsed: never any other exception. (That it does give records is
    test_extract_record_gives_the_record_of_a_valid_article.)"""
    try:
        record = extract_record(document, url, now=NOW)
    except PageNotUsed:
        return
    assert validation_errors(record) == []


ARTICLE_URLS = ["https://example.com/news/2024/06/26/talks.html", "https://example.pl/wiadomosci/rozmowy-123456.html"]
HEADLINE_WORDS = ["Harbour", "council", "approves", "budget", "bridge", "after", "long", "debate", "storm", "closes",
                  "schools", "across", "region", "Senate", "passes", "rail", "safety", "bill"]  # fmt: skip
"""Headline words, none of them in WORDS: no paragraph is the headline or ends with it."""
paragraph_texts = st.lists(st.sampled_from(WORDS), min_size=12, max_size=30).map(_sentence)
headline_texts = st.lists(st.sampled_from(HEADLINE_WORDS), min_size=3, max_size=12).map(" ".join)
CHROME = [
    '<nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>',
    '<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>',
    '<aside class="related"><h2>Related</h2><ul><li><a href="/a">Other story</a></li></ul></aside>',
]


@st.composite
def article_pages(draw) -> dict:
    """A real-shaped article page: a headline in words of its own (in an <h1>, and maybe in
    <title>, og:title and JSON-LD), four to eight distinct paragraphs of 12 to 30 words (more than
    the 40 words a page named by a URL needs: newscrawl.extract.classify), maybe a language,
    chrome around, as text or as UTF-8 bytes. Returns the page and the headline and paragraphs
    its record must give."""
    headline = draw(headline_texts)
    paragraphs = draw(st.lists(paragraph_texts, min_size=4, max_size=8, unique_by=match_key))
    head = ['<meta charset="utf-8">']
    if draw(st.booleans()):
        head.append(f"<title>{html_lib.escape(headline)} | Example News</title>")
    if draw(st.booleans()):
        head.append(f'<meta property="og:title" content="{html_lib.escape(headline, quote=True)}">')
    if draw(st.booleans()):
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline}
        head.append(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    container = draw(st.sampled_from(["article", "main", 'div class="article-body"', 'div itemprop="articleBody"']))
    body = "".join(f"<p>{html_lib.escape(text)}</p>" for text in paragraphs)
    chrome = draw(st.lists(st.sampled_from(CHROME), max_size=3))
    lang = draw(st.sampled_from(["", ' lang="en"', ' lang="en-GB"']))
    document = (
        f"<!DOCTYPE html><html{lang}><head>{''.join(head)}</head><body>{''.join(chrome[:1])}"
        f"<{container}><h1>{html_lib.escape(headline)}</h1>{body}</{container.split()[0]}>{''.join(chrome[1:])}"
        "</body></html>"
    )
    if draw(st.booleans()):
        document = document.encode("utf-8")
    return {"document": document, "headline": headline, "paragraphs": paragraphs}


@settings(deadline=None, max_examples=80, suppress_health_check=SLOW)
@given(page=article_pages(), url=st.sampled_from(ARTICLE_URLS))
def test_extract_record_gives_the_record_of_a_valid_article(page: dict, url: str) -> None:
    """A page with a headline and at least 48 words in four or more paragraphs always gives a
    record (never PageNotUsed): it validates, its headline is the page's, and each paragraph of
    the page is a block of its articleBody, in page order, with the headline not among them."""
    try:
        record = extract_record(page["document"], url, now=NOW)
    except PageNotUsed as outcome:
        raise AssertionError(f"a valid article page gave no record: {outcome}") from outcome
    assert validation_errors(record) == []
    assert record["url"] == url
    assert record["headline"] == page["headline"]
    blocks = record["articleBody"].split("\n\n")
    assert blocks == page["paragraphs"], (blocks, page["paragraphs"])
