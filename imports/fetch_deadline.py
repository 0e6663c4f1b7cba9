"""The time a fetch may take, kept by a watchdog, and the shorter budget of a web request.

A socket timeout bounds one read, not a whole answer: a server that sends one header byte a
second is never «too slow» for it. So each fetch has a :class:`Deadline` whose timer shuts
down every socket the fetch opened when the time is up, whatever phase it is in (connect,
TLS, status line, headers, body, redirects). A fetch made while a web request is being
answered (:class:`RequestBudgetMiddleware`) also ends by the request's budget
(``IMPORTS_REQUEST_SECONDS`` per fetch, ``IMPORTS_REQUEST_TOTAL_SECONDS`` for all of them),
well inside gunicorn's worker timeout (gunicorn.conf.py).
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings

#: The monotonic moment (seconds) every fetch of the current web request must end by, and
#: the most one fetch may take in it; None outside a request (cron, the shell).
_REQUEST: ContextVar[tuple[float, float] | None] = ContextVar("imports_request", default=None)


class Deadline:
    """``seconds`` from now (capped by the current request's budget): :meth:`left` tells how
    much remains; used as a context manager, a timer shuts down the :meth:`watch`-ed sockets
    when it passes, and :attr:`expired` becomes True."""

    def __init__(self, seconds: float):
        now = time.monotonic()
        request = _REQUEST.get()
        if request is not None:
            ends, per_fetch = request
            seconds = max(min(seconds, per_fetch, ends - now), 0.0)
        self.seconds = seconds
        self.at = now + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds remaining (0 or less: the time is up)."""
        return 0.0 if self.expired else self.at - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the time is up (at once if it already is)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)  # a blocked recv() returns at once


@contextmanager
def request_budget():
    """Fetches inside this block take at most ``IMPORTS_REQUEST_SECONDS`` each and end,
    all of them, ``IMPORTS_REQUEST_TOTAL_SECONDS`` after it began."""
    ends = time.monotonic() + settings.IMPORTS_REQUEST_TOTAL_SECONDS
    token = _REQUEST.set((ends, settings.IMPORTS_REQUEST_SECONDS))
    try:
        yield
    finally:
        _REQUEST.reset(token)


class RequestBudgetMiddleware:
    """Every web request's fetches (staff «Prøv», «Gem», «Hent nu», the admin's «Hent nu»
    and «Prøv uden at gemme») run under :func:`request_budget`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_budget():
            return self.get_response(request)
