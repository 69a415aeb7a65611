"""Coverage-guided fuzzing of `extract_record` with atheris (optional; not part of the test suite).

    pip install atheris && python tests/fuzz/fuzz_extract.py -max_total_time=300

Any input must give a schema-valid record or a `PageNotUsed` (rejected or skipped page);
anything else is a bug and atheris stops with the input that caused it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newscrawl import extract_record
    from newscrawl.errors import PageNotUsed
    from newscrawl.extract.document import decode_html
    from newscrawl.schema import validation_errors


def test_one_input(data: bytes) -> None:
    html = decode_html(data, "text/html")
    try:
        record = extract_record(html, "https://example.com/2024/06/26/story.html")
    except PageNotUsed:
        return
    problems = validation_errors(record)
    if problems:
        raise AssertionError(f"invalid record: {problems}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
