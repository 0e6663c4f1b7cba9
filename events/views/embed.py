"""Embeds for the municipal websites: a compact list for an <iframe>, and the page where a
webmaster picks the filters and copies the snippet. Only the list may be framed by others."""

from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from ..pagecache import EMBED_OPTIONS
from ..querystring import describe_filters, feed_filterset, feed_occurrences, filter_query

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
TITLE_MAX_LENGTH = 100


def _limit(request):
    """``limit`` (1–50, default 10); None when it is not a number in that range."""
    raw = request.GET.get("limit", "")
    if not raw:
        return DEFAULT_LIMIT
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_LIMIT else None


def _embed_query(request):
    query = filter_query(request.GET)
    extra = request.GET.copy()
    extra_query = {k: extra[k] for k in EMBED_OPTIONS if extra.get(k)}
    if extra_query:
        from urllib.parse import urlencode

        query = "&".join(part for part in (query, urlencode(extra_query)) if part)
    return query


@require_safe
@xframe_options_exempt
def embed_list(request):
    """The filtered upcoming dates, compact, for an <iframe> on another site."""
    filterset = feed_filterset(request)
    limit = _limit(request)
    title = request.GET.get("title", "").strip()[:TITLE_MAX_LENGTH]
    errors = list(filterset.errors.items()) if not filterset.is_valid() else []
    if limit is None:
        errors.append(("limit", [_("Choose a number from 1 to %(max)s.") % {"max": MAX_LIMIT}]))
    occurrences = [] if errors else list(feed_occurrences(filterset, limit=limit))
    query = filter_query(request.GET)
    response = render(
        request,
        "embed/list.html",
        {
            "occurrences": occurrences,
            "errors": errors,
            "heading": title or describe_filters(filterset) or _("Culture events"),
            "more_url": reverse("events:list") + (f"?{query}" if query else ""),
        },
        status=400 if errors else 200,
    )
    # The one kind of page other sites may frame.
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


@require_safe
def embed_builder(request):
    """Pick filters (the listing's form, sent with GET), then copy the snippet; the preview
    shows the same address the snippet uses. Works without JavaScript."""
    filterset = feed_filterset(request)
    valid = filterset.is_valid() and _limit(request) is not None
    query = _embed_query(request)
    src = request.build_absolute_uri(reverse("feeds:embed") + (f"?{query}" if query else ""))
    title = request.GET.get("title", "").strip()[:TITLE_MAX_LENGTH]
    frame_title = title or _("Culture events from Kulturmetropolen")
    snippet = (
        f'<iframe src="{escape(src)}" title="{escape(frame_title)}" loading="lazy" '
        f'style="width:100%;min-height:400px;border:0"></iframe>\n'
        f'<script src="{request.build_absolute_uri(static("js/embed-host.js"))}" async></script>'
    )
    return render(
        request,
        "embed/builder.html",
        {
            "filter": filterset,
            "valid": valid,
            "src": src,
            "snippet": snippet,
            "frame_title": frame_title,
            "limit": request.GET.get("limit", DEFAULT_LIMIT),
            "title_value": title,
            "max_limit": MAX_LIMIT,
        },
        status=200 if valid else 400,
    )
