"""Retries with exponential backoff, honouring `Retry-After`.

Scrapy's RetryMiddleware retries at once; a server that answers 429 or 503 wants the client to
wait. This subclass waits `RETRY_BACKOFF_BASE * 2**attempt` seconds (at most
`RETRY_BACKOFF_MAX`), or what `Retry-After` asks for within that cap, before the retry is
scheduled. The wait does not block the reactor: other downloads go on meanwhile.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds asked for by a `Retry-After` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before each retry (see the module docstring)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def backoff_delay(self, request: Request, response: Response | None) -> float:
        """How long to wait before retrying `request`."""
        attempt = request.meta.get("retry_times", 0)
        delay = self.backoff_base * 2**attempt
        asked = retry_after_seconds(response.headers.get(b"Retry-After")) if response is not None else None
        if asked is not None:
            delay = max(delay, asked)
        return min(delay, self.backoff_max)

    async def process_response(self, request: Request, response: Response, spider: Any = None):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(self.backoff_delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception, spider: Any = None):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(self.backoff_delay(request, None))
        return result

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
