"""Bylines: author strings into people, agencies apart.

`parse_byline("By JANE DOE and John Roe, Reuters", "en")` gives the people `Jane Doe` and
`John Roe` and the agency `Reuters`. `choose_authors` picks among the candidates of a page in
order of trust: JSON-LD, meta tags, rel=author, the byline printed nearest the headline, byline
lines of the body, feed hints. Agencies, desks (`HNN Staff`), publications, handles (`NBCNews`)
and the site's own names (`CNN Business` on cnn.com) are never people. Names are read in every
script: capitalised words where the script has capitals, words of a name's length where it has
none (`محمد بن سلمان`), a name's count of characters in Chinese, Japanese and Korean (`山田太郎`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from newscrawl.article.dates import DATE_LABELS, date_start
from newscrawl.article.draft import ArticleDraft
from newscrawl.discovery.links import site_domain
from newscrawl.extract.blocks import collapse_whitespace
from newscrawl.extract.metadata import BylineCandidate
from newscrawl.items import Author
from newscrawl.lexicon import all_languages, load
from newscrawl.text import HAN, HANGUL, KANA, match_key

if TYPE_CHECKING:
    from newscrawl.article.explain import Trace

_LEXICON = load("bylines")
BYLINE_PREFIXES: dict[str, list[str]] = {
    language: sorted(prefixes, key=len, reverse=True) for language, prefixes in _LEXICON["prefixes"].items()
}
_JOINERS: dict[str, list[str]] = {
    language: joiners + _LEXICON["with"].get(language, [])
    for language, joiners in _LEXICON["joiners"].items()
    if not language.startswith("_")
}
_ROLES = frozenset(match_key(role) for role in _LEXICON["roles"])
_ROLE_HEADS = frozenset(role.split()[-1] for role in _ROLES)
_ROLE_WORDS = frozenset(word for role in _ROLES for word in role.split()) | frozenset(_LEXICON["role_modifiers"])
_PUBLICATION_ARTICLES = frozenset(_LEXICON["articles"]["all"])
_AGENCY_PREFIX_KEYS = tuple(match_key(prefix) + " " for prefix in _LEXICON["agency_prefixes"])
_ORGANISATIONS = frozenset(match_key(name) for name in _LEXICON["organisations"])
_ACCOUNTS = frozenset(match_key(name) for name in _LEXICON["accounts"]["all"])
_ORGANISATION_WORDS = frozenset(word.casefold() for word in all_languages(_LEXICON["organisation_words"]))
_AGENCIES = {match_key(name): name for name in _LEXICON["agencies"]}
_AGENCY_ALIASES = {match_key(alias): name for alias, name in _LEXICON["agency_aliases"].items() if alias != "_about"}

_EMAIL = re.compile(r"(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NAME_AFTER_EMAIL = re.compile(rf"[<\[]?\s*{_EMAIL.pattern}\s*[>\]]?\s*\(([^()]+)\)")
"""`jane@x.org (Jane Doe)`: the name an e-mail address gives in parentheses, as mail headers do."""
_EMPTY_BRACKETS = re.compile(r"<\s*>|\[\s*\]|\(\s*\)")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_SOCIAL_TAIL = re.compile(r"\b(twitter|x|instagram|facebook|mastodon|threads|bluesky|linkedin|e-?mail)\s*:.*$", re.I)
_PARENTHESES = re.compile(r"[(（]([^)）]*)[)）]")
_PLACE_TAIL = re.compile(r"\s+(in|aus|em|à|a|en|w|z|from|reporting from)\s+[A-ZÀ-Ý][\w.\-' ]*$")
_NAME_PUNCTUATION = frozenset("_'’.-·・‧＝")
_EAST_ASIAN = f"{HANGUL}{KANA}{HAN}"
_EAST_ASIAN_LETTER = re.compile(f"[{_EAST_ASIAN}]")
"""Chinese characters, kana and Hangul: one a syllable, a name written in them without spaces."""
_EAST_ASIAN_NAME_PARTS = re.compile(r"[\s·・‧＝]+")
_HAN_RUN = re.compile(f"^[{HAN}]+$")
_KANA_RUN = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
_KATAKANA_RUN = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_HANGUL_RUN = re.compile(r"^[\uac00-\ud7a3]+$")
_EAST_ASIAN_NAME_LENGTH = (2, 6)
"""How many characters a name written together in Chinese characters, katakana or Hangul has (`王伟`,
`欧阳娜娜`, `長谷川博己`, `홍길동`): a longer run is a phrase or a sentence."""
_MAX_HAN_NAME_PART = 4
_MAX_KANA_NAME_PART = 10
_UNSPACED_WORD = re.compile(f"[{_EAST_ASIAN}\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
"""A word of a script that writes words together (Chinese, Japanese, Thai…) or into compounds (Korean)."""
_UNSPACED_ROLES = tuple(role for role in _ROLES if _UNSPACED_WORD.search(role))
_NO_NAME_INFIXES = tuple(word for word in _ORGANISATION_WORDS if _UNSPACED_WORD.search(word)) + _UNSPACED_ROLES
_ORGANISATION_ENDINGS = tuple(all_languages(_LEXICON["organisation_endings"]))
_MAX_CASELESS_WORD = 20
"""The longest word of a name in a script without capitals (Arabic, Devanagari, Hebrew, Thai…)."""
_SEPARATORS = rf"[,;|/•\n、，；｜／]|(?<![{_EAST_ASIAN}])·|·(?![{_EAST_ASIAN}])"
"""What separates the names of a byline; a middle dot between Chinese characters joins the parts
of one name (`唐纳德·特朗普`)."""
_SENTENCE_END = re.compile(r"(?<=\w[a-z]{2})\.\s+(?=[A-Z])")
_LABEL_COLON = re.compile(r"^\w+:\s+")
_HANDLE_WORD = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|_|\d")
_DATE_LABEL_TAIL = re.compile(
    r"(?:[\s|•·,:–—-]+|\s(?:" + "|".join(re.escape(label) for label in DATE_LABELS) + r"))+$", re.I
)
_DATE_LABEL_KEYS = frozenset(match_key(label) for label in DATE_LABELS)
_DATE_CONNECTOR_TAIL = re.compile(r"(?:\s+[a-zà-ÿ]{1,4})+\s*$")
_MIN_SITE_KEY = 3
_MIN_DOMAIN_WORD = 4
_LOWER_PARTICLES = frozenset(_LEXICON["particles"]["all"])
_MAX_NAME_WORDS = 5
_MAX_BYLINE_LINE_WORDS = 12


@attrs.frozen
class Byline:
    """What one byline string credits: people, and agencies or organisations."""

    authors: tuple[Author, ...] = ()
    agencies: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    """Desks, publications and the site itself, credited by name (`HNN Staff`): never people."""
    unread: tuple[str, ...] = ()
    """Parts with capitalised words that were read as neither people nor organisations: a byline
    element that holds more than a byline (`Carlos Nadalim Comente! Alfabetização, Música`)."""


@attrs.frozen
class Site:
    """The names the site goes by (og:site_name, its publisher, its Twitter handle, its domain):
    never a person's, wherever a byline credits them (`Jill Disis, CNN Business`)."""

    keys: frozenset[str] = frozenset()
    domain: str = ""

    @classmethod
    def of(cls, names: Iterable[str] = (), url: str | None = None) -> Site:
        keys = set()
        for name in names:
            if name.startswith("http"):
                continue
            for piece in [name, *re.split(r"\s+[|–—-]\s+|:\s+", name)[:1]]:
                words = match_key(piece.lstrip("@")).split()
                if words and words[0] in _PUBLICATION_ARTICLES:
                    words = words[1:]
                if len("".join(words)) >= _MIN_SITE_KEY:
                    keys.add(" ".join(words))
        host = (urlsplit(url).hostname or "") if url else ""
        labels = site_domain(host.lower()).split(".")
        return cls(frozenset(keys), labels[0] if len(labels) > 1 else "")

    def names(self, text: str) -> bool:
        """`text` is the site's name, begins with it (`CNN Business`) or begins it (`Beachbody`
        of `The Beachbody Blog`); the domain's name in words; a one-word name that begins the
        domain (`Vortex` on vortexcannon.org)."""
        key = match_key(text)
        if not key:
            return False
        compact = key.replace(" ", "")
        for site in self.keys:
            if compact == site.replace(" ", "") or key.startswith(site + " ") or site.startswith(key + " "):
                return True
        if compact == self.domain:  # `Deccan Evening Post` on deccaneveningpost.in
            return True
        return " " not in key and len(key) >= _MIN_DOMAIN_WORD and self.domain.startswith(compact)

    def without_tail(self, part: str) -> str:
        """`Kevin McCoy USA TODAY` -> `Kevin McCoy`: the site named at the end of a credit."""
        tokens = part.split()
        for cut in range(1, min(4, len(tokens))):
            if match_key(" ".join(tokens[-cut:])) in self.keys:
                return " ".join(tokens[:-cut])
        return part


