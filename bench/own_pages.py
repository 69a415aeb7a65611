"""newscrawl beside trafilatura on the project's own labelled pages, one run, per set and per language.

    python bench/own_pages.py [--json FILE] [--show-misses]

The sets:
- `author-pages (dev)`: `tests/data/author_pages.json` and its pages, written together with the
  author rules (a development set): authors only;
- `held-out`: `tests/data/heldout_pages.json` and its pages, written before reading the
  extraction rules and never tuned on: headline, authors, published date, body paragraphs.

newscrawl is `extract_record(html_bytes, url, now=2026-01-01 UTC)` (the download time of
`bench/snapshot.py`); a page it does not use (`PageNotUsed`) counts as rejected: every field
missing. trafilatura is `bare_extraction(html, url=url, with_metadata=True)`, read as
`bench/trafilatura_eval.py` reads it.

Figures (texts compared after NFKC and white-space normalisation, the scoring helpers of
`bench/trafilatura_eval.py` and `bench/metadata_quality.py`):
- headline exact: the printed headline equals newscrawl's `headline` or `alternativeHeadline`
  (trafilatura's title);
- author: the people, the credited agencies and the other credited organisations as one set of
  case-folded names: precision, recall, F1 micro-averaged over pages, and the share of pages whose
  set is exact;
- published day: the calendar day of the published date equals the label's;
- published minute: over the labels with a time (all of them with an offset), the same instant to
  the minute; trafilatura's default reading gives a day only, so it has no minute figure;
- body paragraphs: the share of the labelled first and last paragraphs found in the body.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))

from bench.metadata_quality import date_right  # noqa: E402
from bench.snapshot import NOW  # noqa: E402
from bench.trafilatura_eval import (  # noqa: E402
    EvalPage,
    Reading,
    _cell,
    _f1,
    _ratio,
    _share,
    _show,
    author_counts,
    day_right,
    headline_right,
    normalise,
    read_trafilatura,
    snippet_counts,
)

TOOLS = ("newscrawl", "trafilatura")
SETS = {
    "author-pages (dev)": (DATA / "author_pages.json", DATA / "author_pages"),
    "held-out": (DATA / "heldout_pages.json", DATA / "heldout_pages"),
    "multilingual (dev)": (DATA / "dev_pages.json", DATA / "dev_pages"),
}


@attrs.frozen
class OwnPage:
    """One labelled page: `page` in the shape the trafilatura-eval scorers take, plus what they lack."""

    page: EvalPage
    lang: str
    published: str | None
    """The full published label (day, or moment with offset); None where the set labels no date."""


def load_set(labels: Path, folder: Path) -> list[OwnPage]:
    """The pages of one set, in the order of its label file."""
    pages = []
    for entry in json.loads(labels.read_text("utf-8")):
        published = entry.get("datePublished")
        body = tuple(entry[key] for key in ("first_paragraph", "last_paragraph") if entry.get(key))
        page = EvalPage(
            id=entry["page"],
            url=entry["url"],
            html_path=folder / entry["page"],
            title=entry.get("headline"),
            authors=tuple(name for key in ("authors", "agencies", "organizations") for name in entry.get(key, ())),
            date=published[:10] if published else None,
            with_snippets=body,
            without_snippets=(),
        )
        pages.append(OwnPage(page, entry["lang"], published))
    return pages


@attrs.frozen
class Result:
    own: OwnPage
    readings: dict[str, Reading]
    rejected: str | None


def read_newscrawl(html: bytes, url: str) -> tuple[Reading, str | None]:
    """newscrawl's reading of a page and why it rejected it (or None)."""
    from newscrawl import extract_record
    from newscrawl.outcomes import PageNotUsed

    try:
        record = extract_record(html, url, now=NOW)
    except PageNotUsed as outcome:
        return Reading(), str(outcome)
    headlines = tuple(text for text in (record.get("headline"), record.get("alternativeHeadline")) if text)
    names = tuple(author["name"] for author in record["authors"]) + tuple(record.get("agencies") or ())
    names += tuple(record.get("creditedOrganizations") or ())
    return Reading(headlines, names, record["datePublished"], record["articleBody"] or ""), None


def read_all(pages: Sequence[OwnPage]) -> list[Result]:
    results = []
    for own in pages:
        html = own.page.html_path.read_bytes()
        ours, rejected = read_newscrawl(html, own.page.url)
        results.append(Result(own, {"newscrawl": ours, "trafilatura": read_trafilatura(html, own.page.url)}, rejected))
    return results


def minute_right(own: OwnPage, reading: Reading, tool: str) -> bool | None:
    """The published instant to the minute, where the label has a time (None: not scored)."""
    if not own.published or len(own.published) <= 10 or tool == "trafilatura":
        return None
    return date_right(reading.published, own.published, to_minute=True)


