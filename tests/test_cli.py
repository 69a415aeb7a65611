"""The `newscrawl` command: `extract` prints one page's whole record as indented JSON (the record a
crawl gives), or exits 1 with one JSON line on stderr; `validate` checks JSONL output against the
schema and counts what it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from tests.conftest import SITE
from tests.golden import golden_differences, load_expected

SEED = next(SITE.rglob("*pentagon*.html"))
GERMAN = next(SITE.rglob("*bundestag*.html"))
GOLDEN_PAGES = sorted(path.with_suffix("").with_suffix(".html") for path in SITE.rglob("*.expected.json"))


def extract(page: Path, capsys: pytest.CaptureFixture[str], *options: str) -> dict:
    """The record `newscrawl extract PAGE` prints; it exits 0, prints indented UTF-8 JSON, and
    nothing on stderr."""
    assert main(["extract", str(page), *options]) == 0
    out, err = capsys.readouterr()
    record = json.loads(out)
    assert out == json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    assert err == ""
    return record


@pytest.mark.parametrize("page", GOLDEN_PAGES, ids=lambda page: page.relative_to(SITE).as_posix())
def test_extract_prints_the_record_a_crawl_gives(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`newscrawl extract FILE` prints the page's golden record, key for key, attributed to the
    file's `file://` URL and with `metadata.spider` null (no crawl)."""
    record = extract(page, capsys)
    golden = load_expected(page.with_suffix(".expected.json"), "")
    golden["url"] = page.resolve().as_uri()
    golden["metadata"]["spider"] = None
    problems = golden_differences(record, golden)
    assert not problems, f"newscrawl extract {page.name} differs from the golden record:\n" + "\n".join(problems)


def test_extract_with_url_and_timezone(capsys: pytest.CaptureFixture[str]) -> None:
    """`--url` is the record's URL; `--timezone` gives the seed page's zone-less date its offset
    (the raw text stays as printed)."""
    record = extract(SEED, capsys, "--url", "https://example.com/a.html", "--timezone", "Europe/Warsaw")
    assert record["url"] == "https://example.com/a.html"
    assert record["headline"] == "Pentagon chief speaks to Russian defence minister amid Ukraine conflict"
    assert record["datePublished"] == "2024-06-26T09:08:00+02:00"
    assert record["datePublishedRaw"] == "26 June 2024 09:08"


@pytest.mark.parametrize(
    ("html", "stage", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "skip", "not_article"),
        ("<html><body><p>Just one short line.</p></body></html>", "skip", "not_article"),
        ("<html><head><title>Nothing</title></head><body></body></html>", "extract", "no article text found"),
    ],
    ids=["navigation only", "one short line", "no text"],
)
def test_extract_of_a_page_without_article(
    html: str, stage: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page that gives no record: exit 1, nothing on stdout, and exactly one JSON line on stderr
    naming the page, the stage and the reason (a non-article is a skip, a page without any text
    an `extract` error)."""
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    assert main(["extract", str(page)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert json.loads(err) == {"url": page.resolve().as_uri(), "stage": stage, "reason": reason}


def test_validate_counts_lines_invalid_records_languages_and_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`newscrawl validate` reports each bad line (schema problems, not JSON) with its file and
    line number, then the counts: lines (blank ones aside), invalid, records by language and
    with authors / datePublished / mainImage; it exits 1 when a line is invalid."""
    english, german = extract(SEED, capsys), extract(GERMAN, capsys)
    output = tmp_path / "out.jsonl"
    lines = [json.dumps(english), "", json.dumps({"url": "x"}), "not json", json.dumps(german, ensure_ascii=False)]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(output)]) == 1
    report = capsys.readouterr().out.splitlines()
    assert report[0].startswith(f"{output}:3: ") and "'headline' is a required property" in report[0]
    assert report[1].startswith(f"{output}:4: not JSON: ")
    assert report[2:] == [
        "invalid: 2",
        "language de: 1",
        "language en: 1",
        "lines: 4",
        "with authors: 1",  # the German page is dpa copy: an agency, no person
        "with datePublished: 2",
        "with mainImage: 1",  # and it has no image
    ]


def test_validate_of_good_output_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of valid records: exit 0, no problem line, only the counts."""
    output = tmp_path / "out.jsonl"
    output.write_text(json.dumps(extract(SEED, capsys)) + "\n", encoding="utf-8")
    assert main(["validate", str(output)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "language en: 1",
        "lines: 1",
        "with authors: 1",
        "with datePublished: 1",
        "with mainImage: 1",
    ]
