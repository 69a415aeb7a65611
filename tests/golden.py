"""Golden records: compare a record with the expected one field by field, with a readable diff.

An expected file names only the fields it pins. Dicts compare on the expected keys, lists
element by element (same length), and `{base}` in an expected string stands for the test
server's base URL.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any


def load_expected(path: Path, base: str) -> dict[str, Any]:
    """An expected record with `{base}` replaced by the server's base URL."""
    return json.loads(path.read_text(encoding="utf-8").replace("{base}", base))


def differences(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Every place where `actual` differs from `expected`, one readable entry a place."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where or '(record)'}: expected an object, got {actual!r}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{where}{key}: missing")
            else:
                found += differences(actual[key], value, f"{where}{key}.")
        return found
    where = where.rstrip(".")
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [
                f"{where}: expected {json.dumps(expected, ensure_ascii=False)}\n"
                f"{' ' * len(where)}       got {json.dumps(actual, ensure_ascii=False)}"
            ]
        return [
            line
            for index, (a, e) in enumerate(zip(actual, expected, strict=True))
            for line in differences(a, e, f"{where}[{index}].")
        ]
    if actual == expected:
        return []
    if isinstance(actual, str) and isinstance(expected, str) and ("\n" in actual or "\n" in expected):
        diff = difflib.unified_diff(expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm="", n=1)
        return [f"{where}:\n" + "\n".join(diff)]
    return [f"{where}: expected {expected!r}, got {actual!r}"]
