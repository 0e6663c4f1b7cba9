"""What every public page has (a skip link, one h1, the Danish language, an English version),
the not found page for an unknown slug, the health check, and the server error page rendered
without the database."""

import re

import pytest
from django.test import RequestFactory

from core.views import server_error
from tests.public_pages.support import text, upcoming_event, url

pytestmark = pytest.mark.django_db


# --- Language, structure, errors ----------------------------------------------------------


def public_paths():
    event = upcoming_event()
    fixed = "/ /arrangementer/ /kommuner/ /kommuner/koege/ /indsatser/ungekultur/ /om/"
    fixed += " /tilgaengelighed/ /privatliv/ /konto/login/ /konto/password_reset/"
    return [*fixed.split(), url(event), url(event.venue)]


def test_every_public_page_has_skip_link_one_h1_and_danish_lang(client):
    for path in public_paths():
        response = client.get(path)
        html = text(response)
        assert response.status_code == 200, path
        assert '<html lang="da">' in html, path
        assert re.search(r'<a [^>]*href="#main"', html), path
        assert 'id="main"' in html, path
        assert len(re.findall(r"<h1[\s>]", html)) == 1, path


def test_every_public_page_has_an_english_version(client):
    for path in public_paths():
        response = client.get(f"/en{path}")
        assert response.status_code == 200, path
        assert '<html lang="en">' in text(response), path


UNKNOWN = ["/arrangementer/x/", "/kommuner/x/", "/steder/x/", "/indsatser/x/", "/ukendt/"]


@pytest.mark.parametrize("path", [*UNKNOWN, "/en/arrangementer/x/", "/en/steder/x/"])
def test_unknown_slug_is_404_with_link_to_the_listing(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    listing = "/en/arrangementer/" if path.startswith("/en/") else "/arrangementer/"
    assert f'href="{listing}"' in text(response)


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"


def test_server_error_renders_the_500_template_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = text(response)
    assert response.status_code == 500
    assert '<html lang="da">' in html
    assert "<title>Der skete en fejl · Kulturmetropolen</title>" in html
    assert 'href="/"' in html
