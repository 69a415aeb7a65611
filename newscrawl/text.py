"""Small text helpers shared by the pipeline stages."""

from __future__ import annotations

import functools
import html
import re

_WORD = re.compile(r"\w+")

HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Chinese characters (the unified ideographs, their extension A and compatibility forms, and the
iteration mark 々), as a regular-expression character range."""
KANA = "\u3040-\u30ff"
"""Japanese hiragana and katakana."""
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
"""Korean jamo and syllables."""
_HAN_KANA = re.compile(f"[{HAN}{KANA}\U00020000-\U0003134f]")
"""Chinese characters and Japanese kana: scripts written without spaces between words."""


def words(text: str) -> list[str]:
    """The words of `text`: maximal runs of `\\w` characters, as the benchmark metric counts them."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=512)
def word_count(text: str) -> int:
    """How many words `text` has: runs of `\\w`, except that each Chinese character and kana counts
    as a word, as word processors count them (a run of them is a whole sentence, not a word).
    Remembered for the last few hundred texts: the stages ask it of the same block several times."""
    unspaced = len(_HAN_KANA.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    return unspaced + len(_WORD.findall(_HAN_KANA.sub(" ", text)))


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """`text` with the HTML entities a CMS escaped twice resolved (`&#8211;`, `&amp;raquo;` read
    once): only whole entities, ended by `;`, so that a URL's `&lang=de` stays as it is (w3lib's
    `replace_entities` and `html.unescape` also read `&lang` and `&copy` without one)."""
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text) if "&" in text else text


@functools.lru_cache(maxsize=512)
def match_key(text: str) -> str:
    """A key under which texts that differ only in case, white space or punctuation are equal."""
    return " ".join(_WORD.findall(text.casefold()))


def strip_label(text: str, label: str) -> str | None:
    """`text` without a leading `label` (any case) and the `:`/`-` after it; None if it does not start
    with that label as a whole word."""
    if text[: len(label)].casefold() != label.casefold():
        return None
    rest = text[len(label) :]
    if rest and (rest[0].isalnum() and label[-1:].isalnum()):
        return None
    return rest.lstrip(" \t:.-–—|\u00a0").strip()
