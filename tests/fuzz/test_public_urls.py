"""Fuzzing the query parameters and path segments of the public URLs: the listing and its
filters, feeds, embeds and API, every other public page (places, text pages, the event and
its calendar files, the sitemap, the login pages), and hostile path segments. No 5xx, nothing
reflected unescaped, XML and iCalendar that still parse, unknown paths a 4xx."""

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.support import (
    LISTING_PARAMETERS,
    check,
    encode,
    fetch,
    fuzz,
    hostile,
    query,
    sent_values,
)

pytestmark = pytest.mark.django_db

# --- Query parameters of public URLs ------------------------------------------------------

LISTING_URLS = [
    "/arrangementer/",
    "/en/arrangementer/",
    "/arrangementer/feed.ics",
    "/arrangementer/feed.rss",
    "/arrangementer/feed.atom",
    "/en/arrangementer/feed.rss",
    "/embed/",
    "/embed/byg/",
    "/api/v1/occurrences/",
]


@fuzz
@given(
    url=st.sampled_from(LISTING_URLS),
    pairs=query(LISTING_PARAMETERS, extra=["limit", "title", "page_size", "format", "ordering"]),
)
# Found by this test: a control character in q broke the feeds' XML.
@example(url="/arrangementer/feed.rss", pairs=[("q", "a\x0bb")])
@example(url="/arrangementer/feed.atom", pairs=[("q", "\x1b")])
# Found by review: a CR in q started a property of its own in the calendar; a LF was a 500.
@example(url="/arrangementer/feed.ics", pairs=[("q", "x\rURL:https://evil.example/")])
@example(url="/arrangementer/feed.ics", pairs=[("q", "x\ny;a,b")])
def test_listing_feeds_embeds_and_api_filters(client, world, url, pairs):
    response = fetch(client, "get", f"{url}?{encode(pairs)}")
    check(response, sent_values(pairs))


def place_urls(event):
    occurrence = event.occurrences.first()
    return [
        "/",
        "/om/",
        "/privatliv/",
        "/kommuner/",
        "/kommuner/koege/",
        "/steder/fuzz-scene/",
        "/indsatser/musik/",
        event.get_absolute_url(),
        f"/arrangementer/{event.slug}.ics",
        f"/arrangementer/{event.slug}/{occurrence.pk}.ics",
        "/api/v1/",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/api/v1/venues/",
        "/api/v1/municipalities/",
        "/api/v1/focus-areas/",
        "/api/v1/docs/",
        "/sitemap.xml",
        "/sitemap-events.xml",
        "/robots.txt",
        "/konto/login/",
        "/konto/adgang/",
        "/konto/password_reset/",
        "/admin/login/",
    ]


@fuzz
@given(data=st.data(), pairs=query(["page", "p", "next", "q", "page_size", "format", "lang"]))
def test_every_other_public_page_with_random_parameters(client, world, data, pairs):
    url = data.draw(st.sampled_from(place_urls(world)), label="url")
    response = fetch(client, "get", f"{url}?{encode(pairs)}")
    check(response, sent_values(pairs))


@fuzz
@given(
    pattern=st.sampled_from(
        [
            "/arrangementer/{}/",
            "/arrangementer/{}.ics",
            "/kommuner/{}/",
            "/steder/{}/",
            "/indsatser/{}/",
            "/api/v1/events/{}/",
            "/api/v1/occurrences/{}/",
            "/api/v1/venues/{}/",
            "/sitemap-{}.xml",
            "/konto/reset/{}/set-password/",
            "/konto/reset/MQ/{}/",
            "/mine-arrangementer/{}/",
        ]
    ),
    segment=hostile,
)
# Found by this test: a NUL byte in an API lookup reached PostgreSQL.
@example(pattern="/api/v1/events/{}/", segment="\x00")
@example(pattern="/api/v1/occurrences/{}/", segment="\x00")
def test_hostile_path_segments(client, world, pattern, segment):
    url = pattern.format(quote(segment, safe=""))
    response = fetch(client, "get", url)
    assert response.status_code in {200, 301, 302, 400, 404}, url
    check(response, [segment])