_LONGEST_PREFIX = max(len(prefix) for prefixes in BYLINE_PREFIXES.values() for prefix in prefixes) + 4


@functools.cache
def _prefixes(language: str | None) -> tuple[tuple[str, str], ...]:
    """The byline prefixes of the language and English, each with its case-folded form."""
    languages = ["en"] if language in (None, "en") else [language, "en"]
    return tuple((prefix, prefix.casefold()) for lang in languages for prefix in BYLINE_PREFIXES.get(lang, []))


@functools.cache
def _credit_roles(language: str | None) -> re.Pattern[str]:
    """The phrases of the language and English that open another part of a credit line."""
    roles = _LEXICON["credit_roles"]
    phrases = sorted({p for lang in {"en", language or "en"} for p in roles.get(lang, [])}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(phrase) for phrase in phrases) + r")(?!\w)", re.I)


def _joiners(language: str | None) -> list[str]:
    languages = {"en", language or "en"}
    return sorted({word for lang in languages for word in _JOINERS.get(lang, [])}, key=len, reverse=True)


def strip_prefix(text: str, language: str | None, *, glued: bool = False) -> str:
    """`text` without its byline prefix (`By`, `Von`, `Autor:`, `记者`…), repeatedly (`Updated by`).

    `glued`: the text is known to be a credit, and a prefix of Chinese characters written against
    the name is a prefix too (`记者张三`); in a line of the body, `记者手记` is a label, not a credit."""
    changed = True
    while changed:
        changed = False
        head = text[:_LONGEST_PREFIX].casefold()
        for prefix, folded in _prefixes(language):
            if not head.startswith(folded) or text[: len(prefix)].casefold() != folded:
                continue
            rest = text[len(prefix) :]
            if rest[:1].isalnum() and prefix[-1].isalnum() and not (glued and _glued_to_name(prefix, rest)):
                continue
            text, changed = rest.lstrip(" :.-–—\u00a0：・").strip(), True
            break
    return text


