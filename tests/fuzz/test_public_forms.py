"""Fuzzing the public forms: the access request form, the login forms (site and admin) and
the password reset form. No 5xx, nothing reflected unescaped, no login, no redirect off the
site, and a rejected form changes no row; an overlong user name is a failed login."""

import pytest
from axes.models import AccessAttempt
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.support import check, counts, fetch, fuzz, hostile, numbers, sent_values

pytestmark = pytest.mark.django_db

# --- Public forms -------------------------------------------------------------------------


@fuzz
@given(
    data=st.data(),
    fields=st.fixed_dictionaries(
        {},
        optional={
            "name": hostile,
            "email": st.one_of(st.emails(), hostile),
            "venue": st.one_of(numbers, hostile),
            "new_venue_name": hostile,
            "new_venue_address": hostile,
            "new_venue_municipality": st.one_of(numbers, hostile),
            "message": hostile,
            "homepage": st.one_of(st.just(""), hostile),
        },
    ),
)
def test_access_request_form(client, world, settings, data, fields):
    settings.ACCESS_REQUEST_RATE_LIMIT = 10_000
    if data.draw(st.booleans(), label="real venue"):
        fields = {**fields, "venue": str(world.venue.pk)}
    before = counts()
    response = fetch(client, "post", "/konto/adgang/", fields)
    check(response, sent_values(fields))
    if response.status_code != 302:
        assert response.status_code in {400, 429}
        assert counts() == before
    else:
        assert counts()[3] - before[3] in {0, 1}  # saved once, or a honeypot: not at all


@fuzz
@given(
    url=st.sampled_from(["/konto/login/", "/admin/login/", "/konto/password_reset/"]),
    fields=st.fixed_dictionaries(
        {},
        optional={
            # Longer names: see test_an_overlong_user_name_at_login_is_not_a_500 below.
            "username": hostile.filter(lambda name: len(name) <= 255),
            "password": hostile,
            "email": st.one_of(st.emails(), hostile),
            "next": st.one_of(
                st.sampled_from(
                    ["//evil.example/", "https://evil.example/", "javascript:alert(1)"]
                ),
                hostile,
            ),
        },
    ),
)
def test_login_and_password_reset_forms(client, world, url, fields):
    users = counts()
    response = fetch(client, "post", url, fields)
    check(response, sent_values(fields))
    assert response.status_code in {200, 302, 400, 403, 429}
    if response.status_code == 302:
        location = response["Location"]
        assert not location.startswith(("//", "http://evil", "https://evil", "javascript:"))
    assert "_auth_user_id" not in client.session
    assert counts() == users


LONG_NAME = "A" * 5_000


@pytest.mark.parametrize("url", ["/konto/login/", "/admin/login/"])
def test_an_overlong_user_name_at_login_is_a_failed_login_not_a_500(client, world, url):
    # django-axes stores the name in 255 characters; AXES_USERNAME_CALLABLE cuts it to 150.
    response = fetch(client, "post", url, {"username": LONG_NAME, "password": "forkert"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().username == "A" * 150
