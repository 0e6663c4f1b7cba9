"""No tracking and nothing from other sites: every request a page makes in the browser goes to
the site's own origin, and an anonymous visitor browsing the public pages gets no cookie."""

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser


def public_paths(site):
    return [
        "/",
        "/arrangementer/",
        "/arrangementer/?municipality=koege&period=weekend",
        site.concert.get_absolute_url(),
        site.exhibition.get_absolute_url(),
        site.municipality.get_absolute_url(),
        site.venue.get_absolute_url(),
        "/indsatser/musik/",
        "/kommuner/",
        "/om/",
        "/tilgaengelighed/",
        "/privatliv/",
        "/embed/?municipality=koege",
        "/embed/byg/",
        "/en/",
        "/en/arrangementer/",
    ]


def visit(context, live_server, paths):
    """Open each path and wait until the network is quiet; return every URL requested."""
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    return requested


def foreign(requested, live_server):
    own = live_server.url + "/"
    return [url for url in requested if not url.startswith((own, "data:", "blob:"))]


def test_public_pages_load_nothing_from_other_sites_and_set_no_cookie(context, live_server, site):
    paths = public_paths(site)
    requested = visit(context, live_server, paths)
    assert len(requested) > len(paths)  # the pages' own style sheets, scripts and images
    assert any(url.endswith(".css") for url in requested)
    assert any("/media/" in url for url in requested)  # the concert's image
    assert foreign(requested, live_server) == []
    assert context.cookies() == []


def test_staff_pages_load_nothing_from_other_sites(context, live_server, staff):
    log_in(context, live_server, staff.user)
    paths = ["/mine-arrangementer/", "/mine-arrangementer/nyt/", "/konto/adgang/"]
    requested = visit(context, live_server, paths)
    assert len(requested) > len(paths)
    assert foreign(requested, live_server) == []