def _glued_to_name(prefix: str, rest: str) -> bool:
    """`记者张三`, `記者陳美玲`: Chinese and Japanese write a prefix of two or more characters against
    the name it introduces; only a name may follow it so."""
    return len(prefix) > 1 and bool(_EAST_ASIAN_LETTER.match(prefix[-1])) and _is_name(rest)


def agency_name(text: str) -> str | None:
    """The canonical name of a news agency (`The Associated Press` -> `Associated Press`,
    `Agência Lusa` -> `Lusa`), or None."""
    key = match_key(text)
    if key in _AGENCY_ALIASES:
        return _AGENCY_ALIASES[key]
    if key in _AGENCIES:
        return _AGENCIES[key]
    for prefix in _AGENCY_PREFIX_KEYS:
        if key.startswith(prefix):
            return _AGENCIES.get(key[len(prefix) :])
    return None


def _trailing_agency(part: str) -> tuple[str, str | None]:
    """`Redazione ANSA` -> (`Redazione`, `ANSA`): an agency named at the end of a credit."""
    tokens = part.split()
    for cut in range(1, min(3, len(tokens))):
        agency = agency_name(" ".join(tokens[-cut:]))
        if agency:
            return " ".join(tokens[:-cut]), agency
    return part, None


def display_name(name: str) -> str:
    """A name in display case: ALL CAPS becomes title case (`MARY O'NEIL` -> `Mary O'Neil`,
    `JOHN MCDONALD` -> `John McDonald`); a name already in mixed case is kept as written."""
    letters = [char for char in name if char.isalpha()]
    if not letters or not all(char.isupper() for char in letters) or len(letters) < 2:
        return name
    return " ".join(_title_word(word) for word in name.split())


