"""One rule for the client's address (core.clients.client_ip): X-Forwarded-For is read only
as far as the site's own proxies (TRUSTED_PROXY_COUNT) wrote it. A client that sends a new
forged X-Forwarded-For with every request is still one client to the API throttle, the login
lockout and the public forms' limits."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts.models import AccessRequest
from core.clients import client_ip
from tests.factories import UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/focus-areas/"
PROXY = "10.0.0.2"  # our reverse proxy, as gunicorn sees it


@pytest.fixture(autouse=True)
def _danish(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("da")
    yield
    translation.deactivate()


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "", "198.51.100.9"),
        (0, "203.0.113.7", "198.51.100.9"),  # nobody to trust: the connection
        (1, "", "198.51.100.9"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the forged part on the left is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.1.1.1", "203.0.113.7"),
        (3, "203.0.113.7, 10.1.1.1", "203.0.113.7"),  # all written by our proxies: leftmost
        (1, "6.6.6.6, not-an-address", "198.51.100.9"),
        (1, "6.6.6.6,2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_written_by_the_outermost_trusted_proxy(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_new_forged_x_forwarded_for_each_time_does_not_escape_the_api_throttle(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy in front: the header is the client's own
    statuses = [
        client.get(
            API, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"10.9.{n // 250}.{n}"
        ).status_code
        for n in range(200)
    ]
    assert statuses.count(200) == 120  # API_THROTTLE_ANON: 120/minute
    assert statuses[120:] == [429] * 80


def test_behind_one_proxy_the_address_it_appended_counts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.get(
            API, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.0.{n % 250}, 203.0.113.7"
        ).status_code
        for n in range(200)
    ]
    assert statuses.count(200) == 120
    assert statuses[-1] == 429
    # Another client behind the same proxy has its own allowance.
    other = client.get(API, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


def test_a_forged_x_forwarded_for_does_not_escape_the_login_lockout(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="booker", password="correct horse battery staple")
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": "booker", "password": "wrong"},
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"10.9.0.{n}",
        )
    response = client.post(
        reverse("login"),
        {"username": "booker", "password": "correct horse battery staple"},
        REMOTE_ADDR="198.51.100.9",
        HTTP_X_FORWARDED_FOR="10.9.0.99",
    )
    assert response.status_code == 429


def test_a_forged_x_forwarded_for_does_not_escape_the_access_request_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCESS_REQUEST_RATE_LIMIT = 2
    venue = VenueFactory()
    statuses = [
        client.post(
            "/konto/adgang/",
            {"name": "Anna", "email": f"a{n}@example.org", "venue": venue.pk, "message": "Hej"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.9.0.{n}, 203.0.113.7",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert AccessRequest.objects.count() == 2


def test_behind_one_proxy_the_login_lockout_is_per_appended_address(client, settings):
    """django-axes asks core.clients for the address: the proxy's own is the same for
    everyone, the one it appended tells the clients apart."""
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="booker", password="correct horse battery staple")

    def log_in(password, forwarded):
        return client.post(
            reverse("login"),
            {"username": "booker", "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(5):
        log_in("wrong", f"10.9.0.{n}, 203.0.113.7")
    assert log_in("correct horse battery staple", "10.9.0.99, 203.0.113.7").status_code == 429
    assert log_in("correct horse battery staple", "203.0.113.8").status_code == 302
