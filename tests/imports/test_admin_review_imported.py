"""The review screen and queue for events a reviewed source imported: the history entry
the import wrote has no user, and is shown as the import of its source."""

import pytest
from django.urls import reverse

from events.models import Event
from imports.sync import run
from tests.imports.sync_helpers import NOW, make_source, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    source = make_source(trusted=False)
    run(source, events=[single()], now=NOW)
    return Event.objects.get(title="Solokoncert")


def test_review_screen_shows_the_import_as_the_author(client, secretary, waiting):
    assert waiting.status == Event.Status.SUBMITTED
    client.force_login(secretary)
    response = client.get(reverse("admin:events_event_review", args=[waiting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    history = html[html.index('id="history-heading"') :]
    assert '<td data-label="Hvem">Import fra Fjordscenens kalender</td>' in history
    sent_by = html[html.index("<dt>Sendt af</dt>") :]
    assert sent_by.startswith("<dt>Sendt af</dt><dd>Import fra Fjordscenens kalender</dd>")


def test_queue_lists_the_imported_event(client, secretary, waiting):
    client.force_login(secretary)
    response = client.get(reverse("admin:events_event_changelist") + "?status__exact=submitted")
    assert response.status_code == 200
    assert "Solokoncert" in response.content.decode()


@pytest.mark.parametrize(
    ("second_run", "said"),
    [
        ([], "Væk fra kalenderen"),
        ([single(cancelled=True)], "Aflyst i kalenderen"),
    ],
)
def test_queue_and_review_screen_say_the_calendar_dropped_it(client, secretary, second_run, said):
    source = make_source(trusted=False)
    run(source, events=[single()], now=NOW)
    run(source, events=second_run, now=NOW)
    event = Event.objects.get(title="Solokoncert")
    assert event.status == Event.Status.SUBMITTED  # stays in the queue: the reviewer decides
    client.force_login(secretary)
    queue = client.get(reverse("admin:events_event_changelist") + "?status__exact=submitted")
    html = queue.content.decode()
    row = html[html.index("Solokoncert") :]
    row = row[: row.index("</tr>")]
    assert f"Venter på godkendelse<br><strong>{said}</strong>" in row
    screen = client.get(reverse("admin:events_event_review", args=[event.pk])).content.decode()
    notice = screen[screen.index('id="calendar-says"') :]
    assert notice.startswith(f'id="calendar-says">\n        <p><strong>{said}</strong></p>')
    assert "Fjordscenens kalender har aflyst arrangementet" in notice


def test_an_event_still_in_the_calendar_gets_no_calendar_note(client, secretary, waiting):
    client.force_login(secretary)
    screen = client.get(reverse("admin:events_event_review", args=[waiting.pk]))
    assert 'id="calendar-says"' not in screen.content.decode()