def _title_word(word: str) -> str:
    lowered = word.lower()
    if lowered in _LOWER_PARTICLES:
        return lowered
    parts = re.split(r"([\-'’])", lowered)
    titled = "".join(part[:1].title() + part[1:] if part not in "-'’" else part for part in parts)
    if re.match(r"^Mc\w", titled):
        titled = "Mc" + titled[2:3].upper() + titled[3:]
    return titled


def _is_caseless(word: str) -> bool:
    """The word is written in a script without capitals (Chinese, Arabic, Devanagari, Thai…)."""
    letter = next((char for char in word if char.isalpha()), "")
    return bool(letter) and not letter.isupper() and not letter.islower()


def _is_name_word(word: str) -> bool:
    return all(char.isalpha() or char in _NAME_PUNCTUATION or unicodedata.category(char)[0] == "M" for char in word)


def _is_east_asian_name(text: str) -> bool:
    """A name in Chinese characters, kana or Hangul: 2 to 6 Chinese characters, katakana or Hangul
    written together (`王伟`, `長谷川博己`, `홍길동`); or parts set apart by a space or a middle dot, each
    of Chinese characters or kana (`山田 はるか`, `ドナルド・トランプ`). Hiragana written together with
    other characters, or Hangul words set apart, are a phrase (`首相は`, `관련 기사`)."""
    parts = [part for part in _EAST_ASIAN_NAME_PARTS.split(text) if part]
    if len(parts) == 1:
        shortest, longest = _EAST_ASIAN_NAME_LENGTH
        run = parts[0]
        return shortest <= len(run) <= longest and any(
            pattern.match(run) for pattern in (_HAN_RUN, _KATAKANA_RUN, _HANGUL_RUN)
        )
    return len(parts) <= _MAX_NAME_WORDS and all(
        (_HAN_RUN.match(part) and len(part) <= _MAX_HAN_NAME_PART)
        or (_KANA_RUN.match(part) and len(part) <= _MAX_KANA_NAME_PART)
        for part in parts
    )


def _is_name(text: str) -> bool:
    """One to five words without digits: in a script with capitals each word capitalised or a
    particle (`Jane van der Berg`); in one without, words of a name's length (`محمد بن سلمان`,
    `विनीत शर्मा`), and in Chinese, Japanese or Korean a name's count of characters."""
    tokens = text.split()
    if not 1 <= len(tokens) <= _MAX_NAME_WORDS or any(char.isdigit() for char in text):
        return False
    if not all(_is_name_word(token) for token in tokens):
        return False
    if _EAST_ASIAN_LETTER.search(text):
        return _is_east_asian_name(text)
    caseless = [token for token in tokens if _is_caseless(token)]
    if any(len(token) > _MAX_CASELESS_WORD for token in caseless):
        return False
    cased = [token for token in tokens if token not in caseless]
    if not caseless and not any(token[:1].isupper() for token in cased):
        return False
    return all(token[:1].isupper() or token.lower() in _LOWER_PARTICLES for token in cased)


def _is_full_name(name: str) -> bool:
    """More than a lone word (`Heiko`, `Kyiv`): a name of several words, or one in Chinese,
    Japanese or Korean, whose full names are written without spaces."""
    return " " in name or bool(_EAST_ASIAN_LETTER.search(name))


def _split(text: str, language: str | None) -> list[str]:
    """Split a byline at separators and joiners (`,`, `|`, `、`, `and`, `und`, `avec`, `и`…)."""
    joiners = "|".join(re.escape(word) for word in _joiners(language) if word.strip())
    parts = re.split(rf"\s*(?:{_SEPARATORS}|\s[-–—]\s)\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners})\s+", text)
    parts = [part.strip(" .:：") for part in parts if part and part.strip(" .:：")]
    return [piece for part in parts for piece in _split_east_asian(part, language)]


