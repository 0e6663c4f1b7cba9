"""Telling a hand edit here from a change at the source, through the admin's own form: a
textarea's ``\\r\\n`` line breaks (and NFC, surrounding spaces) are not an edit."""

import pytest
from django.urls import reverse

from events.models import Event
from imports.models import SourceItem
from imports.sync import run
from tests.imports.sync_helpers import NOW, make_source, single

pytestmark = pytest.mark.django_db

TEXT = "Første linje.\nAnden linje."


def change_form_data(client, event, **changes):
    """The admin change form as the secretariat has it open, ready to post."""
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "all")}
    data.update(
        {
            "focus_areas": [f.pk for f in event.focus_areas.all()],
            "venue": event.venue_id,
            "reviewed_by": "",
            "submitted_by": "",
            "image": "",
            "occurrences-TOTAL_FORMS": "0",
            "occurrences-INITIAL_FORMS": "0",
            "occurrences-MIN_NUM_FORMS": "0",
            "occurrences-MAX_NUM_FORMS": "1000",
        }
    )
    data.update(changes)
    return url, {k: v for k, v in data.items() if k not in {"slug", "created_at", "updated_at"}}


def test_title_edited_in_the_admin_leaves_the_description_following(client, secretary):
    source = make_source()
    run(source, events=[single(description=TEXT)], now=NOW)
    event = Event.objects.get()
    client.force_login(secretary)
    # The browser sends the textarea's line breaks as CRLF (HTML §4.10.11).
    url, data = change_form_data(
        client, event, title="Solokoncert (rettet)", description=TEXT.replace("\n", "\r\n")
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get().title == "Solokoncert (rettet)"

    item = SourceItem.objects.get()
    page = client.get(reverse("admin:imports_sourceitem_change", args=[item.pk]))
    html = page.content.decode()
    description = html[html.index('<th scope="row">beskrivelse</th>') :]
    description = description[: description.index("</tr>")]
    assert "Rettet her" not in description and "<td>Ja</td>" in description

    report = run(
        source, events=[single(title="Solo!", description="Ny tekst fra kalenderen.")], now=NOW
    )
    event = Event.objects.get()
    assert event.title == "Solokoncert (rettet)"
    assert event.description == "Ny tekst fra kalenderen."
    assert report.updated[0].kept == ["title"] and report.updated[0].fields == ["description"]
