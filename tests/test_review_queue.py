"""The review queue end to end: the counts on the admin index, the queue's query counts, and
the whole flow from invite to the public page through the real stack (test client, URLs,
middleware, templates, e-mail).

How long the secretariat's review of 20 pending submissions takes, in clicks (see
``test_reviewing_20_submissions_takes_5_clicks``): 5 — open the admin index, click
"20 arrangementer venter på godkendelse", tick "select all", choose "Approve and publish the
selected events" in the action menu, click "Udfør". Reading each event on its own page before
deciding adds 2 clicks per event (open it, back to the list): 45 for 20. Rejecting is per
group with one reason: select, choose "Reject …", "Udfør", type the reason, confirm.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, VenueFactory
from tests.staff_helpers import event_data, shown, soon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish_review_site")]

EVENTS_QUEUE = reverse("admin:events_event_changelist") + "?status__exact=submitted"
REVISIONS_QUEUE = reverse("admin:events_eventrevision_changelist") + "?status__exact=pending"


@pytest.fixture
def secretary():
    user = UserFactory(username="sekretaer", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


@pytest.fixture
def admin_client(secretary):
    client = Client()
    client.force_login(secretary)
    return client


def submitted(n, venue=None):
    venue = venue or VenueFactory()
    events = [EventFactory(venue=venue, status="submitted") for _ in range(n)]
    for event in events:
        OccurrenceFactory(event=event)
    return events


def pending_revisions(n):
    submitter = UserFactory()
    return [
        EventRevision.objects.create(
            event=EventFactory(status="published"),
            submitted_by=submitter,
            data={"fields": {"title": "Ny"}, "m2m": {}, "dates": []},
        )
        for _ in range(n)
    ]


def queries(client, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


# --- The counts on the admin index --------------------------------------------------------


def test_the_admin_index_shows_the_pending_counts_with_links(admin_client):
    submitted(3)
    EventFactory(status="published")
    EventFactory(status="draft")
    pending_revisions(1)
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "3 arrangementer venter på godkendelse" in html
    assert "1 ændring venter" in html
    assert f'href="{EVENTS_QUEUE}"' in html
    assert f'href="{REVISIONS_QUEUE}"' in html


def test_the_admin_index_counts_cost_the_same_for_few_and_many(admin_client):
    submitted(1)
    pending_revisions(1)
    _, few = queries(admin_client, reverse("admin:index"))
    submitted(25)
    pending_revisions(15)
    response, many = queries(admin_client, reverse("admin:index"))
    assert "26 arrangementer venter på godkendelse" in response.content.decode()
    assert "16 ændringer venter" in response.content.decode()
    assert many == few


def test_the_counts_are_hidden_from_admin_users_who_cannot_review(client):
    user = UserFactory(username="redaktoer", is_staff=True)
    client.force_login(user)
    submitted(2)
    html = client.get(reverse("admin:index")).content.decode()
    assert "venter på godkendelse" not in html


# --- Query counts of the queue ------------------------------------------------------------


def test_the_event_queue_query_count_does_not_grow(admin_client):
    submitted(2)
    EventFactory(status="published")
    response, few = queries(admin_client, EVENTS_QUEUE)
    assert len(response.context["cl"].result_list) == 2
    venues = [VenueFactory() for _ in range(3)]
    for i in range(30):
        submitted(1, venue=venues[i % 3])
    response, many = queries(admin_client, EVENTS_QUEUE)
    assert len(response.context["cl"].result_list) == 32
    assert many == few


def test_the_revision_queue_query_count_does_not_grow(admin_client):
    pending_revisions(2)
    response, few = queries(admin_client, REVISIONS_QUEUE)
    assert len(response.context["cl"].result_list) == 2
    pending_revisions(30)
    response, many = queries(admin_client, REVISIONS_QUEUE)
    assert len(response.context["cl"].result_list) == 32
    assert many == few


# --- The whole flow -----------------------------------------------------------------------


def link_in(mail):
    return re.search(r"https?://\S+/konto/reset/\S+/", mail.body).group(0)


def approve(admin_client, events, versions=None):
    """The approve action on ``events``, sending the versions the list showed (read from
    the queue page when not given)."""
    if versions is None:
        html = admin_client.get(EVENTS_QUEUE).content.decode()
        versions = dict(re.findall(r'name="(version-\d+)" value="(\d+)"', html))
    return admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "approve", "_selected_action": [str(e.pk) for e in events], **versions},
    )


def test_invite_to_public_page_and_reject_edit_resubmit(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="Musikhuset")

    # The secretariat invites a booker from the venue admin.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:municipalities_venue_changelist"),
            {
                "action": "invite_staff",
                "_selected_action": [str(venue.pk)],
                "name": "Anna Berg",
                "email": "anna@example.org",
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@example.org")

    # The booker follows the e-mailed link, chooses a password and logs in.
    booker = Client()
    response = booker.get(link_in(mailoutbox[-1]).removeprefix("http://testserver"), follow=True)
    form_url = response.redirect_chain[-1][0]
    password = "en helt ny og lang adgangskode"
    response = booker.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    response = booker.post(reverse("login"), {"username": user.username, "password": password})
    assert response["Location"] == reverse("staff:dashboard")

    # She creates an event with two dates and submits it.
    first, second = soon(7), soon(14, hour=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = booker.post(
            reverse("staff:create"),
            event_data(venue, dates=[first, second], title="Korkoncert", submit="1"),
        )
    assert response.status_code == 302
    event = Event.objects.get(title="Korkoncert")
    assert event.status == Event.Status.SUBMITTED
    assert event.submitted_by == user
    assert event.occurrences.count() == 2
    assert Client().get(event.get_absolute_url()).status_code == 404  # not public yet
    assert "Korkoncert" in mailoutbox[-1].subject  # the secretariat is told

    # The secretariat finds it from the admin index and approves it.
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 arrangement venter på godkendelse" in index
    queue = admin_client.get(EVENTS_QUEUE)
    assert list(queue.context["cl"].result_list) == [event]
    with django_capture_on_commit_callbacks(execute=True):
        assert approve(admin_client, [event]).status_code == 302
    assert mailoutbox[-1].to == ["anna@example.org"]

    # The public page shows it with both dates.
    public = Client().get(event.get_absolute_url())
    assert public.status_code == 200
    html = public.content.decode()
    assert "Korkoncert" in html
    for start, _end in (first, second):
        assert f'datetime="{timezone.localtime(start).isoformat()}"' in html
    assert html.count('class="dates__item') == 2

    # A second event is rejected with a reason, edited and sent again.
    with django_capture_on_commit_callbacks(execute=True):
        booker.post(
            reverse("staff:create"),
            event_data(venue, dates=[soon(21)], title="Strikkecafé", submit="1"),
        )
    other = Event.objects.get(title="Strikkecafé")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:events_event_changelist"),
            {
                "action": "reject",
                "_selected_action": [str(other.pk)],
                "reason": "Mangler pris.",
                **shown(other),
            },
        )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Event.Status.REJECTED
    assert "Mangler pris." in mailoutbox[-1].body
    assert "Mangler pris." in booker.get(reverse("staff:dashboard")).content.decode()
    edit = booker.get(reverse("staff:edit", args=[other.pk]))
    assert "Mangler pris." in edit.content.decode()

    data = event_data(
        venue,
        existing=list(other.occurrences.all()),
        title="Strikkecafé",
        price_text="50 kr.",
        price_min="50",
        submit="1",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = booker.post(reverse("staff:edit", args=[other.pk]), data)
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Event.Status.SUBMITTED
    assert other.rejection_reason == ""
    assert other.price_text == "50 kr."
    assert Client().get(other.get_absolute_url()).status_code == 404
    assert list(admin_client.get(EVENTS_QUEUE).context["cl"].result_list) == [other]


# --- Clicks -------------------------------------------------------------------------------


def test_reviewing_20_submissions_takes_5_clicks(admin_client):
    """The secretariat approves 20 pending submissions in 5 clicks:

    1. open the admin index (/admin/);
    2. click "20 arrangementer venter på godkendelse" (the queue, all 20 on one page);
    3. tick "select all";
    4. choose "Approve and publish the selected events" in the action menu;
    5. click "Udfør" (Go).

    Each step below is the request (or the form field) that click makes.
    """
    events = submitted(20)
    EventFactory(status="published")

    index = admin_client.get(reverse("admin:index")).content.decode()  # click 1
    assert "20 arrangementer venter på godkendelse" in index
    link = re.search(r'href="([^"]*status__exact=submitted[^"]*)"', index).group(1)
    queue = admin_client.get(link.replace("&amp;", "&"))  # click 2
    rows = list(queue.context["cl"].result_list)
    assert set(rows) == set(events)  # all on one page: one "select all" covers them
    html = queue.content.decode()
    assert 'id="action-toggle"' in html  # click 3
    assert 'value="approve"' in html  # click 4
    # The versions shown travel in the list's form (hidden inputs, no click).
    versions = dict(re.findall(r'name="(version-\d+)" value="(\d+)"', html))
    assert len(versions) == 20
    response = approve(admin_client, rows, versions)  # click 5
    assert response.status_code == 302
    assert Event.objects.filter(status=Event.Status.PUBLISHED).count() == 21
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "0 arrangementer venter på godkendelse" in index
