"""newscrawl beside trafilatura (and htmldate for dates) on trafilatura's own evaluation pages, one run.

    python bench/trafilatura_eval.py [--data ../shared/bench/trafilatura-eval] [--workers 2]
                                     [--json FILE] [--show-misses headline|author|day|body]

The pages: the 990 real pages of `../shared/bench/trafilatura-eval` (see its README), read as the
bytes a crawl gets. newscrawl is `extract_record` with the fixed download time of
`bench/snapshot.py`; a page it does not use (`PageNotUsed`) counts as rejected: every field
missing. trafilatura is `bare_extraction(html, url=url, with_metadata=True)` (title, author, date,
text); htmldate is `find_date(html, url=url, original_date=True)`. Each tool decodes the bytes itself.

Figures, each over the pages whose label carries the key (texts compared after Unicode NFKC and
white-space normalisation):
- headline exact: the expected title equals newscrawl's `headline` or `alternativeHeadline`
  (trafilatura's title); the six empty expected titles are left out;
- author: the expected names (a `; `-separated string or a list; `""` means nobody) and the names
  found (newscrawl: `authors`, `agencies` and `creditedOrganizations`) as sets of case-folded
  names: precision, recall and F1 micro-averaged over pages, and the share of pages whose set is
  exact (none expected and none found is exact);
- published day: the `YYYY-MM-DD` of the published date equals the label; labels that are not
  valid dates (`""`, "no date", among them) are left out;
- body snippets, as trafilatura scores itself: a `with` snippet found in the body is a true
  positive, one missing a false negative; a `without` snippet found a false positive; precision,
  recall and F1 over all pages.

One table for all pages and one row per language with at least 10 pages: the language of
`<html lang>` (its first two letters), else newscrawl's `inLanguage`, else `??`. `--json` writes
the figures (overall and for every language); `--show-misses FIELD` lists newscrawl's misses of
one field beside trafilatura's reading. Figures only, no pass or fail: CI holds a floor under
newscrawl's figures in `tests/test_quality_floor.py`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "trafilatura-eval"
sys.path.insert(0, str(ROOT))

from bench.languages import declared_language  # noqa: E402
from bench.metadata_quality import date_right  # noqa: E402
from bench.snapshot import snapshot_line  # noqa: E402

TOOLS = ("newscrawl", "trafilatura", "htmldate")
FIELDS = ("headline", "author", "day", "body")
TOOL_FIELDS: dict[str, tuple[str, ...]] = {
    "newscrawl": FIELDS,
    "trafilatura": FIELDS,
    "htmldate": ("day",),
}
"""The fields each tool reads (htmldate reads dates only)."""

MIN_LANGUAGE_PAGES = 10


def normalise(text: str) -> str:
    """`text` in Unicode NFKC with runs of white space as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@attrs.frozen
class EvalPage:
    """One labelled page. A label is None where the page's annotation lacks the key."""

    id: str
    url: str
    html_path: Path
    title: str | None
    """The expected title; `""` where the annotators saw none."""
    authors: tuple[str, ...] | None
    """The expected names, one a person or organisation; empty for "no author"."""
    date: str | None
    """The expected publication day `YYYY-MM-DD`, `""` for none (a few labels are not valid dates)."""
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