def _split_east_asian(part: str, language: str | None) -> list[str]:
    """`张三和李四` -> `张三`, `李四`: names in Chinese, Japanese or Korean joined without spaces (or
    by a space alone, where the language writes lists so), cut at a joiner where every piece is a
    name (with its role: `홍길동·김철수 기자`); `王和平` is one name."""
    if not _EAST_ASIAN_LETTER.search(part):
        return [part]
    pieces = [strip_prefix(part, language, glued=True)]
    for joiner in _joiners(language):
        split = [[p.strip() for p in piece.split(joiner)] if joiner.strip() else piece.split() for piece in pieces]
        pieces = [
            p
            for piece, cut in zip(pieces, split, strict=True)
            for p in (cut if all(_is_name(_strip_role(p)) for p in cut) else [piece])
        ]
    return pieces


def _strip_role(part: str) -> str:
    """`Jane Doe, Staff Writer` -> `Jane Doe`, `Jon Hensley Europe correspondent` -> `Jon Hensley`,
    `홍길동 기자` and `홍길동기자` -> `홍길동`; a role alone (`Senior Political Correspondent`) becomes ''."""
    if match_key(part) in _ROLES or _is_job_line(part):
        return ""
    glued = next((role for role in _UNSPACED_ROLES if part.endswith(role) and _is_name(part[: -len(role)])), None)
    if glued:
        return part[: -len(glued)].rstrip()
    tokens = part.split()
    if not tokens or not _is_role_head(tokens[-1]):
        return part
    while tokens and all(word in _ROLE_WORDS for word in match_key(tokens[-1]).split()):
        tokens.pop()
    return " ".join(tokens)


def _is_job_line(part: str) -> bool:
    """`Director of Education Equity`, `Leiterin der Pressestelle`: a role of something, no name."""
    tokens = part.split()
    return len(tokens) >= 3 and match_key(tokens[0]) in _ROLES and tokens[1].islower() and len(tokens[1]) <= 3


def _is_role_head(token: str) -> bool:
    words = match_key(token).split()
    return bool(words) and words[-1] in _ROLE_HEADS


def _agency_role(part: str) -> str | None:
    """`AP Auto Writer`, `Reuters correspondent`, `新华社记者` -> the agency: its writer, unnamed."""
    glued = next((role for role in _UNSPACED_ROLES if part.endswith(role) and len(part) > len(role)), None)
    if glued:
        return agency_name(part[: -len(glued)])
    tokens = part.split()
    if len(tokens) < 2 or not _is_role_head(tokens[-1]):
        return None
    return next((agency for cut in (1, 2, 3) if (agency := agency_name(" ".join(tokens[:cut])))), None)


def _is_handle(part: str) -> bool:
    """One word written like a handle or an acronym, not a name: `KWCHCIK`, `NBCNews`, `notso_tan`."""
    letters = [char for char in part if char.isalpha()]
    if " " in part or len(letters) < 2:
        return False
    return all(char.isupper() for char in letters) or bool(_HANDLE_WORD.search(part))


def _is_organisation(part: str, site: Site) -> bool:
    """A credit that names no person: an agency, a desk (`Newsroom`, `HNN Staff`), a publication
    (`The Washington Post`), the site itself, or a handle. In scripts that write words together an
    organisation word or a role counts inside a word (`연합뉴스`, `人民日报`, `記者会見`), and some
    endings mark an organisation (`新华网`)."""
    if agency_name(part) or match_key(part) in _ORGANISATIONS or _is_publication(part) or site.names(part):
        return True
    words = {word.casefold() for word in re.split(r"[\s\-]+", part)}
    words |= {word.removesuffix("s") for word in words}  # `Foundations`
    if _is_handle(part) or words & _ORGANISATION_WORDS:
        return True
    return any(word in part for word in _NO_NAME_INFIXES) or part.endswith(_ORGANISATION_ENDINGS)


