"""Fixtures for the imports tests: a real HTTP server on 127.0.0.1 whose answers a test sets.

``web_server`` runs ``http.server`` in a thread on an ephemeral port. A test gives each path
an answer and fetches it through the real fetcher (which must be told that loopback is
allowed: ``allow_loopback``)::

    def test_reads_calendar(web_server, allow_loopback):
        web_server.route("/cal.ics", FEED, content_type="text/calendar")
        fetched = fetch(web_server.url("/cal.ics"), kind="ics")

``route`` options: ``status``, ``content_type``, ``headers`` (extra, or overriding),
``body`` (bytes, str, or an iterable of bytes chunks sent as they come), ``chunked`` (no
Content-Length, Transfer-Encoding: chunked), ``content_length`` (a number to send instead of
the real one: a lying server), ``delay`` (seconds before the answer starts), ``gzip``
(compress the body, Content-Encoding: gzip). ``redirect(path, location, status=302)``.
``web_server.requests`` lists every request received as ``(path, headers)``.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    chunked: bool = False
    content_length: int | None = None
    delay: float = 0.0
    gzip: bool = False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path) or self.server.routes.get(
            self.path.split("?", 1)[0]
        )
        if route is None:
            route = Route(status=404, body=b"<h1>Not found</h1>")
        # The fetcher hanging up (too big, too slow) is what such a test wants.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    def _answer(self, route: Route) -> None:
        if route.delay:
            time.sleep(route.delay)
        body = route.body
        if isinstance(body, bytes) and route.gzip:
            body = gzip_module.compress(body)
        self.send_response(route.status)
        if route.content_type is not None:
            self.send_header("Content-Type", route.content_type)
        if route.gzip:
            self.send_header("Content-Encoding", "gzip")
        if route.chunked or not isinstance(body, bytes):
            self.send_header("Transfer-Encoding", "chunked")
            if route.content_length is not None:  # both: a server that lies
                self.send_header("Content-Length", str(route.content_length))
        else:
            length = route.content_length if route.content_length is not None else len(body)
            self.send_header("Content-Length", str(length))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if route.chunked or not isinstance(body, bytes):
            for chunk in [body] if isinstance(body, bytes) else body:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a slow answer the fetcher gave up on must not hold teardown

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []


class WebServer:
    """The handle a test gets: set answers, build URLs, read what was requested."""

    def __init__(self, server: _Server):
        self._server = server
        self.port = server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self._server.requests

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str | Iterable[bytes] = b"", **options) -> str:
        """Answer GET ``path`` as given (see the module docstring); returns its URL."""
        if isinstance(body, str):
            body = body.encode()
        self._server.routes[path] = Route(body=body, **options)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """Answer GET ``path`` with a redirect to ``location``; returns its URL."""
        return self.route(path, status=status, content_type=None, headers={"Location": location})

    def paths_requested(self) -> list[str]:
        return [path for path, _headers in self.requests]


@pytest.fixture
def web_server():
    """A threaded HTTP server on 127.0.0.1 and an ephemeral port; stopped after the test."""
    server = _Server()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield WebServer(server)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def allow_loopback(settings):
    """``IMPORTS_ALLOW_LOOPBACK`` on: the fetcher may reach 127.0.0.1 and ::1 (nothing else)."""
    settings.IMPORTS_ALLOW_LOOPBACK = True
    return settings
