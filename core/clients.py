"""Who is asking: the client's address behind the site's own proxies.

One rule for every limit keyed by address: the API throttle, django-axes' login lockout
(``AXES_CLIENT_IP_CALLABLE``), the access-request and password-reset limits.
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


def client_ip(request) -> str:
    """The client's IP address (a string), read behind ``TRUSTED_PROXY_COUNT`` proxies.

    Each proxy appends the address that connected to it to ``X-Forwarded-For``, so only the
    last ``TRUSTED_PROXY_COUNT`` entries were written by proxies we run; anything to their
    left came from the client and may be forged. The client is therefore the entry
    ``TRUSTED_PROXY_COUNT`` places from the right ("rightmost minus N"; OWASP's guidance
    and MDN's X-Forwarded-For page, "Selecting an IP address"). With a count of 0, or without
    the header, it is the connection's address (``REMOTE_ADDR``). A header shorter than the
    count was written by our proxies alone: its leftmost entry is taken (as DRF's
    ``NUM_PROXIES`` does). An entry that is not an IP address (a misconfigured proxy) falls
    back to ``REMOTE_ADDR``. Several X-Forwarded-For header lines arrive joined by commas,
    which keeps the order.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded.strip():
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    candidate = entries[-min(trusted, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAddressRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle (scope ``anon``, ``API_THROTTLE_ANON``) keyed by
    :func:`client_ip` instead of the raw X-Forwarded-For header."""

    def get_ident(self, request):
        return client_ip(request)
