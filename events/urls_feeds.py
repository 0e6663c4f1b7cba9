"""URLs of calendars (ICS), RSS/Atom feeds, embeds, the JSON API, sitemap and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import condition, require_safe
from django.views.generic import TemplateView

from . import conditional
from .api import errors as api_errors
from .feeds import EventAtomFeed, EventRssFeed
from .sitemaps import SITEMAPS, sitemap_section
from .views import calendars, embed


def _conditional(view):
    with_condition = condition(
        etag_func=conditional.etag, last_modified_func=conditional.last_modified
    )
    return require_safe(with_condition(view))


localized_feed_patterns = (
    [
        # Before <slug>.ics: "feed" is not an event.
        path("arrangementer/feed.ics", calendars.listing_calendar, name="ics"),
        path("arrangementer/feed.rss", _conditional(EventRssFeed()), name="rss"),
        path("arrangementer/feed.atom", _conditional(EventAtomFeed()), name="atom"),
        path("arrangementer/<slug:slug>.ics", calendars.event_calendar, name="event_ics"),
        path(
            "arrangementer/<slug:slug>/<int:pk>.ics",
            calendars.occurrence_calendar,
            name="occurrence_ics",
        ),
        path("embed/", embed.embed_list, name="embed"),
        path("embed/byg/", embed.embed_builder, name="embed_builder"),
    ],
    "feeds",
)

unprefixed_patterns = [
    path("api/v1/", include("events.api.urls")),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^api/", api_errors.not_found),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]