def score(results: Iterable[Result], tool: str) -> dict[str, Any]:
    """One tool's figures over `results`; None where nothing was scored."""
    results = list(results)

    def scored(check: Any) -> list[Any]:
        return [v for r in results if (v := check(r)) is not None]

    headlines = scored(lambda r: headline_right(r.own.page, r.readings[tool]) if r.own.page.title else None)
    authors = scored(lambda r: author_counts(r.own.page, r.readings[tool]))
    days = scored(lambda r: day_right(r.own.page, r.readings[tool]))
    minutes = scored(lambda r: minute_right(r.own, r.readings[tool], tool))
    labelled = [r for r in results if r.own.page.with_snippets]
    snippets = [snippet_counts(r.own.page, r.readings[tool]) for r in labelled]
    tp, fp, fn = (sum(counts[i] for counts in authors) for i in range(3))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    found, missed = sum(c[0] for c in snippets), sum(c[1] for c in snippets)
    return {
        "pages": len(results),
        "rejected": sum(r.rejected is not None for r in results) if tool == "newscrawl" else None,
        "headline": _share(sum(headlines), len(headlines)),
        "headline_pages": len(headlines),
        "author_precision": precision if authors else None,
        "author_recall": recall if authors else None,
        "author_f1": _f1(precision, recall) if authors else None,
        "author_exact": _share(sum(fp == fn == 0 for _, fp, fn in authors), len(authors)),
        "author_pages": len(authors),
        "day": _share(sum(days), len(days)),
        "day_pages": len(days),
        "minute": _share(sum(minutes), len(minutes)),
        "minute_pages": sum(1 for r in results if r.own.published and len(r.own.published) > 10),
        "paragraphs": _share(found, found + missed),
        "paragraph_count": found + missed,
    }


def score_set(results: Sequence[Result]) -> dict[str, Any]:
    languages = sorted({r.own.lang for r in results})
    return {
        "pages": len(results),
        "overall": {tool: score(results, tool) for tool in TOOLS},
        "languages": {
            lang: {tool: score([r for r in results if r.own.lang == lang], tool) for tool in TOOLS}
            for lang in languages
        },
        "rejected": [{"page": r.own.page.id, "outcome": r.rejected} for r in results if r.rejected],
    }


_ROWS = (
    ("headline exact", "headline", "headline_pages"),
    ("author precision", "author_precision", "author_pages"),
    ("author recall", "author_recall", "author_pages"),
    ("author F1", "author_f1", "author_pages"),
    ("author set exact", "author_exact", "author_pages"),
    ("published day", "day", "day_pages"),
    ("published minute", "minute", "minute_pages"),
    ("first/last paragraph", "paragraphs", "paragraph_count"),
)
_PERCENT = {"headline", "author_exact", "day", "minute", "paragraphs"}


def _fmt(key: str, value: float | None, width: int) -> str:
    # trafilatura_eval's _cell, with this module's percentage fields
    return _cell("day" if key in _PERCENT else key, value, width)


def print_set(name: str, figures: dict[str, Any]) -> None:
    overall = figures["overall"]
    rows = [row for row in _ROWS if overall["newscrawl"][row[2]]]
    print(f"\n== {name}: {figures['pages']} pages, {len(figures['rejected'])} rejected by newscrawl")
    print(f"{'figure':<24} {'scored':>7}" + "".join(f" {tool:>11}" for tool in TOOLS))
    for label, key, count in rows:
        unit = " %" if key in _PERCENT else ""
        print(
            f"{label + unit:<24} {overall['newscrawl'][count]:>7}"
            + "".join(f" {_fmt(key, overall[t][key], 11)}" for t in TOOLS)
        )
    heads = [(label, key) for label, key, _ in rows if key not in {"author_precision", "author_recall"}]
    short = {"headline": "headline%", "author_f1": "authorF1", "author_exact": "authors=%", "day": "day%",
             "minute": "minute%", "paragraphs": "paras%"}  # fmt: skip
    print(f"\nper language (each cell: newscrawl / trafilatura)\n{'lang':<5} {'pages':>5} {'rej':>3}", end="")
    for _, key in heads:
        print(f" {short[key]:>13}", end="")
    print()
    for lang, entry in figures["languages"].items():
        ours, theirs = entry["newscrawl"], entry["trafilatura"]
        print(f"{lang:<5} {ours['pages']:>5} {ours['rejected']:>3}", end="")
        for _, key in heads:
            print(f" {_fmt(key, ours[key], 6).strip():>6}/{_fmt(key, theirs[key], 6).strip():<6}", end="")
        print()
    for entry in figures["rejected"]:
        print(f"rejected: {entry['page']} {entry['outcome']}")


def misses(results: Sequence[Result]) -> list[tuple[str, str, object, object]]:
    """newscrawl's misses: (page, field, expected, got)."""
    out: list[tuple[str, str, object, object]] = []
    for r in results:
        own, ours = r.own, r.readings["newscrawl"]
        page = own.page
        if page.title and headline_right(page, ours) is False:
            out.append((page.id, "headline", page.title, list(ours.headlines)))
        counts = author_counts(page, ours)
        if counts is not None and counts[1:] != (0, 0):
            out.append((page.id, "authors", list(page.authors or ()), list(ours.authors)))
        if day_right(page, ours) is False:
            out.append((page.id, "published day", own.published, ours.published))
        elif minute_right(own, ours, "newscrawl") is False:
            out.append((page.id, "published minute", own.published, ours.published))
        body = normalise(ours.body)
        for which, snippet in zip(("first paragraph", "last paragraph"), page.with_snippets, strict=False):
            if normalise(snippet) not in body:
                out.append((page.id, which, snippet[:60] + "…", (ours.body[:60] + "…") if ours.body else ""))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures of both sets, overall and per language")
    parser.add_argument("--show-misses", action="store_true", help="list newscrawl's misses on every set")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    all_results = {}
    for name, (labels, folder) in SETS.items():
        results = read_all(load_set(labels, folder))
        all_results[name] = results
        figures[name] = score_set(results)
        print_set(name, figures[name])
    if args.show_misses:
        for name, results in all_results.items():
            found = misses(results)
            print(f"\nnewscrawl misses, {name}: {len(found)}")
            for page, field, expected, got in found:
                print(f"  {page}  {field}: expected {_show(expected)}, got {_show(got)}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
