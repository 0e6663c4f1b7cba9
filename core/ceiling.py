"""A ceiling on the database work one anonymous request may cause.

:class:`AnonymousStatementTimeoutMiddleware` gives the SQL of an anonymous request a budget of
``ANONYMOUS_STATEMENT_TIMEOUT_MS`` milliseconds of statement time in all: each statement runs
under a PostgreSQL ``statement_timeout`` of what the request's earlier statements left of the
budget. Only time spent in statements counts: a login's password hashing or a page's
rendering on a busy machine does not use it up (counting the whole request's time did, and
turned logins into 503s under load). A
statement that runs past it is cancelled by the server (SQLSTATE 57014, ``query_canceled``),
so the worker is free again at once, and the visitor gets a 503 with ``Retry-After`` instead of
a page that takes seconds: HTML for pages, JSON under the API. Logged-in people (venue staff,
the secretariat, the admin) are not limited; on SQLite (development) the middleware does
nothing.

The timeout is set on the request's first statement (a request served without the database —
``/livez`` — never opens a connection for it), lowered again only when less than nine tenths of
it is left, and reset when the request ends, since pooled connections outlive requests. These
``SET`` statements go through the driver's cursor directly, so they are not among the queries a
test counts.
"""

import time

from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# Seconds a visitor (or an API client) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (or by an operator).
QUERY_CANCELED = "57014"


class AnonymousStatementTimeout(OperationalError):
    """A statement of an anonymous request ran past ``ANONYMOUS_STATEMENT_TIMEOUT_MS``."""


def is_statement_timeout(exc: BaseException) -> bool:
    """Whether ``exc`` (a Django database error) is PostgreSQL's ``query_canceled``."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED


class _StatementTimeout:
    """A connection ``execute_wrapper``: before a statement it sets the session's
    ``statement_timeout`` to what is left of ``milliseconds`` after the time the request's
    earlier statements took (measured with ``time.monotonic()`` around each), when that is the
    first statement or the setting is more than a tenth too generous; a statement cancelled by
    it, or one that would start after the budget is spent, raises
    :class:`AnonymousStatementTimeout`."""

    def __init__(self, milliseconds: int):
        self.budget = int(milliseconds) / 1000
        self.spent = 0.0
        self.is_set = False
        self.current = 0

    def __call__(self, execute, sql, params, many, context):
        left = int((self.budget - self.spent) * 1000)
        if left <= 0:
            raise AnonymousStatementTimeout("the request's database time is spent")
        if not self.is_set or left < self.current * 0.9:
            # A plain cursor of the driver: the statement's own may be a server-side
            # cursor (``iterator()``), which can only DECLARE a query.
            with context["connection"].connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {left}")
            self.is_set, self.current = True, left
        started = time.monotonic()
        try:
            return execute(sql, params, many, context)
        except OperationalError as exc:
            if is_statement_timeout(exc):
                raise AnonymousStatementTimeout(*exc.args) from exc
            raise
        finally:
            self.spent += time.monotonic() - started

    def reset(self):
        """Give the pooled connection back without the timeout; close it if that fails (an
        aborted transaction), so no later request inherits the limit."""
        if not self.is_set or connection.connection is None:
            return
        try:
            with connection.connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except Exception:  # the connection is unusable: never hand it on with the limit
            connection.close()


class AnonymousStatementTimeoutMiddleware:
    """Limits the SQL of a request by anyone without staff status (anonymous visitors and
    venue staff) to ``ANONYMOUS_STATEMENT_TIMEOUT_MS`` in all (after
    ``AuthenticationMiddleware``); answers 503 with ``Retry-After`` when the limit
    cancels a statement. 0 turns it off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = getattr(settings, "ANONYMOUS_STATEMENT_TIMEOUT_MS", 0)
        # Staff (the secretariat, in the admin) are not limited; venue-staff accounts are, as
        # anonymous visitors: anyone can ask for one, and their pages are light.
        if not milliseconds or connection.vendor != "postgresql" or request.user.is_staff:
            return self.get_response(request)
        timeout = _StatementTimeout(milliseconds)
        try:
            with connection.execute_wrapper(timeout):
                return self.get_response(request)
        finally:
            timeout.reset()

    def process_exception(self, request, exception):
        if isinstance(exception, AnonymousStatementTimeout):
            return too_busy(request)
        return None


def too_busy(request):
    """The 503 answer: JSON ``{"detail": …}`` under the API, else a page that needs neither
    the database nor static files. ``Retry-After`` in seconds (RFC 9110, section 10.2.3)."""
    if request.path.startswith("/api/"):
        with translation.override("da"):  # the API answers in Danish
            response = JsonResponse(
                {"detail": _("The request took too long. Please try again in a moment.")},
                status=503,
            )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
