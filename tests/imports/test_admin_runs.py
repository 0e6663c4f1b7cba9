"""What a run reports in the admin («Hent nu», «Prøv uden at gemme») for a calendar served
over HTTP: dates the calendar cancels count as cancelled, a source change held back by a
hand edit is shown with both values, and changes read old → new in the site's Danish."""

import pytest
from django.urls import reverse

from events.models import Event, Occurrence
from imports.models import EventSource
from tests.factories import VenueFactory
from tests.imports.feeds import calendar

pytestmark = pytest.mark.django_db

CONCERT = """
UID:koncert@fjordscenen
SUMMARY:{title}
DESCRIPTION:{description}
DTSTART;TZID=Europe/Copenhagen:{start}
DTEND;TZID=Europe/Copenhagen:20270312T220000
{extra}
"""


def vevent(title="Forårskoncert", description="Strygere.", start="20270312T200000", extra=""):
    return CONCERT.format(title=title, description=description, start=start, extra=extra)


@pytest.fixture
def source(web_server, allow_loopback, secretary, client):
    venue = VenueFactory(name="Fjordscenen", is_trusted=True)
    url = web_server.route("/cal.ics", calendar(vevent()), content_type="text/calendar")
    source = EventSource.objects.create(
        venue=venue, name="Fjordscenens kalender", url=url, trusted=True
    )
    source.web_server = web_server
    client.force_login(secretary)
    fetch(client, source)
    return source


def serve(source, *vevents):
    source.web_server.route("/cal.ics", calendar(*vevents), content_type="text/calendar")


def fetch(client, source) -> str:
    response = client.post(reverse("admin:imports_fetch", args=[source.pk]), follow=True)
    assert response.status_code == 200
    return " ".join(str(m) for m in response.context["messages"])


def preview(client, source) -> str:
    response = client.post(reverse("admin:imports_preview", args=[source.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_date_the_calendar_cancels_counts_as_cancelled(client, source):
    serve(source, vevent(extra="STATUS:CANCELLED"))
    assert "0 ændrede, 1 aflyste" in preview(client, source)
    message = fetch(client, source)
    assert "0 opdateret, 1 aflyst" in message
    source.refresh_from_db()
    assert (source.last_updated, source.last_cancelled) == (0, 1)
    assert Occurrence.objects.get().status == Occurrence.Status.CANCELLED


def test_a_source_change_kept_by_a_hand_edit_is_reported(client, source):
    Event.objects.update(title="Forårskoncert med strygere")  # edited here
    serve(source, vevent(title="Forårskoncert 2027"))
    html = preview(client, source)
    assert "1 ændret i kalenderen men beholdt som rettet her, 0 uændrede" in html
    kept = html[html.index("Ændret i kalenderen, beholdt som rettet her") :]
    assert (
        "Kalenderen har ændret titel til «Forårskoncert 2027»; "
        "beholdt: «Forårskoncert med strygere» (rettet her)"
    ) in kept
    message = fetch(client, source)
    assert "0 opdateret, 0 aflyst, 1 ændret i kalenderen men beholdt som rettet her" in message
    assert Event.objects.get().title == "Forårskoncert med strygere"
    source.refresh_from_db()
    assert (source.last_updated, source.last_kept, source.last_unchanged) == (0, 1, 0)


def test_preview_shows_fields_and_dates_old_to_new_in_danish(client, source):
    serve(source, vevent(title="Forårskoncert 2027", start="20270312T193000"))
    html = preview(client, source)
    changed = html[html.index("<h2>Ændrede</h2>") :]
    assert "<strong>titel</strong>: <del>Forårskoncert</del> → <ins>Forårskoncert 2027</ins>" in (
        changed
    )
    assert (
        "<del>fredag 12. marts 2027 kl. 20.00–22.00</del> → fredag 12. marts 2027 kl. 19.30–22.00"
    ) in changed
    assert "2027-03-12" not in changed
