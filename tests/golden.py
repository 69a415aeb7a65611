"""Golden records: the whole record a crawl gives for a page, pinned in its `NAME.expected.json`.

An expected file holds every key of the record (the `*Raw` fields, `authors[].nameRaw`, `images`,
`keywords`, `metadata`) except the clock fields in `CLOCK_FIELDS`, which the record must have but
whose values are the time of the run. `{base}` in an expected string stands for the test server's
base URL. Objects compare key by key both ways (a key the record has and the file lacks is a
difference, as is the reverse), lists element by element, scalars by type and value (`1` is not
`true`, `1` is not `1.0`).

`expected_text` writes the file back from a record: `NEWSCRAWL_UPDATE_GOLDENS=1` makes
tests/test_golden.py rewrite every expected file from its crawl.
"""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path
from typing import Any

CLOCK_FIELDS = (("metadata", "dateDownloaded"), ("metadata", "firstSeen"))
"""Fields whose value is the time of the run: present in every record, absent from expected files."""


def load_expected(path: Path, base: str) -> dict[str, Any]:
    """An expected record with `{base}` replaced by the server's base URL."""
    return json.loads(path.read_text(encoding="utf-8").replace("{base}", base))


def without_clock(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of `record` without the clock fields."""
    record = copy.deepcopy(record)
    for parent, key in CLOCK_FIELDS:
        if isinstance(record.get(parent), dict):
            record[parent].pop(key, None)
    return record


def expected_text(record: dict[str, Any], base: str) -> str:
    """The expected file of `record`: the record less its clock fields, with the server's base
    URL written as `{base}`, as indented UTF-8 JSON in the record's own key order."""
    text = json.dumps(without_clock(record), ensure_ascii=False, indent=2) + "\n"
    return text.replace(base, "{base}")


def golden_differences(record: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Every place where `record` differs from its golden record: the clock fields must be
    present (non-empty strings); every other key must be as the golden record gives it."""
    found = []
    for parent, key in CLOCK_FIELDS:
        value = record.get(parent, {}).get(key) if isinstance(record.get(parent), dict) else None
        if not isinstance(value, str) or not value:
            found.append(f"{parent}.{key}: missing (a clock field: not compared, but always present)")
    return found + differences(without_clock(record), expected)


def differences(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Every place where `actual` differs from `expected`, one readable entry a place."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where or '(record)'}: expected an object, got {actual!r}"]
        found = [f"{where}{key}: missing" for key in expected if key not in actual]
        found += [f"{where}{key}: unexpected key, got {_show(actual[key])}" for key in actual if key not in expected]
        for key, value in expected.items():
            if key in actual:
                found += differences(actual[key], value, f"{where}{key}.")
        return found
    where = where.rstrip(".")
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {_show(expected)}\n{' ' * len(where)}       got {_show(actual)}"]
        return [
            line
            for index, (a, e) in enumerate(zip(actual, expected, strict=True))
            for line in differences(a, e, f"{where}[{index}].")
        ]
    if type(actual) is type(expected) and actual == expected:
        return []
    if isinstance(actual, str) and isinstance(expected, str) and ("\n" in actual or "\n" in expected):
        diff = difflib.unified_diff(expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm="", n=1)
        return [f"{where}:\n" + "\n".join(diff)]
    return [f"{where}: expected {expected!r}, got {actual!r}"]


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
