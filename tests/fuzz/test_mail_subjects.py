"""Fuzzing the one way the site sends e-mail: whatever a subject contains (names and titles
come from anonymous visitors and venue staff), the message is queued and Django can build it
for sending; its subject is one line with no control characters."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from post_office.models import Email

from core.mail import send_templated_mail
from tests.fuzz.support import fuzz, hostile

pytestmark = pytest.mark.django_db

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@fuzz
@given(subject=st.one_of(hostile, st.text(max_size=1200)))
def test_any_subject_gives_a_sendable_message(subject):
    assert send_templated_mail(
        subject, "events/emails/review_needed.txt", {"queue_url": "/"}, ["a@example.org"]
    )
    email = Email.objects.latest("pk")
    assert not CONTROL.search(email.subject)
    assert email.subject == email.subject.strip()
    email.email_message().message()  # Django raises BadHeaderError on a line break
