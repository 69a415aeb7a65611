"""`newscrawl extract --explain`: the real command, run as a subprocess on real-shaped pages, says
which candidate each field came from and why the others lost, as text and as JSON; a page that
gives no record is explained too, then its one-line error, exit 1. The trace changes no record."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import attrs

from newscrawl import extract_record
from newscrawl.article import article_of_page
from newscrawl.article.explain import Trace
from newscrawl.items import Page
from newscrawl.outcomes import PageNotUsed
from tests.conftest import SITE

PAGES = Path(__file__).parent / "fixtures" / "explain"
WORDPRESS = PAGES / "wordpress-bylines.html"
PRINTED_DATE = PAGES / "printed-date.html"


def explain(page: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newscrawl.cli", "extract", str(page), "--explain", *options]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)


def candidates(explained: dict, field: str) -> dict[str, dict]:
    """The candidates of one field, by source."""
    return {entry["source"]: entry for entry in explained["fields"][field]["candidates"]}


def test_text_names_the_winning_byline_and_why_the_others_lost() -> None:
    """A WordPress page: JSON-LD names one author, the printed byline two (it wins: the fuller
    list), the meta author is a newsroom (never a person); the related-stories byline and the
    teaser line never reach the record, and the text says so."""
    result = explain(WORDPRESS, "--url", "https://riverside-courier.example/2024/05/14/harbour-bridge-reopens/")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "authors = Jane Doe, John Roe" in text
    assert '✓ byline-element  "By Jane Doe and John Roe"' in text
    assert "it names every structured author and more" in text
    assert '✗ json-ld         "Jane Doe"' in text
    assert "names no person: an organisation" in text
    assert "Max Mustermann" not in text.split("body:")[0]  # a teaser's byline is no candidate at all
    assert '✓ json-ld (published)  "2024-05-14T08:30:00+01:00"' in text
    assert "less trusted than the chosen; same date" in text
    assert "a teaser label or newsletter box" in text


def test_json_form_of_a_page_whose_only_date_is_printed() -> None:
    """The printed `Published …` line wins over a sidebar teaser's date; `--json` has one entry a
    field with its value and each candidate's source, text, outcome and reason."""
    result = explain(PRINTED_DATE, "--json", "--url", "https://northvale.example/news/library-hours")
    assert result.returncode == 0, result.stderr
    explained = json.loads(result.stdout)
    assert explained["outcome"] == "record" and explained["error"] is None
    published = explained["fields"]["datePublished"]
    assert published["value"] == "2024-03-03T14:05:00"
    assert published["candidates"][0] == {
        "source": "date-element (published)",
        "text": "Published 3 March 2024, 14:05",
        "outcome": "chosen",
        "reason": "the most trusted plausible date",
        "value": "2024-03-03T14:05:00",
    }
    teaser = candidates(explained, "datePublished")["date-element (unknown)"]
    assert teaser["text"] == "1 March 2024" and teaser["outcome"] == "lost" and "another date" in teaser["reason"]
    assert candidates(explained, "headline")["h1"]["outcome"] == "chosen"
    assert candidates(explained, "headline")["title"]["outcome"] == "lost"
    body = explained["fields"]["body"]
    assert body["droppedByReason"]["a date line (handed to the date choice)"] == 1
    assert {"blocksRead", "blocksKept", "dropped"} <= set(body)


def test_a_skipped_page_is_explained_then_its_error(tmp_path: Path) -> None:
    """A page that is not an article: its candidates and the verdict on stdout, the usual JSON
    error line on stderr, exit 1."""
    page = tmp_path / "section.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><h1>World news</h1></body></html>", encoding="utf-8")
    result = explain(page)
    assert result.returncode == 1
    assert "page: not an article: 0 words of own text" in result.stdout
    assert 'h1  "World news"' in result.stdout
    assert "no record: skip: not_article" in result.stdout
    assert json.loads(result.stderr) == {"url": page.resolve().as_uri(), "stage": "skip", "reason": "not_article"}
    explained = json.loads(explain(page, "--json").stdout)
    assert explained["outcome"] == "skip"
    assert explained["candidates"]["headline"] == [{"source": "h1", "text": "World news"}]


def test_tracing_changes_no_record() -> None:
    """Every example-site page and both fixtures: the record with a trace is the record without."""
    for path in [*sorted(SITE.rglob("*.html")), WORDPRESS, PRINTED_DATE]:
        html, url, now = path.read_bytes(), "https://example.com/a.html", "2026-01-01T00:00:00+00:00"
        try:
            plain = extract_record(html, url, now=datetime.fromisoformat(now))
        except PageNotUsed as error:  # a page without record is compared by its outcome
            plain = repr(error)
        page = Page(url=url, html=html, dateDownloaded=now)
        try:
            traced = attrs.asdict(article_of_page(page, trace=Trace()))
        except PageNotUsed as error:
            traced = repr(error)
        assert traced == plain, path