def _is_publication(part: str) -> bool:
    """`The Washington Post`, `Le Monde`: a publication's name, not a person's."""
    tokens = part.split()
    return len(tokens) > 1 and tokens[0].casefold() in _PUBLICATION_ARTICLES


def _without_date(text: str, language: str | None) -> str:
    """The byline without the date printed after it, that date's label and the short lower-case
    words that lead to it (`By Jane Doe Published 26 June 2024`, `By Jane Doe on June 26, 2024`
    -> `By Jane Doe`)."""
    start = date_start(text, language)
    if not start:
        return text
    return _DATE_LABEL_TAIL.sub("", _DATE_CONNECTOR_TAIL.sub("", text[:start])).strip()


@functools.cache
def _editor_parts(language: str | None) -> re.Pattern[str]:
    """The parts of a credit line that name its editors (`; Editing by B`, `责任编辑：B`): a label
    of the language or English, and what follows up to the next part."""
    labels = _LEXICON["editor_labels"]
    phrases = sorted({p for lang in {"en", language or "en"} for p in labels.get(lang, [])}, key=len, reverse=True)
    alternation = "|".join(
        re.escape(phrase.rstrip(":： ")) + (r"\s*[:：]" if phrase.endswith((":", "：")) else r"(?:\s*[:：]\s*|\s+)")
        for phrase in phrases
    )
    return re.compile(r"(?<!\w)(?:" + alternation + r")[^;|]*", re.I)


def _cleaned(text: str, language: str | None) -> tuple[str, list[str]]:
    """The byline without its editors, contact details, its date, an unknown label and
    parentheses; and the agencies named in parentheses (`Dave Collins (AP)`)."""
    cleaned = _editor_parts(language).sub("", text)
    cleaned = _EMPTY_BRACKETS.sub("", _EMAIL.sub("", _NAME_AFTER_EMAIL.sub(r"\1", cleaned)))
    cleaned = _SOCIAL_TAIL.sub("", _URL.sub("", _HANDLE.sub("", cleaned)))
    cleaned = _without_date(cleaned, language)
    if strip_prefix(cleaned, language) == cleaned:  # an unknown label (`Текст: …`)
        cleaned = _LABEL_COLON.sub("", cleaned)
    agencies = [agency for agency in map(agency_name, _PARENTHESES.findall(cleaned)) if agency]
    cleaned = _PARENTHESES.sub(" ", cleaned)
    cleaned = _credit_roles(language).sub(";", cleaned)
    return _SENTENCE_END.sub("; ", cleaned), agencies


def _credits(segment: str, language: str | None, site: Site) -> list[tuple[str, str]]:
    """What one part of a byline credits, as (`person` | `agency` | `organisation` | `unread`, text)."""
    part = _PLACE_TAIL.sub("", strip_prefix(segment, language, glued=True)).strip(" .:-")
    agency = agency_name(part) or _agency_role(part)
    if agency:
        return [("agency", agency)]
    part, agency = _trailing_agency(_strip_role(part))
    credits = [("agency", agency)] if agency else []
    whole, part = part, site.without_tail(part)
    if not whole:
        return credits
    if not part or part.casefold() in _PUBLICATION_ARTICLES:  # the site's name (`The Economist`)
        return [*credits, ("organisation", whole)]
    if _is_organisation(part, site):  # the organisation by its whole name: `Redaktion Südwestbote`
        return [*credits, ("organisation", whole)]
    name = display_name(part)
    if _is_name(name) and len(match_key(name)) > 1 and match_key(name) not in _DATE_LABEL_KEYS | _ACCOUNTS:
        return [*credits, ("person", name)]
    if any(word[:1].isupper() or _is_caseless(word) for word in part.split()):
        return [*credits, ("unread", part)]
    return credits


