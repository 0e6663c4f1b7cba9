"""Answers of the API for addresses it does not have: JSON, as every other API answer."""

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def not_found(request, *args, **kwargs):
    """A 404 with a JSON body ``{"detail": "Ikke fundet."}`` (the form of DRF's errors and
    the ``Error`` schema of the OpenAPI document) for any address under /api/ that no
    endpoint has, whatever the method: a client parsing JSON never gets an HTML page."""
    with translation.override("da"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
