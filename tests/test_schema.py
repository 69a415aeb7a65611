"""The record's three descriptions cannot drift: the item class, the JSON Schema, the README table."""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path

import attrs
import pytest

from newscrawl.items import Article, Author, Image, MainImage, Metadata
from newscrawl.schema import schema_validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "newscrawl" / "schema" / "article.schema.json").read_text(encoding="utf-8"))
JSON_TYPES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "array",
    dict: "object",
    type(None): "null",
}


def json_types(annotation: typing.Any) -> set[str]:
    """The JSON types an attrs annotation allows (attrs classes are objects)."""
    hints = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    found = set()
    for hint in hints:
        origin = typing.get_origin(hint) or hint
        found.add("object" if attrs.has(origin) else JSON_TYPES[origin])
    return found


def schema_types(node: dict) -> set[str]:
    kind = node["type"]
    return set(kind) if isinstance(kind, list) else {kind}


@pytest.mark.parametrize(
    ("cls", "node"),
    [
        (Article, SCHEMA),
        (Author, SCHEMA["properties"]["authors"]["items"]),
        (Image, SCHEMA["properties"]["images"]["items"]),
        (MainImage, SCHEMA["properties"]["mainImage"]),
        (Metadata, SCHEMA["properties"]["metadata"]),
    ],
)
def test_item_class_and_schema_agree(cls: type, node: dict) -> None:
    fields = attrs.fields(cls)
    hints = typing.get_type_hints(cls)
    assert [field.name for field in fields] == list(node["properties"]), "same fields, same order"
    assert set(node["required"]) == {field.name for field in fields}
    assert node["additionalProperties"] is False
    for field in fields:
        assert json_types(hints[field.name]) == schema_types(node["properties"][field.name]), field.name


def test_every_field_is_documented_in_the_item_class() -> None:
    source = (ROOT / "newscrawl" / "items.py").read_text(encoding="utf-8")
    for cls in (Article, Author, Image, MainImage, Metadata):
        for field in attrs.fields(cls):
            documented = re.search(rf"\n    {field.name}: [^\n]+\n    \"\"\"", source)
            assert documented, f"{cls.__name__}.{field.name} has no docstring"


def test_readme_field_table_lists_the_schema_fields() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table_fields = re.findall(r"^\| `([a-zA-Z]+)`", readme, flags=re.M)
    assert table_fields == list(SCHEMA["properties"])


def test_schema_is_a_valid_json_schema() -> None:
    schema_validator().check_schema(SCHEMA)
