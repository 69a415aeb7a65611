"""Snapshots of records: what `extract_record` makes of every labelled page, to compare two versions.

    python bench/snapshot.py write before.jsonl      # every page of every set, one line a page
    python bench/snapshot.py diff before.jsonl after.jsonl [--show 20]

The sets: the article-extraction-benchmark (181 pages) and trafilatura-eval (990 pages) in
`../shared/bench`, and the example site's pages (`tests/fixtures/site`). Every page is read as
the bytes a crawl would get, with one fixed download time, so a difference between two
snapshots is a change of the code. `diff` counts the pages whose record changed, per set and per
field, and prints the first changes; metadata that names the code version is left out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
SITE = ROOT / "tests" / "fixtures" / "site"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
sys.path.insert(0, str(ROOT))


def pages() -> Iterator[tuple[str, str, str, Path]]:
    """(set, page id, URL, path of the HTML) of every page, in a fixed order."""
    benchmark = SHARED / "article-extraction-benchmark"
    for page_id, truth in sorted(json.loads((benchmark / "ground-truth.json").read_text("utf-8")).items()):
        yield "article-extraction-benchmark", page_id, truth["url"], benchmark / "html" / f"{page_id}.html.gz"
    evaluation = SHARED / "trafilatura-eval"
    for line in (evaluation / "pages.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        yield "trafilatura-eval", entry["id"], entry["url"], evaluation / entry["html"]
    for path in sorted(SITE.rglob("*.html")):
        relative = path.relative_to(SITE).as_posix()
        yield "example-site", relative, f"http://127.0.0.1:8765/{relative}", path


def snapshot_line(entry: tuple[str, str, str, Path]) -> dict:
    """The record (or the outcome) of one page."""
    from newscrawl import extract_record
    from newscrawl.outcomes import PageNotUsed

    name, page_id, url, path = entry
    html = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    line: dict = {"set": name, "id": page_id}
    try:
        line["record"] = extract_record(html, url, now=NOW)
    except PageNotUsed as outcome:
        line["outcome"] = str(outcome)
    return line


def write(out: Path, workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool, out.open("w", encoding="utf-8") as file:
        for line in pool.map(snapshot_line, list(pages()), chunksize=8):
            file.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")


def _read(path: Path) -> dict[tuple[str, str], dict]:
    lines = (json.loads(text) for text in path.read_text("utf-8").splitlines() if text)
    return {(line["set"], line["id"]): line for line in lines}


def _fields(line: dict) -> dict:
    """The compared fields of a snapshot line: the record's, or its outcome."""
    if "record" not in line:
        return {"(outcome)": line.get("outcome")}
    record = dict(line["record"])
    record["metadata"] = {key: value for key, value in record["metadata"].items() if key != "schemaVersion"}
    return record


def diff(before: Path, after: Path, show: int) -> None:
    old, new = _read(before), _read(after)
    changed_pages: Counter[str] = Counter()
    changed_fields: Counter[tuple[str, str]] = Counter()
    totals = Counter(name for name, _ in new)
    shown = 0
    for key in sorted(set(old) | set(new)):
        a, b = _fields(old.get(key, {})), _fields(new.get(key, {}))
        names = sorted({name for name in a.keys() | b.keys() if a.get(name) != b.get(name)})
        if not names:
            continue
        changed_pages[key[0]] += 1
        for name in names:
            changed_fields[key[0], name] += 1
            if shown < show:
                shown += 1
                print(f"{key[0]} {key[1]} {name}:\n  - {json.dumps(a.get(name), ensure_ascii=False)[:300]}"
                      f"\n  + {json.dumps(b.get(name), ensure_ascii=False)[:300]}")  # fmt: skip
    print()
    for name in sorted(totals):
        fields = ", ".join(f"{field} {count}" for (set_name, field), count in sorted(changed_fields.items())
                           if set_name == name)  # fmt: skip
        print(f"{name}: {changed_pages[name]} of {totals[name]} pages changed{': ' + fields if fields else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write", help="write the snapshot of every page")
    writing.add_argument("out", type=Path)
    writing.add_argument("--workers", type=int, default=2)
    diffing = commands.add_parser("diff", help="compare two snapshots")
    diffing.add_argument("before", type=Path)
    diffing.add_argument("after", type=Path)
    diffing.add_argument("--show", type=int, default=20, help="print this many changed fields")
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.workers)
    else:
        diff(args.before, args.after, args.show)


if __name__ == "__main__":
    main()
