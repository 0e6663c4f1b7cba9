"""Views that know no domain model: liveness and health checks, the error pages, and the
permanent redirect from an address that moved."""

from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.encoding import escape_uri_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView


@never_cache
def livez(request):
    """Liveness: the process answers (no database). Also the benchmark's trivial view."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    """Readiness: 200 and ``{"status": "ok"}`` when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    """The 404 page (``handler404``), with the site's header and footer."""
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """The 400 page (``handler400``) for a request Django refuses as suspicious (a
    disallowed admin lookup, say), with the site's header and footer."""
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 page (``handler500``): a static template, rendered without context
    processors, since the database they read may be what failed."""
    # No context processors that touch the database: it may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


class MovedView(RedirectView):
    """A 301 from an address whose first part moved: the path's ``old`` part becomes ``new``
    and the rest of the path and the query string are kept. For example the admin's
    ``…/municipalities/accessrequest/5/change/`` → ``…/accounts/accessrequest/5/change/``,
    so bookmarks and links in e-mails sent before a move keep working.

    ``old`` and ``new`` are path fragments with slashes at both ends."""

    permanent = True
    old = ""
    new = ""

    def get_redirect_url(self, *args, **kwargs):
        url = escape_uri_path(self.request.path).replace(self.old, self.new, 1)
        query = self.request.META.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url
