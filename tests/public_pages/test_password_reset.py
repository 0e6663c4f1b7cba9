"""The password reset pages: a known address gets a mail with a reset link (on SITE_URL,
whatever the Host header says), an unknown one gets nothing and the same answer; the mail is
queued, never sent inside the request; at most three mails per address per hour, and a 429
for a client that asks too often."""

import re

import pytest
from post_office.models import STATUS, Email

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- Accounts -----------------------------------------------------------------------------


def test_password_reset_mails_a_reset_link(client, mailoutbox, settings):
    settings.SITE_URL = "https://events.example.org"
    user = UserFactory(email="kirsten@koege.dk")
    response = client.post("/konto/password_reset/", {"email": "kirsten@koege.dk"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert re.search(r"^https://events.example.org/konto/reset/[\w-]+/[\w-]+/$", message.body, re.M)


def test_password_reset_for_unknown_address_sends_nothing(client, mailoutbox):
    response = client.post("/konto/password_reset/", {"email": "ingen@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def reset(client, email, ip="192.0.2.1", **extra):
    return client.post("/konto/password_reset/", {"email": email}, REMOTE_ADDR=ip, **extra)


def test_known_and_unknown_addresses_get_the_same_answer_without_a_mail_server(client, settings):
    """No SMTP in the request: a dead mail server changes nothing for the person asking,
    and a known address cannot be told from an unknown one by the answer."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    UserFactory(email="kirsten@koege.dk")
    known = reset(client, "kirsten@koege.dk")
    unknown = reset(client, "ingen@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.status_code == 302
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    assert Email.objects.filter(to="kirsten@koege.dk", status=STATUS.queued).count() == 1


def test_thirty_resets_for_one_address_queue_at_most_three_mails(client, mailoutbox):
    UserFactory(email="kirsten@koege.dk")
    answers = {
        (r.status_code, r["Location"])
        for r in (reset(client, "Kirsten@koege.dk", ip=f"192.0.2.{n}") for n in range(1, 31))
    }
    assert answers == {(302, "/konto/password_reset/done/")}  # the same every time
    assert Email.objects.count() == 3
    assert len(mailoutbox) == 3


def test_too_many_requests_from_one_client_get_a_clear_429(client, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 10
    UserFactory(email="kirsten@koege.dk")
    for n in range(10):
        assert reset(client, f"person{n}@example.org").status_code == 302
    response = reset(client, "kirsten@koege.dk")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "<h1>For mange anmodninger</h1>" in html
    assert "Prøv igen om en time" in html
    assert Email.objects.count() == 0
    assert reset(client, "kirsten@koege.dk", ip="192.0.2.77").status_code == 302  # another client


def test_the_reset_link_ignores_a_forged_host_header(client, settings, mailoutbox):
    settings.SITE_URL = "https://events.example.org"
    settings.ALLOWED_HOSTS = ["events.example.org", "evil.example"]
    UserFactory(email="kirsten@koege.dk")
    response = reset(client, "kirsten@koege.dk", HTTP_HOST="evil.example")
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "evil.example" not in message.body
    assert "https://events.example.org/konto/reset/" in message.body
