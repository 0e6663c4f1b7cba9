"""Settings of the public API (Django REST framework and drf-spectacular), kept out of
settings.py for its length; settings.py imports them."""

import os


def rest_framework(trusted_proxy_count: int) -> dict:
    """``REST_FRAMEWORK`` for ``trusted_proxy_count`` proxies in front of the app servers
    (the throttle keys on the client's address behind them, core.clients)."""
    return {
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        # JSON only: DRF's browsable HTML pages need inline styles the site's CSP forbids; the
        # documentation page (/api/v1/docs/) is the API's page for people.
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        # One form per endpoint whatever Accept or ?format= say (no "indent=8" JSON): the page
        # cache keys pages by their address, not by Accept (events/api/negotiation.py).
        "DEFAULT_CONTENT_NEGOTIATION_CLASS": "events.api.negotiation.OneFormNegotiation",
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
        # Per client address behind trusted_proxy_count proxies (core.clients), not the whole
        # X-Forwarded-For header, which any client can vary; a municipal site's normal use
        # (cached, a few calls a minute) stays far below. Documented at /api/v1/docs/.
        "DEFAULT_THROTTLE_CLASSES": ["core.clients.ClientAddressRateThrottle"],
        # The same count for any other DRF throttle; the benchmark (one address) raises the rate.
        "NUM_PROXIES": trusted_proxy_count,
        "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_THROTTLE_ANON", "120/minute")},
    }


SPECTACULAR_SETTINGS = {
    "TITLE": "Kulturmetropolen events API",
    "DESCRIPTION": "Read-only access to the public events of the nine municipalities.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Allowed values of the filters, and the 400/404/429 answers (events/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "events.api.schema.error_responses",
    ],
}
