"""A local HTTP server that misbehaves on purpose: wrong charsets, binary files as HTML, huge and
deep pages, HTTP errors, silence, redirect loops, broken and hostile feeds and sitemaps.

Every fault is made by code here (a 30 MB page does not belong in the repository); `FAULTS`
maps each path to what it serves and is the list the reliability tests and
`bench/fault_crawl.py` draw from.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import socket
import time
from collections.abc import Callable
from pathlib import Path

from tests.servers import running, with_own_host

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
POLISH_PAGE = SITE / "pl" / "wiadomosci" / "upaly-w-polsce-imgw-ostrzega-123456.html"
ENGLISH_PAGE = SITE / "en" / "news" / "pentagon-chief-speaks-to-russian-defence-minister.html"

Response = tuple[int, dict[str, str], bytes]


def _polish(encoding: str, declared: str | None, meta: bool = True) -> Response:
    text = POLISH_PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    if meta and declared:
        text = text.replace("<head>", f'<head><meta charset="{declared}">', 1)
    content_type = f"text/html; charset={declared}" if declared else "text/html"
    return 200, {"Content-Type": content_type}, text.encode(encoding, errors="xmlcharrefreplace")


def _html(body: bytes, content_type: str = "text/html") -> Response:
    return 200, {"Content-Type": content_type}, body


_PHP_WARNING = (
    b"<br />\n<b>Warning</b>:  Undefined array key \"sidebar\" in <b>/var/www/html/wp-content/themes/news/"
    b"header.php</b> on line <b>27</b><br />\n"
)
"""What a misconfigured PHP server prints before the page's doctype."""


def _deep_page() -> Response:
    depth = 20_000
    body = "<html><body>" + "<div>" * depth + "<p>Deep inside.</p>" + "</div>" * depth + "</body></html>"
    return _html(body.encode())


def _many_links() -> Response:
    links = "".join(f'<li><a href="/link/{n}.html">Link number {n}</a></li>' for n in range(100_000))
    return _html(f"<html><body><h1>Index</h1><ul>{links}</ul></body></html>".encode())


def _huge_page() -> Response:
    paragraph = b"<p>" + b"All work and no play makes a very long page. " * 20 + b"</p>\n"
    return _html(b"<html><body>" + paragraph * (30 * 1024 * 1024 // len(paragraph)) + b"</body></html>")


_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>"""

_EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&secret;</title><link>/x.html</link></item></channel></rss>"""

_GZIP_BOMB = gzip.compress(b"<urlset>" + b" " * (64 * 1024 * 1024) + b"</urlset>")  # 64 KB that expand to 64 MB

FAULTS: dict[str, Callable[[], Response]] = {
    "/charset/cp1250-declared-utf8.html": lambda: _polish("cp1250", "utf-8"),
    "/charset/iso-8859-2-declared-utf8.html": lambda: _polish("iso-8859-2", "utf-8"),
    "/charset/utf8-declared-iso-8859-2.html": lambda: _polish("utf-8", "iso-8859-2"),
    "/charset/none.html": lambda: _polish("iso-8859-2", None),
    "/charset/bom.html": lambda: _html(b"\xef\xbb\xbf" + ENGLISH_PAGE.read_bytes()),
    "/nul-bytes.html": lambda: _html(ENGLISH_PAGE.read_bytes().replace(b"<p>", b"<p>\x00", 3)),
    "/php-warning.html": lambda: _html(_PHP_WARNING + ENGLISH_PAGE.read_bytes()),
    "/binary/report.pdf.html": lambda: _html(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" * 50),
    "/binary/photo.html": lambda: _html(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
    "/binary/archive.html": lambda: _html(b"PK\x03\x04" + bytes(range(256)) * 20),
    "/empty.html": lambda: _html(b""),
    "/huge.html": _huge_page,
    "/deep.html": _deep_page,
    "/links.html": _many_links,
    "/status/403.html": lambda: (403, {"Content-Type": "text/html"}, b"<h1>Forbidden</h1>"),
    "/status/404.html": lambda: (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"),
    "/status/410.html": lambda: (410, {"Content-Type": "text/html"}, b"<h1>Gone</h1>"),
    "/status/429.html": lambda: (429, {"Content-Type": "text/html", "Retry-After": "1"}, b"<h1>Slow down</h1>"),
    "/status/500.html": lambda: (500, {"Content-Type": "text/html"}, b"<h1>Server error</h1>"),
    "/status/503.html": lambda: (503, {"Content-Type": "text/html"}, b"<h1>Unavailable</h1>"),
    "/loop.html": lambda: (302, {"Location": "/loop.html"}, b""),
    "/feed/malformed.xml": lambda: _html(b"<rss><channel><item><title>No end", "application/rss+xml"),
    "/feed/truncated.xml": lambda: _html((SITE / "feed.xml").read_bytes()[:1500], "application/rss+xml"),
    "/feed/external-entity.xml": lambda: _html(_EXTERNAL_ENTITY, "application/rss+xml"),
    "/sitemap/laughs.xml": lambda: _html(_LAUGHS, "application/xml"),
    "/sitemap/bomb.xml.gz": lambda: _html(_GZIP_BOMB, "application/gzip"),
    "/sitemap/truncated.xml": lambda: _html((SITE / "sitemap.xml").read_bytes()[:700], "application/xml"),
}
SILENT = "/silent.html"
"""A path the server accepts but never answers (until the client gives up)."""


class FaultHandler(http.server.BaseHTTPRequestHandler):
    """Serves `FAULTS`; `/robots.txt` allows everything; unknown paths are 404. Links to the
    fixture host (in the cut-down copies of the example feed and sitemap) point at this server."""

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == SILENT:
            time.sleep(30)
            return
        if path == "/robots.txt":
            status, headers, body = 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        elif path in FAULTS:
            status, headers, body = FAULTS[path]()
            body = with_own_host(body, self)
        else:
            status, headers, body = 404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def serve_faults() -> contextlib.AbstractContextManager[str]:
    """The fault server on 127.0.0.1; yields its base URL."""
    return running(FaultHandler)


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
