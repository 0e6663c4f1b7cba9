"""Conditional GET for feeds and the API: one cheap aggregate query decides ETag and
Last-Modified, so that a calendar app or a municipal site polling an unchanged feed gets a
304 without the feed being built."""

import hashlib

from django.db.models import Count, Max
from django.utils.translation import get_language

from .models import Occurrence

CHANGED = ("dates_changed", "events_changed", "venues_changed")


def data_version(request):
    """What the public data looks like now: the newest change to an upcoming public date, its
    event or venue, and how many there are (so that a removed or ended date changes it too).

    One query, computed once per request.
    """
    version = getattr(request, "_public_data_version", None)
    if version is None:
        version = (
            Occurrence.objects.public()
            .upcoming()
            .aggregate(
                dates=Count("pk"),
                dates_changed=Max("updated_at"),
                events_changed=Max("event__updated_at"),
                venues_changed=Max("event__venue__updated_at"),
            )
        )
        request._public_data_version = version
    return version


def last_modified(request, *args, **kwargs):
    version = data_version(request)
    stamps = [version[key] for key in CHANGED if version[key]]
    return max(stamps) if stamps else None


def etag(request, *args, **kwargs):
    """Differs for every address, language and state of the data."""
    version = data_version(request)
    parts = [
        request.path,
        request.META.get("QUERY_STRING", ""),
        get_language() or "",
        request.headers.get("Accept", ""),
        str(version["dates"]),
        *(str(version[key]) for key in CHANGED),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'