def _label_authors(value: str | list[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = value if isinstance(value, list) else value.split(";")
    return tuple(name.strip() for name in names if name.strip())


def load_pages(data: Path = DEFAULT_DATA) -> list[EvalPage]:
    """The labelled pages of `data/pages.jsonl`, in its order."""
    pages = []
    for line in (data / "pages.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        pages.append(
            EvalPage(
                id=entry["id"],
                url=entry["url"],
                html_path=data / entry["html"],
                title=entry.get("title"),
                authors=_label_authors(entry.get("author")),
                date=entry.get("date"),
                with_snippets=tuple(entry.get("with", ())),
                without_snippets=tuple(entry.get("without", ())),
            )
        )
    return pages


@attrs.frozen
class Reading:
    """What one tool read on one page; a field it did not find is empty."""

    headlines: tuple[str, ...] = ()
    """Every text it offers as the headline (newscrawl: `headline`, `alternativeHeadline`)."""
    authors: tuple[str, ...] = ()
    published: str | None = None
    """The published date as the tool gave it (ISO 8601, day or more)."""
    body: str = ""


@attrs.frozen
class PageResult:
    """The readings of one page by each tool run, and the page's language."""

    page: EvalPage
    language: str
    """Two lowercase letters, or `??`."""
    readings: dict[str, Reading]
    rejected: str | None = None
    """Why newscrawl made no record of the page (None: it made one, or it was not run)."""


def read_newscrawl(page: EvalPage) -> tuple[Reading, str | None, str | None]:
    """newscrawl's reading of a page, why it rejected it (or None) and the record's `inLanguage`."""
    line = snapshot_line(("trafilatura-eval", page.id, page.url, page.html_path))
    record = line.get("record")
    if record is None:
        return Reading(), line["outcome"], None
    headlines = tuple(text for text in (record.get("headline"), record.get("alternativeHeadline")) if text)
    names = tuple(author["name"] for author in record["authors"]) + tuple(record.get("agencies") or ())
    names += tuple(record.get("creditedOrganizations") or ())
    return Reading(headlines, names, record["datePublished"], record["articleBody"] or ""), None, record["inLanguage"]


def read_trafilatura(html: bytes, url: str) -> Reading:
    """trafilatura's title, authors (its `; `-joined string), date and main text."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return Reading()
    authors = tuple(name.strip() for name in (document.author or "").split(";") if name.strip())
    return Reading((document.title,) if document.title else (), authors, document.date or None, document.text or "")


def read_htmldate(html: bytes, url: str) -> Reading:
    """htmldate's original publication day."""
    import htmldate

    return Reading(published=htmldate.find_date(html, url=url, original_date=True) or None)


def read_page(task: tuple[EvalPage, tuple[str, ...]]) -> PageResult:
    """Run the named tools (a subset of `TOOLS`) on one page."""
    page, tools = task
    html = gzip.decompress(page.html_path.read_bytes())
    readings: dict[str, Reading] = {}
    rejected = record_language = None
    if "newscrawl" in tools:
        readings["newscrawl"], rejected, record_language = read_newscrawl(page)
    if "trafilatura" in tools:
        readings["trafilatura"] = read_trafilatura(html, page.url)
    if "htmldate" in tools:
        readings["htmldate"] = read_htmldate(html, page.url)
    return PageResult(page, declared_language(html, record_language), readings, rejected)


def read_pages(pages: Sequence[EvalPage], tools: Sequence[str] = TOOLS, workers: int = 2) -> list[PageResult]:
    """The results of every page, in order; in a pool of `workers` processes when more than one."""
    tasks = [(page, tuple(tools)) for page in pages]
    if workers <= 1:
        return [read_page(task) for task in tasks]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(read_page, tasks, chunksize=8))


# Scoring: one function a field, None where the page's label does not score that field.


def headline_right(page: EvalPage, reading: Reading) -> bool | None:
    """Is one of the headlines the expected title?"""
    if not normalise(page.title or ""):
        return None
    return normalise(page.title) in {normalise(text) for text in reading.headlines}


def author_counts(page: EvalPage, reading: Reading) -> tuple[int, int, int] | None:
    """(true positives, false positives, false negatives) of the page's set of names."""
    if page.authors is None:
        return None
    truth = {normalise(name).casefold() for name in page.authors} - {""}
    guess = {normalise(name).casefold() for name in reading.authors} - {""}
    return len(truth & guess), len(guess - truth), len(truth - guess)


def _valid_day(label: str | None) -> bool:
    try:
        date.fromisoformat(label or "")
    except ValueError:
        return False
    return len(label or "") == 10


def day_right(page: EvalPage, reading: Reading) -> bool | None:
    """Is the published day the expected one?"""
    if not _valid_day(page.date):
        return None
    return date_right(reading.published, page.date, to_minute=False)


def snippet_counts(page: EvalPage, reading: Reading) -> tuple[int, int, int, int]:
    """(true positives, false negatives, false positives, true negatives) of the page's snippets."""
    body = normalise(reading.body)
    found_with = sum(normalise(snippet) in body for snippet in page.with_snippets)
    found_without = sum(normalise(snippet) in body for snippet in page.without_snippets)
    return (
        found_with,
        len(page.with_snippets) - found_with,
        found_without,
        len(page.without_snippets) - found_without,
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _share(part: int, whole: int) -> float | None:
    """The share, None when nothing was scored."""
    return part / whole if whole else None


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@attrs.frozen
class Figures:
    """One tool's figures over a set of pages; None for a field the tool does not read."""

    pages: int
    rejected: int | None
    headline: float | None
    headline_pages: int
    author_precision: float | None
    author_recall: float | None
    author_f1: float | None
    author_exact: float | None
    """The share of pages whose set of names is exactly right."""
    author_pages: int
    day: float | None
    day_pages: int
    body_precision: float | None
    body_recall: float | None
    body_f1: float | None
    body_snippets: int


def score(results: Iterable[PageResult], tool: str) -> Figures:
    """The figures of `tool` over `results` (see the module docstring)."""
    results = list(results)
    fields = TOOL_FIELDS[tool]
    headlines = [v for r in results if (v := headline_right(r.page, r.readings[tool])) is not None]
    authors = [v for r in results if (v := author_counts(r.page, r.readings[tool])) is not None]
    days = [v for r in results if (v := day_right(r.page, r.readings[tool])) is not None]
    snippets = [snippet_counts(r.page, r.readings[tool]) for r in results]
    tp, fp, fn = (sum(counts[i] for counts in authors) for i in range(3))
    author_p, author_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    s_tp, s_fn, s_fp, s_tn = (sum(counts[i] for counts in snippets) for i in range(4))
    body_p, body_r = _ratio(s_tp, s_tp + s_fp), _ratio(s_tp, s_tp + s_fn)

    def when(field: str, value: float | None, scored: int = 1) -> float | None:
        return value if field in fields and scored else None

    return Figures(
        pages=len(results),
        rejected=sum(r.rejected is not None for r in results) if tool == "newscrawl" else None,
        headline=when("headline", _share(sum(headlines), len(headlines))),
        headline_pages=len(headlines),
        author_precision=when("author", author_p, len(authors)),
        author_recall=when("author", author_r, len(authors)),
        author_f1=when("author", _f1(author_p, author_r), len(authors)),
        author_exact=when("author", _share(sum(fp == fn == 0 for _, fp, fn in authors), len(authors))),
        author_pages=len(authors),
        day=when("day", _share(sum(days), len(days))),
        day_pages=len(days),
        body_precision=when("body", body_p),
        body_recall=when("body", body_r),
        body_f1=when("body", _f1(body_p, body_r)),
        body_snippets=s_tp + s_fn + s_fp + s_tn,
    )


def score_all(results: Sequence[PageResult], tools: Sequence[str]) -> dict[str, Any]:
    """Figures of every tool over all pages and over each language's pages."""
    languages = Counter(result.language for result in results)
    return {
        "pages": len(results),
        "overall": {tool: attrs.asdict(score(results, tool)) for tool in tools},
        "languages": {
            language: {
                "pages": count,
                **{tool: attrs.asdict(score([r for r in results if r.language == language], tool)) for tool in tools},
            }
            for language, count in languages.most_common()
        },
        "rejected": [{"id": r.page.id, "url": r.page.url, "outcome": r.rejected} for r in results if r.rejected],
    }


# Printing


_ROWS: tuple[tuple[str, str, str], ...] = (
    ("headline exact", "headline", "headline_pages"),
    ("author precision", "author_precision", "author_pages"),
    ("author recall", "author_recall", "author_pages"),
    ("author F1", "author_f1", "author_pages"),
    ("author set exact", "author_exact", "author_pages"),
    ("published day", "day", "day_pages"),
    ("body snippet precision", "body_precision", "body_snippets"),
    ("body snippet recall", "body_recall", "body_snippets"),
    ("body snippet F1", "body_f1", "body_snippets"),
)
_PERCENT = {"headline", "author_exact", "day"}


def _cell(key: str, value: float | None, width: int) -> str:
    if value is None:
        return f"{'-':>{width}}"
    return f"{100 * value:{width}.1f}" if key in _PERCENT else f"{value:{width}.3f}"


def print_overall(figures: dict[str, Any], tools: Sequence[str]) -> None:
    """The table of all pages: one row a figure, one column a tool (percentages marked %)."""
    overall = figures["overall"]
    print(f"trafilatura-eval: {figures['pages']} pages, {len(figures['rejected'])} rejected by newscrawl")
    print(f"{'figure':<24} {'scored':>7}" + "".join(f" {tool:>11}" for tool in tools))
    for label, key, count in _ROWS:
        unit = " %" if key in _PERCENT else ""
        scored = overall[tools[0]][count]
        print(f"{label + unit:<24} {scored:>7}" + "".join(f" {_cell(key, overall[t][key], 11)}" for t in tools))


def print_languages(figures: dict[str, Any], tools: Sequence[str]) -> None:
    """One row per language with at least `MIN_LANGUAGE_PAGES` pages (`labels`: how many of them
    carry metadata labels): for each figure, one column a tool that reads it, newscrawl first."""
    heads = {"headline": "headline %", "author_f1": "author F1", "author_exact": "author exact %",
             "day": "published day %", "body_f1": "body F1"}  # fmt: skip
    fields = {"headline": "headline", "author_f1": "author", "author_exact": "author", "day": "day", "body_f1": "body"}
    columns = {key: [tool for tool in tools if field in TOOL_FIELDS[tool]] for key, field in fields.items()}
    print(f"\nper language, {MIN_LANGUAGE_PAGES} pages or more (columns: {', '.join(tools)}, where each reads it)")
    header = f"{'lang':<5} {'pages':>5} {'labels':>6} {'rej':>4}"
    for key, head in heads.items():
        header += f"  {head:>{7 * len(columns[key]) - 1}}"
    print(header)
    for language, entry in figures["languages"].items():
        if entry["pages"] < MIN_LANGUAGE_PAGES:
            continue
        rejected = entry["newscrawl"]["rejected"] if "newscrawl" in entry else "-"
        labelled = entry[tools[0]]["author_pages"]
        row = f"{language:<5} {entry['pages']:>5} {labelled:>6} {rejected:>4}"
        for key in heads:
            row += " " + "".join(f" {_cell(key, entry[tool][key], 6)}" for tool in columns[key])
        print(row)
    small = [f"{lang} {entry['pages']}" for lang, entry in figures["languages"].items()
             if entry["pages"] < MIN_LANGUAGE_PAGES]  # fmt: skip
    if small:
        print(f"(fewer pages: {', '.join(small)})")


def print_rejected(figures: dict[str, Any]) -> None:
    """The pages newscrawl made no record of, with its reason."""
    if figures["rejected"]:
        print(f"\nrejected by newscrawl ({len(figures['rejected'])}):")
        for entry in figures["rejected"]:
            print(f"  {entry['id']} {entry['outcome']}")


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def author_exact(page: EvalPage, reading: Reading) -> bool | None:
    """Is the page's set of names exactly the expected one?"""
    counts = author_counts(page, reading)
    return None if counts is None else counts[1:] == (0, 0)


_FIELD_RIGHT: dict[str, Callable[[EvalPage, Reading], bool | None]] = {
    "headline": headline_right,
    "author": author_exact,
    "day": day_right,
}
_EXPECTED: dict[str, Callable[[EvalPage], object]] = {
    "headline": lambda page: page.title,
    "author": lambda page: list(page.authors or ()),
    "day": lambda page: page.date,
}
_READ: dict[str, Callable[[Reading], object]] = {
    "headline": lambda reading: list(reading.headlines),
    "author": lambda reading: list(reading.authors),
    "day": lambda reading: reading.published,
}


def _print_body_miss(page: EvalPage, ours: Reading, theirs: Reading | None) -> None:
    body, their_body = normalise(ours.body), normalise(theirs.body) if theirs else None

    def trafilatura_has(snippet: str) -> str:
        return "not run" if their_body is None else ("has it" if normalise(snippet) in their_body else "has not")

    for snippet in page.with_snippets:
        if normalise(snippet) not in body:
            print(f"  missing  {_show(snippet)} (trafilatura {trafilatura_has(snippet)})")
    for snippet in page.without_snippets:
        if normalise(snippet) in body:
            print(f"  unwanted {_show(snippet)} (trafilatura {trafilatura_has(snippet)})")


def print_misses(results: Sequence[PageResult], field: str) -> None:
    """newscrawl's misses of one field: page id, URL, expected, ours, trafilatura's (and htmldate's
    for the day); for the body, the snippets missing or unwanted and whether trafilatura has them."""
    misses = 0
    for result in results:
        page, ours = result.page, result.readings["newscrawl"]
        if field == "body":
            _, fn, fp, _ = snippet_counts(page, ours)
            missed = bool(fn or fp)
        else:
            missed = _FIELD_RIGHT[field](page, ours) is False
        if not missed:
            continue
        misses += 1
        print(f"{page.id} {page.url}{f' (rejected: {result.rejected})' if result.rejected else ''}")
        if field == "body":
            _print_body_miss(page, ours, result.readings.get("trafilatura"))
            continue
        print(f"  {'expected':<11} {_show(_EXPECTED[field](page))}")
        for tool, reading in result.readings.items():
            if field in TOOL_FIELDS[tool]:
                print(f"  {tool:<11} {_show(_READ[field](reading))}")
    print(f"{misses} pages missed on {field}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=2, help="processes reading pages (default 2)")
    parser.add_argument("--json", type=Path, help="write the figures, overall and per language, to this file")
    parser.add_argument("--show-misses", choices=FIELDS, help="list newscrawl's misses of this field")
    args = parser.parse_args()
    started = time.monotonic()
    results = read_pages(load_pages(args.data), TOOLS, args.workers)
    figures = score_all(results, TOOLS)
    print_overall(figures, TOOLS)
    print_languages(figures, TOOLS)
    print_rejected(figures)
    print(f"\n{len(results)} pages read in {time.monotonic() - started:.0f} s with {args.workers} workers")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.show_misses:
        print()
        print_misses(results, args.show_misses)


if __name__ == "__main__":
    main()
