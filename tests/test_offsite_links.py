"""A request for ``//evil.example/…`` (or ``/\\evil.example/…``) gets no link to another host:
not the language switch, not the canonical link, not a login's ``next``."""

import re

import pytest
from django.test import RequestFactory

from core.paths import local_path
from events.templatetags.sharing import page_meta
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src|action|content|value)="([^"]*)"')
HOSTILE_PATHS = [
    "//evil.example/arrangementer/",
    "//evil.example/en/arrangementer/",
    "//evil.example/arrangementer/?municipality=koege",
    "///evil.example/kommuner/",
    "/\\evil.example/arrangementer/",
    "/\\/evil.example/",
    "//arrangementer/",
]


def links(response):
    return LINK.findall(response.content.decode())


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_path_starting_with_two_slashes_links_to_no_other_host(client, path):
    OccurrenceFactory()
    path, _, query = path.partition("?")
    response = client.get("/", PATH_INFO=path, QUERY_STRING=query)
    assert response.status_code == 404
    found = links(response)
    assert any("lang-switch" in line for line in response.content.decode().splitlines())
    assert not [url for url in found if "evil.example" in url], found
    assert not [url for url in found if url.startswith(("//", "/\\"))], found


def test_the_language_switch_of_a_hostile_path_is_the_other_front_page(client):
    response = client.get("/", PATH_INFO="//evil.example/arrangementer/")
    assert 'class="lang-switch" href="/en/"' in response.content.decode()
    response = client.get("/", PATH_INFO="//evil.example/en/arrangementer/")
    assert 'class="lang-switch" href="/en/"' in response.content.decode()


def test_the_canonical_link_stays_on_the_site_whatever_the_path():
    request = RequestFactory().get("/", PATH_INFO="//evil.example/arrangementer/")
    request.resolver_match = object()  # as if the path had resolved
    meta = page_meta({"request": request})
    assert meta["canonical"] == "http://testserver/evil.example/arrangementer/"
    for alternate in meta["alternates"]:
        assert alternate["url"].startswith("http://testserver/"), alternate


def test_a_login_next_to_another_host_is_dropped(client):
    response = client.get("/konto/login/?next=//evil.example/")
    assert response.status_code == 200
    assert '<input type="hidden" name="next" value="">' in response.content.decode()
    assert not [url for url in links(response) if url.startswith(("//", "/\\"))]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("//evil.example/x/", "/evil.example/x/"),
        ("/\\evil.example", "/evil.example"),
        ("\\\\evil.example", "/evil.example"),
        ("/arrangementer/?q=//x", "/arrangementer/?q=//x"),
        ("/", "/"),
        ("", "/"),
    ],
)
def test_local_path(path, expected):
    assert local_path(path) == expected
