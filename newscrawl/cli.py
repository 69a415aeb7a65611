"""The `newscrawl` command.

newscrawl extract PAGE.html|URL [--url URL] [--timezone Europe/Warsaw] [--explain [--json]]
newscrawl validate output/articles/2024-06-26T09-08-00Z.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from newscrawl.outcomes import PageNotUsed


def _read_page(source: str) -> tuple[bytes, str | None, str]:
    """The bytes of a local file or of a URL, their `Content-Type` where a server gave one, and
    the URL to attribute them to: decoded later as a crawl decodes a response."""
    if source.startswith(("http://", "https://")):
        from trafilatura.downloads import fetch_response

        response = fetch_response(source, with_headers=True)
        if response is None or not response.data:
            raise SystemExit(f"newscrawl: could not fetch {source}")
        return response.data, (response.headers or {}).get("content-type"), response.url or source
    path = Path(source)
    try:
        return path.read_bytes(), None, path.resolve().as_uri()
    except OSError as error:
        raise SystemExit(f"newscrawl: cannot read {source}: {error.strerror}") from None


def extract_command(args: argparse.Namespace) -> int:
    from newscrawl import extract_record

    html, content_type, url = _read_page(args.source)
    if args.explain:
        return explain_command(args, html, content_type, args.url or url)
    if args.json:
        raise SystemExit("newscrawl: --json goes with --explain (the record is JSON already)")
    try:
        record = extract_record(html, args.url or url, timezone_name=args.timezone, content_type=content_type)
    except PageNotUsed as error:
        print(json.dumps({"url": error.url, "stage": getattr(error, "stage", "skip"), "reason": error.reason}),
              file=sys.stderr)  # fmt: skip
        return 1
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def explain_command(args: argparse.Namespace, html: bytes, content_type: str | None, url: str) -> int:
    """Print why the page's record says what it says (text, or JSON with `--json`), then, for a
    page that gives no record, the one-line error on stderr as `extract` does."""
    from datetime import UTC, datetime

    from newscrawl.article.explain import explain_page, render_json, render_text
    from newscrawl.items import Page

    downloaded = datetime.now(UTC).replace(microsecond=0).isoformat()
    page = Page(url=url, html=html, contentType=content_type, dateDownloaded=downloaded)
    explanation = explain_page(page, timezone_name=args.timezone)
    print(render_json(explanation) if args.json else render_text(explanation))
    if explanation.error is not None:
        print(json.dumps(explanation.error), file=sys.stderr)
        return 1
    return 0


def validate_command(args: argparse.Namespace) -> int:
    from newscrawl.schema import validation_errors

    counts: Counter[str] = Counter()
    for path in args.files:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                counts["lines"] += 1
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    counts["invalid"] += 1
                    print(f"{path}:{number}: not JSON: {error}")
                    continue
                problems = validation_errors(record)
                if problems:
                    counts["invalid"] += 1
                    print(f"{path}:{number}: {'; '.join(problems)}")
                    continue
                counts[f"language {record['inLanguage']}"] += 1
                for field in ("datePublished", "authors", "mainImage"):
                    counts[f"with {field}"] += bool(record[field])
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    return 1 if counts["invalid"] else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newscrawl` console script."""
    parser = argparse.ArgumentParser(prog="newscrawl", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the record of one page as indented JSON")
    extract.add_argument("source", help="an HTML file or an http(s) URL")
    extract.add_argument("--url", help="the URL the page came from (for a file)")
    extract.add_argument("--timezone", help="IANA zone for dates printed without one, e.g. Europe/Warsaw")
    extract.add_argument(
        "--explain",
        action="store_true",
        help="instead of the record, show for each field which candidate won (its source and raw text) and "
        "why each other lost; the body's dropped blocks by reason",
    )
    extract.add_argument("--json", action="store_true", help="with --explain: the explanation as JSON")
    extract.set_defaults(run=extract_command)
    validate = commands.add_parser("validate", help="check JSONL output against the schema and summarise it")
    validate.add_argument("files", nargs="+", help="JSONL files written by a crawl")
    validate.set_defaults(run=validate_command)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