def parse_byline(text: str, language: str | None = None, site: Site | None = None) -> Byline:
    """The people and agencies one byline string credits (see the module docstring); `site` names
    the site, whose own names are never people."""
    raw = collapse_whitespace(text)
    cleaned, agencies = _cleaned(raw, language)
    segments = [_credits(segment, language, site or Site()) for segment in _split(cleaned, language)]
    if _ends_with_place(segments):
        segments.pop()
    found: dict[str, list[str]] = {"person": [], "agency": agencies, "organisation": [], "unread": []}
    for kind, value in (credit for credits in segments for credit in credits):
        found[kind].append(value)
    authors = [Author(name=name, nameRaw=raw) for name in found["person"]]
    if len(authors) > 1 or (authors and found["agency"]):
        # a lone word beside full names or an agency is a place or a desk, not a person
        full_names = [author for author in authors if _is_full_name(author.name)]
        authors = full_names or (authors if not found["agency"] else [])
    return Byline(
        tuple(_unique_authors(authors)),
        tuple(dict.fromkeys(found["agency"])),
        tuple(found["organisation"]),
        tuple(found["unread"]),
    )


def _ends_with_place(segments: Sequence[list[tuple[str, str]]]) -> bool:
    """`Nada Tawfik, BBC News, New York`: a last part read as a name after a part that credits an
    outlet alone, itself after a person, is the place the person reports from."""
    if len(segments) < 3 or [kind for kind, _ in segments[-1]] != ["person"]:
        return False
    outlet = segments[-2] and all(kind in ("agency", "organisation") for kind, _ in segments[-2])
    return bool(outlet) and any(kind == "person" for credits in segments[:-2] for kind, _ in credits)


def _unique_authors(authors: Iterable[Author]) -> list[Author]:
    seen: set[str] = set()
    unique = []
    for author in authors:
        key = match_key(author.name)
        if key not in seen:
            seen.add(key)
            unique.append(author)
    return unique


class BylineReader:
    """Reads the byline texts of one page, each once: the body's cleaning asks which lines are
    bylines, the author choice asks the same reader again."""

    def __init__(self, language: str | None = None, site: Site | None = None) -> None:
        self.language, self.site = language, site or Site()
        self._read: dict[str, Byline] = {}

    def __call__(self, text: str) -> Byline:
        if text not in self._read:
            self._read[text] = parse_byline(text, self.language, self.site)
        return self._read[text]


def looks_like_byline(text: str, read: BylineReader) -> bool:
    """A short body line that is a byline: a byline prefix followed by names only, or a source
    line that names an agency (`Kaynak: AA`, `Quelle: dpa`)."""
    if len(text.split()) > _MAX_BYLINE_LINE_WORDS or (text.rstrip().endswith((".", "!", "?")) and " " in text[-4:]):
        return False
    if _SOURCE_LINE.match(text):
        return bool(read(text).agencies)
    rest = strip_prefix(text, read.language)
    return rest != text and bool(read(text).authors)


_SOURCE_LINE = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in all_languages(_LEXICON["source_labels"])) + r")\s*[:：]", re.I
)
_STRUCTURED = ("json-ld", "meta", "rel-author")
_MAX_ORGANISATION_WORDS = 5
_PRINTED = ("byline-element", "body-line")


def _people(byline: Byline) -> set[str]:
    return {match_key(author.name) for author in byline.authors}


def _structured_authors(parsed: Sequence[tuple[BylineCandidate, Byline]]) -> list[Author]:
    """The people of the most trusted structured source that names any (JSON-LD, meta tags,
    rel=author: one person a candidate, so all of that source's count)."""
    for source in _STRUCTURED:
        authors = [author for candidate, byline in parsed if candidate.source == source for author in byline.authors]
        if authors:
            return authors
    return []


def _printed_byline(parsed: Sequence[tuple[BylineCandidate, Byline]]) -> Byline:
    """The byline printed with the article: of the byline elements and lines (nearest the headline
    first), the first read whole that credits anyone, else the first that names people. One that
    credits an agency or a desk alone stands: the bylines after it are other stories'."""
    printed = [(candidate, byline) for candidate, byline in parsed if candidate.source in _PRINTED]
    for _, byline in printed:
        if not byline.unread and (byline.authors or byline.agencies or byline.organisations):
            return byline
    return next((byline for _, byline in printed if byline.authors), Byline())


