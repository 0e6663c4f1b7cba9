"""Conditional GET for feeds and the API: ETag and Last-Modified come from the cache's content
version, without a query, so that a calendar app or a municipal site polling an unchanged
feed gets a 304 without the feed being built.

The content version changes with every change to an event, date, venue or vocabulary
(``core.pagecache``). A feed also changes as time passes — dates end and drop
off — so both validators also change every ``BUCKET_SECONDS``, as cached pages do.
"""

import hashlib
import time
from datetime import UTC, datetime

from django.utils.translation import get_language

from core.pagecache import BUCKET_SECONDS, content_changed_at, content_version


def data_version(request):
    """What the public data looks like now: the content version and the time bucket."""
    version = getattr(request, "_public_data_version", None)
    if version is None:
        now = time.time()
        bucket_start = now - now % BUCKET_SECONDS
        changed = content_changed_at() or bucket_start
        version = {
            "content": content_version(),
            "bucket": int(bucket_start),
            # Last-Modified: the later of the last change and the start of the time bucket.
            "modified": datetime.fromtimestamp(int(max(changed, bucket_start)), tz=UTC),
        }
        request._public_data_version = version
    return version


def last_modified(request, *args, **kwargs):
    return data_version(request)["modified"]


def etag(request, *args, **kwargs):
    """Differs for every address, language and state of the data."""
    version = data_version(request)
    parts = [
        request.path,
        request.META.get("QUERY_STRING", ""),
        get_language() or "",
        request.headers.get("Accept", ""),
        str(version["content"]),
        str(version["bucket"]),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'
