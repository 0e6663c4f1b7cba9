"""A NUL character (U+0000) in a request's path, query string, form data or cookies is a 400
with a clear page, on every URL — the admin's list filters, search and lookups included.

PostgreSQL cannot store or compare a string with NUL in it, so before this every place such a
value reached the database was a 500 (``/admin/events/event/?status=%00`` was the finding).
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.factories import EventFactory, OccurrenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(db, settings):
    """A client that returns a 500 as a response instead of raising the view's error."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    OccurrenceFactory(event=EventFactory(title="Koncert"))
    return Client(raise_request_exception=False)


@pytest.fixture
def secretariat(browser):
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    browser.force_login(user)
    return browser


def assert_refused(response, url):
    assert response.status_code == 400, url
    body = response.content.decode()
    if url.startswith("/api/"):  # an API client reads JSON, errors too
        assert response["Content-Type"] == "application/json"
        assert "NUL" in response.json()["detail"], url
        return
    assert "NUL" in body, url
    assert response["Content-Type"].startswith("text/html")


ADMIN_URLS = [
    "/admin/events/event/?status=%00",
    "/admin/events/event/?status__exact=%00",
    "/admin/events/event/?q=%00",
    "/admin/events/event/?q=koncert%00",
    "/admin/events/event/?venue__id__exact=%00",
    "/admin/events/event/?o=%00",
    "/admin/events/event/?published_at__gte=%00",
    "/admin/events/occurrence/?q=%00",
    "/admin/events/eventrevision/?status__exact=%00",
    "/admin/municipalities/venue/?q=%00",
    "/admin/municipalities/venue/?municipality__id__exact=%00",
    "/admin/municipalities/municipality/?q=%00",
    "/admin/accounts/accessrequest/?q=%00",
    "/admin/accounts/accessrequest/?status__exact=%00",
    "/admin/pages/page/?q=%00",
    "/admin/auth/user/?q=%00",
    "/admin/events/event/%00/change/",
    "/admin/pages/page/%00/change/",
    "/admin/autocomplete/?app_label=events&model_name=event&field_name=venue&term=%00",
    "/admin/events/event/?_changelist_filters=status%3D%00",
    "/admin/events/event/?%00=1",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_a_nul_in_an_admin_list_filter_search_or_lookup_is_a_400(secretariat, url):
    assert_refused(secretariat.get(url), url)


PUBLIC_URLS = [
    "/arrangementer/?q=%00",
    "/arrangementer/?municipality=%00",
    "/arrangementer/?venue=%00",
    "/arrangementer/?date_from=%00",
    "/en/arrangementer/?q=%00",
    "/arrangementer/%00/",
    "/arrangementer/feed.ics?q=%00",
    "/arrangementer/feed.rss?q=%00",
    "/embed/?q=%00",
    "/api/v1/occurrences/?q=%00",
    "/api/v1/events/?venue=%00",
    "/api/v1/events/%00/",
    "/steder/%00/",
    "/?x=%00",
    "/konto/login/?next=%00",
    "/livez?%00",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_nul_in_a_public_address_is_a_400(browser, url):
    assert_refused(browser.get(url), url)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/konto/login/", {"username": "admin\x00", "password": "x"}),
        ("/konto/adgang/", {"name": "Ida\x00", "email": "ida@example.org"}),
        ("/konto/password_reset/", {"email": "ida\x00@example.org"}),
    ],
)
def test_a_nul_in_posted_form_data_is_a_400(browser, url, data):
    assert_refused(browser.post(url, data), url)


def test_a_nul_in_an_admin_form_is_a_400_and_saves_nothing(secretariat):
    event = EventFactory(title="Uændret")
    url = reverse("admin:events_event_change", args=[event.pk])
    assert_refused(secretariat.post(url, {"title": "Ny\x00titel"}), url)
    event.refresh_from_db()
    assert event.title == "Uændret"


def test_a_nul_in_an_urlencoded_form_is_a_400(browser):
    # The test client posts multipart/form-data unless told otherwise, as a form with a file
    # does; a plain form is urlencoded.
    body = urlencode({"name": "Ida\x00", "email": "ida@example.org"})
    response = browser.post(
        "/konto/adgang/", body, content_type="application/x-www-form-urlencoded"
    )
    assert_refused(response, "/konto/adgang/ urlencoded")


def test_a_nul_in_the_session_cookie_is_a_400(browser):
    # Python's cookie parser turns the octal escape \\000 in a quoted value into NUL.
    response = browser.get("/", HTTP_COOKIE='sessionid="abcdefgh\\000ijkl"')
    assert_refused(response, "/ with a NUL in the session cookie")


def test_the_400_page_speaks_the_language_of_the_address(browser):
    assert "ugyldigt tegn" in browser.get("/arrangementer/?q=%00").content.decode()
    assert "invalid character" in browser.get("/en/arrangementer/?q=%00").content.decode()


def test_ordinary_requests_pass(browser):
    assert browser.get("/arrangementer/?q=koncert").status_code == 200
    assert browser.get("/arrangementer/?q=%C3%B8l%20%26%20%25").status_code == 200
    assert browser.get("/admin/").status_code == 302
