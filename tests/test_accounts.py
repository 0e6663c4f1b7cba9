"""Accounts: login throttling (django-axes) and inviting venue staff from the venue admin."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    translation.activate("da")
    yield
    translation.deactivate()


def log_in(client, username, password, ip="127.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


# --- Login throttling ---------------------------------------------------------------------


def test_a_wrong_password_shows_the_form_again(client):
    UserFactory(username="booker")
    response = log_in(client, "booker", "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_from_that_address(client):
    UserFactory(username="booker")
    for _ in range(4):
        assert log_in(client, "booker", "wrong").status_code == 200
    log_in(client, "booker", "wrong")

    response = log_in(client, "booker", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Login låst" in html
    assert "låst i 15 minutter" in html
    assert reverse("password_reset") in html


def test_the_lock_holds_for_the_admin_login_too(client):
    UserFactory(username="chef", is_staff=True, is_superuser=True)
    for _ in range(5):
        log_in(client, "chef", "wrong")
    response = client.post(
        reverse("admin:login"), {"username": "chef", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client):
    UserFactory(username="booker")
    for _ in range(4):
        log_in(client, "booker", "wrong")
    assert log_in(client, "booker", PASSWORD).status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username="booker").exists()

    for _ in range(4):
        assert log_in(client, "booker", "wrong").status_code == 200
    assert log_in(client, "booker", PASSWORD).status_code == 302


def test_another_address_is_not_locked(client):
    UserFactory(username="booker")
    for _ in range(5):
        log_in(client, "booker", "wrong", ip="10.0.0.1")
    assert log_in(client, "booker", PASSWORD, ip="10.0.0.1").status_code == 429

    response = log_in(client, "booker", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


def test_the_admin_login_works(client):
    UserFactory(username="chef", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"), {"username": "chef", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_login_page_links_to_the_access_request_form(client):
    response = client.get(reverse("login"))
    assert reverse("accounts:access_request") in response.content.decode()


# --- Invites ------------------------------------------------------------------------------


@pytest.fixture
def secretary(client):
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    client.force_login(user)
    return user


def invite(client, venues, **data):
    return client.post(
        reverse("admin:municipalities_venue_changelist"),
        {"action": "invite_staff", "_selected_action": [v.pk for v in venues], **data},
    )


def link_in(mail):
    return re.search(r"https?://\S+/konto/reset/\S+/", mail.body).group(0)


def test_invite_asks_for_name_and_email(client, secretary):
    venue = VenueFactory(name="Musikhuset")
    response = invite(client, [venue])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="name"' in html
    assert "Musikhuset" in html


def test_invite_with_a_bad_email_asks_again_and_creates_nobody(client, secretary, mailoutbox):
    venue = VenueFactory()
    response = invite(client, [venue], name="Anna Berg", email="not an address")
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not get_user_model().objects.filter(first_name="Anna").exists()
    assert mailoutbox == []


def test_invite_creates_the_account_and_the_link_lets_the_person_in(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    venue = VenueFactory(name="Musikhuset")
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, [venue], name="Anna Berg", email="Anna@Example.org")
    assert response.status_code == 302

    user = get_user_model().objects.get(email="Anna@example.org")
    assert (user.first_name, user.last_name) == ("Anna", "Berg")
    assert not user.is_staff
    assert not user.has_usable_password()
    assert list(venue.staff.all()) == [user]

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Anna@example.org"]
    assert "Musikhuset" in mail.subject
    assert "Hej Anna" in mail.body
    assert "adgangskode" in mail.body

    client.logout()
    link = link_in(mail).removeprefix("http://testserver")
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "en helt ny og lang adgangskode"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()

    response = log_in(client, user.username, new_password)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Musikhuset" in response.content.decode()


def test_invite_reuses_an_existing_account(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(username="booker", email="booker@example.org")
    first, second = VenueFactory(), VenueFactory()
    first.staff.add(person)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, [second], name="Bo Ker", email="BOOKER@example.org")
    assert get_user_model().objects.filter(email__iexact="booker@example.org").count() == 1
    assert set(person.venues.all()) == {first, second}
    person.refresh_from_db()
    assert person.has_usable_password()  # the old password still works
    assert len(mailoutbox) == 1
    assert reverse("login") in mailoutbox[0].body


def test_a_mail_server_that_is_down_does_not_lose_the_invite(
    client, secretary, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.test_accounts.BrokenBackend"
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, [venue], name="Anna Berg", email="anna@example.org")
    assert response.status_code == 302
    assert venue.staff.filter(email="anna@example.org").exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
