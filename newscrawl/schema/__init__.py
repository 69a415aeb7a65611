"""The published JSON Schema of one output line (`article.schema.json`), and checks against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    """The validator of `newscrawl/schema/article.schema.json`, built once."""
    text = resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def validation_errors(record: dict[str, Any]) -> list[str]:
    """What breaks the schema in a record, one message a problem; [] when it is valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(record)'}: {error.message}"
        for error in schema_validator().iter_errors(record)
    ]
