"""Refuse a request carrying a NUL character, for every URL, before any view sees it.

PostgreSQL's text types cannot hold U+0000 (psycopg refuses such a parameter with
``ValueError``), and no form, filter or address of this site has a use for it. Every place a
request value reaches the database — the admin's list filters, search and object ids, the
public filters, the session cookie, the login lockout's records — would otherwise need its own
check, and a forgotten one was a 500 (``/admin/events/event/?status=%00``). One check here
answers them all with a 400 and a page that says what was wrong.

Checked: the path, the decoded query string (names and values), urlencoded and multipart form
fields (not uploaded files' contents), and cookies. Other request bodies (JSON) are left to
the view; the API here is read-only.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

NUL = "\x00"
#: Paths whose clients read JSON: the refusal is JSON there, not the 400 page.
JSON_PREFIXES = ("/api/",)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _in_query_dict(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


def has_nul(request: HttpRequest) -> bool:
    """Whether the path, query string, form fields or cookies of ``request`` hold U+0000.

    A form body Django cannot parse is left alone here (the view or CSRF check that reads it
    answers as before)."""
    if NUL in request.path_info or _in_query_dict(request.GET):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        try:
            return _in_query_dict(request.POST)
        except Exception:  # an unparseable body: not this check's business
            return False
    return False


def nul_refused(request):
    """The 400 page for a request with a NUL character, in the language of its address
    (Danish, or English under ``/en/``). Rendered before the session and login middleware
    run, so as for an anonymous visitor."""
    path = request.path_info.replace(NUL, "")
    if path.startswith(JSON_PREFIXES):
        # An API client reads JSON, errors too (the API's form: {"detail": "…"}).
        with translation.override("da"):
            detail = _("The request contains a NUL character (a zero byte), which is not allowed.")
            response = JsonResponse({"detail": detail}, status=400)
        response["Cache-Control"] = "no-store"
        return response
    language = translation.get_language_from_path(path) or translation.get_language()
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    with translation.override(language):
        request.LANGUAGE_CODE = translation.get_language()
        response = render(request, "400.html", {"nul": True}, status=400)
    response["Cache-Control"] = "no-store"
    return response


class RejectNulMiddleware:
    """Answer 400 (:func:`nul_refused`) to a request with a NUL character anywhere
    :func:`has_nul` looks; pass every other request on unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return nul_refused(request)
        return self.get_response(request)