def choose_authors(candidates: Sequence[BylineCandidate], read: BylineReader, trace: Trace | None = None) -> Byline:
    """The authors of the page, the agencies of all its candidates, and the organisations it
    credits where it credits no person and no agency.

    Structured sources come first (JSON-LD, meta tags, rel=author), then the byline printed with
    the article, then the feed's hint. Where the printed byline names every structured author and
    more (`By A, B and C` beside a JSON-LD that lists `A`), it is the fuller list and wins.
    Organisations and the site's own names (`read.site`) are never people. `read` is the page's
    reader, which the body's cleaning has asked already. `trace` records each candidate's outcome.
    """
    parsed = [
        (candidate, _organisation_credit(candidate.text) if candidate.organization else read(candidate.text))
        for candidate in candidates
    ]
    agencies = [agency for _, byline in parsed for agency in byline.agencies]
    authors = _structured_authors(parsed)
    printed = _printed_byline(parsed)
    if not authors or _people(printed) > {match_key(author.name) for author in authors}:
        authors = list(printed.authors)
    if not authors:
        authors = next((list(b.authors) for c, b in parsed if c.source not in _PRINTED and b.authors), [])
    organisations = () if authors or agencies else _credited_organisations(printed, parsed)
    if trace is not None:
        trace.authors(parsed, _structured_authors(parsed), printed, authors, organisations)
    return Byline(tuple(_unique_authors(authors)), tuple(dict.fromkeys(agencies)), organisations)


def _organisation_credit(name: str) -> Byline:
    """What a source that calls its author an organisation credits: an agency, or the organisation."""
    agency = agency_name(name)
    return Byline(agencies=(agency,)) if agency else Byline(organisations=(collapse_whitespace(name),))


def _credited_organisations(printed: Byline, parsed: Sequence[tuple[BylineCandidate, Byline]]) -> tuple[str, ...]:
    """The organisations credited as the author: the printed byline's, else the first structured
    source's (JSON-LD `Organization`, a meta author that names a newsroom). A name is the
    organisation's only: a credit with a date label left on it, more words than a name has, or a
    publishing software's default account credits nobody."""
    sources = [printed.organisations] + [
        [name for candidate, byline in parsed if candidate.source == source for name in byline.organisations]
        for source in _STRUCTURED
    ]
    for names in sources:
        found = [name for name in names if _is_organisation_name(name)]
        if found:
            return tuple(dict.fromkeys(found))
    return ()


def _is_organisation_name(name: str) -> bool:
    words = match_key(name).split()
    if not 0 < len(words) <= _MAX_ORGANISATION_WORDS or " ".join(words) in _ACCOUNTS:
        return False
    return not any(" ".join(words[start:]) in _DATE_LABEL_KEYS for start in range(len(words)))


_DATELINE_AGENCY = re.compile(r"^[^()]{0,60}\(([^()]{2,40})\)\s*[-–—:]")


def dateline_agency(first_paragraph: str) -> str | None:
    """The agency of a wire dateline opening the body: `BERLIN (dpa) -`, `OSLO, June 25 (Reuters) -`."""
    match = _DATELINE_AGENCY.match(first_paragraph)
    return agency_name(match.group(1)) if match else None


def byline_candidates(draft: ArticleDraft) -> list[BylineCandidate]:
    """Every byline candidate of a draft: the page's, the body's byline lines and wire dateline,
    the feed's hint."""
    hint = draft.hints.get("author")
    candidates = [*draft.metadata.bylines, *draft.extra_bylines]
    if hint:
        candidates.append(BylineCandidate(hint, "hint"))
    first = next((block.text for block in draft.blocks if block.kind == "paragraph"), "")
    agency = dateline_agency(first)
    if agency:
        candidates.append(BylineCandidate(agency, "dateline", organization=True))
    return candidates


def resolve_authors(draft: ArticleDraft, read: BylineReader) -> ArticleDraft:
    """Decide `authors`, `agencies` and `creditedOrganizations` of a draft, with the page's byline
    reader."""
    byline = choose_authors(byline_candidates(draft), read, draft.trace)
    return attrs.evolve(
        draft,
        authors=list(byline.authors),
        agencies=list(byline.agencies),
        creditedOrganizations=list(byline.organisations),
    )
