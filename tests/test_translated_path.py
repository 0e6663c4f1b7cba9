"""A page's links to itself in each language (the language switch, hreflang) are what
Django's ``translate_url`` makes, without resolving the path again."""

import pytest
from django.test import RequestFactory
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from core.paths import translated_path
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return OccurrenceFactory(event__title="Ølsmagning på Kulturværftet").event


def paths(event):
    return [
        "/",
        "/arrangementer/",
        "/arrangementer/?q=koncert&municipality=koge",
        event.get_absolute_url(),
        event.get_absolute_url() + "?x=1#dates",
        "/kommuner/",
        "/findes-ikke/",
    ]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_page_is_linked_in_each_language_as_translate_url_links_it(event, language):
    for path in paths(event):
        with translation.override(language):
            prefixed = path if language == "da" else "/en" + path
            request = RequestFactory().get(prefixed)
            try:
                request.resolver_match = resolve(request.path)
            except Resolver404:  # a path that resolves to nothing: no resolver_match
                request.resolver_match = None
            for code in ("da", "en"):
                assert translated_path(request, prefixed, code) == translate_url(prefixed, code)


def test_the_listing_links_itself_in_english_with_its_query(client, event):
    html = client.get("/arrangementer/", {"q": "koncert"}).content.decode()
    assert 'href="/en/arrangementer/?q=koncert"' in html
    assert 'hreflang="en" href="http://testserver/en/arrangementer/"' in html
