"""Content negotiation of the public API: one form per endpoint, whatever the request asks.

DRF lets the client pick the renderer and its options from ``Accept`` (``application/json;
indent=8`` gave indented JSON) or ``?format=``. The shared page cache keys a page by its
canonical address, not by ``Accept``, so each endpoint must answer every request alike:
the first of its renderers, with that renderer's own media type (no parameters such as
``indent``). This is DRF's documented "ignore the client" negotiation
(https://www.django-rest-framework.org/api-guide/content-negotiation/#example).
"""

from rest_framework.negotiation import BaseContentNegotiation


class OneFormNegotiation(BaseContentNegotiation):
    """The view's first parser and first renderer, whatever ``Accept`` or ``?format=`` say."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
