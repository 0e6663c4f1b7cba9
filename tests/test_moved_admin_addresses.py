"""The admin's addresses of the models that moved between apps still lead to them.

Text pages moved from ``kulturmetropolen`` to ``pages``, unsent e-mails to ``core`` (and then
into django-post-office's queue) and access requests from ``municipalities`` to ``accounts``.
A bookmark or a link in an e-mail sent before the move gets a permanent redirect to the same
place under the new app.
"""

import pytest

from accounts.models import AccessRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/kulturmetropolen/page/", "/admin/pages/page/"),
        ("/admin/kulturmetropolen/outgoingemail/", "/admin/post_office/email/"),
        ("/admin/core/outgoingemail/", "/admin/post_office/email/"),
        ("/admin/municipalities/accessrequest/", "/admin/accounts/accessrequest/"),
        ("/en/admin/kulturmetropolen/page/", "/en/admin/pages/page/"),
    ],
)
def test_an_old_admin_address_redirects_permanently_to_the_new_one(client, old, new):
    response = client.get(old + "?status__exact=pending")
    assert response.status_code == 301
    assert response["Location"] == new + "?status__exact=pending"


def test_the_link_in_an_access_request_email_sent_before_the_move_still_opens_it(client, secretary):
    request = AccessRequest.objects.create(name="Ida", email="ida@example.org")
    client.force_login(secretary)
    response = client.get(f"/admin/municipalities/accessrequest/{request.pk}/change/", follow=True)
    assert response.redirect_chain == [(f"/admin/accounts/accessrequest/{request.pk}/change/", 301)]
    assert response.status_code == 200
    assert "ida@example.org" in response.content.decode()


def test_an_encoded_character_in_the_old_address_stays_encoded(client):
    response = client.get("/admin/kulturmetropolen/page/%3F//x%23y/")
    assert response.status_code == 301
    assert response["Location"] == "/admin/pages/page/%3F//x%23y/"


def test_a_custom_admin_address_is_matched_literally(client, settings):
    settings.ADMIN_URL = "sty.ring/"
    from importlib import reload

    from django.urls import clear_url_caches

    import kulturmetropolen.urls

    try:
        reload(kulturmetropolen.urls)
        clear_url_caches()
        assert client.get("/sty.ring/kulturmetropolen/page/").status_code == 301
        assert client.get("/stylring/kulturmetropolen/page/").status_code == 404
    finally:
        settings.ADMIN_URL = "admin/"
        reload(kulturmetropolen.urls)
        clear_url_caches()


def test_an_address_that_never_existed_is_still_a_404(client, secretary):
    client.force_login(secretary)
    assert client.get("/admin/kulturmetropolen/unknown/").status_code == 404
