"""Language-specific word lists, kept as data: one JSON file a concern, keyed by language."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The word list `name` (`teasers`, `credits`, `bylines`), as stored."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8"))


def all_languages(table: dict[str, list[str]]) -> list[str]:
    """Every entry of a table keyed by language, each once, longest first (so that a longer
    label such as `Read more` wins over `Read`)."""
    words = {word for language, entries in table.items() if not language.startswith("_") for word in entries}
    return sorted(words, key=lambda word: (-len(word), word))
