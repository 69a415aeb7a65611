"""Tests of an element's class label, each remembering its answers: a page repeats the same few
classes over thousands of elements."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def class_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether `pattern` occurs in a class label; each distinct label's answer is remembered."""

    @functools.lru_cache(maxsize=4096)
    def test(label: str) -> bool:
        return pattern.search(label) is not None

    return test


def class_words_test(words: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a class label holds one of `words` as a word of its own (between spaces, `_` and
    `-`): a set lookup a word, where a regular expression would try every word at every place."""
    vocabulary = frozenset(words)

    @functools.lru_cache(maxsize=4096)
    def test(label: str) -> bool:
        return not vocabulary.isdisjoint(label.lower().replace("_", " ").replace("-", " ").split())

    return test
