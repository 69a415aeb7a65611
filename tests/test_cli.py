"""The `newscrawl` command: one page's record as JSON, and validation of JSONL output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from tests.conftest import SITE

SEED = next(SITE.rglob("*pentagon*.html"))


def test_extract_prints_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--url", "https://example.com/a.html", "--timezone", "Europe/Warsaw"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["url"] == "https://example.com/a.html"
    assert record["headline"] == "Pentagon chief speaks to Russian defence minister amid Ukraine conflict"
    assert record["datePublished"] == "2024-06-26T09:08:00+02:00"


def test_extract_of_a_page_without_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert main(["extract", str(empty)]) == 1
    error = json.loads(capsys.readouterr().err)
    assert (error["stage"], error["reason"]) in {
        ("extract", "no article text found"),
        ("skip", "not_article"),
    }


def test_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["extract", str(SEED)])
    good = capsys.readouterr().out
    output = tmp_path / "out.jsonl"
    output.write_text(json.dumps(json.loads(good)) + "\n" + json.dumps({"url": "x"}) + "\n", encoding="utf-8")
    assert main(["validate", str(output)]) == 1
    report = capsys.readouterr().out
    assert "lines: 2" in report and "invalid: 1" in report
