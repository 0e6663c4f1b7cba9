"""The password reset pages: a known address gets a mail with a reset link, an unknown one
gets nothing (and the same answer)."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- Accounts -----------------------------------------------------------------------------


def test_password_reset_mails_a_reset_link(client, mailoutbox):
    user = UserFactory(email="kirsten@koege.dk")
    response = client.post("/konto/password_reset/", {"email": "kirsten@koege.dk"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert re.search(r"https?://testserver/konto/reset/[\w-]+/[\w-]+/", message.body)


def test_password_reset_for_unknown_address_sends_nothing(client, mailoutbox):
    response = client.post("/konto/password_reset/", {"email": "ingen@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
