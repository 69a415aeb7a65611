"""Real HTTP servers on 127.0.0.1 for tests and benchmarks: one helper that runs any handler."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator

FIXTURE_HOST = b"http://127.0.0.1:8765"
"""The host the example site's feeds, sitemaps and robots.txt are written for."""


def with_own_host(body: bytes, handler: http.server.BaseHTTPRequestHandler) -> bytes:
    """`body` with links to the fixture host pointing at the server `handler` belongs to."""
    host, port = handler.server.server_address[:2]
    return body.replace(FIXTURE_HOST, f"http://{host}:{port}".encode())


@contextlib.contextmanager
def running(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threading HTTP server on a free port of 127.0.0.1 with `handler`; yields its base URL
    (no trailing slash) and shuts it down afterwards."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
