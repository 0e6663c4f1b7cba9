"""Views that know no domain model: liveness and health checks, the error pages, and the
permanent redirect from an address that moved."""

from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.encoding import escape_uri_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView

from .security import style_hash


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


# The 500 page stands alone: no template (loading or rendering one may be what failed), no
# static file (the manifest may be missing), no database, no translation. Its few lines of
# style are inline, allowed by their hash in the page's Content-Security-Policy.
SERVER_ERROR_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1d1d1b}a{color:#0b5394}"
)
SERVER_ERROR_PAGE = f"""<!doctype html>
<html lang="da">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Der skete en fejl · Kulturmetropolen</title>
    <style>{SERVER_ERROR_STYLE}</style></head>
  <body>
    <main>
      <h1>Der skete en fejl</h1>
      <p>Vi kunne ikke vise siden lige nu. Prøv igen om lidt.</p>
      <p><a href="/">Gå til forsiden</a></p>
      <p lang="en">Something went wrong on our side. Please try again in a moment.</p>
    </main>
  </body>
</html>
"""


def server_error(request):
    """The 500 page (``handler500``): a constant page, Danish with an English line, that
    nothing can make fail — no template, static file, database or translation. Its inline
    style is allowed by hash (``csp_style_hashes``, read by
    :class:`core.security.SecurityHeadersMiddleware`)."""
    response = HttpResponseServerError(SERVER_ERROR_PAGE)
    response.csp_style_hashes = [style_hash(SERVER_ERROR_STYLE)]
    return response


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
