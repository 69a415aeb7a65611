"""Test-only feed exporters, named by `FEED_EXPORTERS` in crawls that need a feed that fails."""

from __future__ import annotations

from typing import Any

from scrapy.exporters import JsonLinesItemExporter


class FullDiskExporter(JsonLinesItemExporter):
    """JSON lines on a disk that is full: every line fails to be written."""

    def export_item(self, item: Any) -> None:
        raise OSError(28, "No space left on device")
