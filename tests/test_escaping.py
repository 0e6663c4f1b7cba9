"""HTML and script typed into every text field reach every place they are shown as text.

Venue staff type markup into each text and link field of the event form; the event goes
through review to the public. Each page that shows it must show the text escaped — no
element, attribute or script of the visitor's making — and the machine formats must carry it
as data: ICS and RSS/Atom as text, the API as a JSON string, the JSON-LD inside the detail
page without a way out of its <script> element. The same for the public access request form
and the secretariat's admin.
"""

import json
import re
from html import unescape
from io import BytesIO
from xml.etree import ElementTree

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from accounts.models import AccessRequest
from events.models import Event, EventRevision
from tests.factories import municipality
from tests.html_checks import assert_not_injected
from tests.staff_helpers import event_data, shown, soon

pytestmark = pytest.mark.django_db

# One payload per field, each recognisable by its own word.
PAYLOADS = {
    "title": '</script><script>alert("title")</script> & ; , \\',
    "teaser": "\"><img src=x onerror=alert('teaser') data-pwned>",
    "description": (
        '<b data-pwned>fed</b> & <script>alert("description")</script>\n\n'
        "</textarea><svg onload=alert('description') data-pwned> ]]> <!--"
        # A line break in a calendar file must not start a property or an event of its own.
        "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk"
    ),
    "organizer": "<svg/onload=alert('organizer') data-pwned>",
    "image_alt": '" onerror="alert(\'alt\')" data-pwned="',
    "price_text": "<iframe src=javascript:alert('price') data-pwned></iframe>",
    "ticket_url": "https://example.org/billetter?a=\"><script>alert('ticket')</script>",
    "info_url": "https://example.org/info?b='onmouseover='alert(1)'data-pwned='",
}
# What a reviewer's diff shows as the proposed change.
REVISED = {
    "title": "<script>alert('revised')</script>",
    "teaser": "<img src=x onerror=alert('revised-teaser') data-pwned>",
}
REJECTION = "<script>alert('rejection')</script> Mangler <b data-pwned>dato</b>"


def assert_shown_escaped(html, text):
    assert escape(text) in html, text


def picture():
    out = BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(out, "JPEG")
    return SimpleUploadedFile("billede.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def staff_client(venue_staff):
    client = Client()
    client.force_login(venue_staff[1])
    return client


@pytest.fixture
def secretary_client(secretary):
    client = Client()
    client.force_login(secretary)
    return client


@pytest.fixture
def event(venue_staff, staff_client, secretary_client, settings, tmp_path):
    """The payload event, submitted through the staff form and approved in the admin."""
    settings.MEDIA_ROOT = tmp_path
    venue, _user = venue_staff
    data = event_data(venue, dates=[soon(3), soon(10)], submit="1", **PAYLOADS)
    data["is_free"] = "on"
    data["image"] = picture()
    response = staff_client.post(reverse("staff:create"), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = Event.objects.get()
    assert event.status == Event.Status.SUBMITTED
    for field, value in PAYLOADS.items():
        stored = getattr(event, field)
        assert stored == value.strip(), field  # kept exactly as typed, not "cleaned"
    response = secretary_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "approve", "_selected_action": [event.pk], "index": 0, **shown(event)},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    return event


def page(client, url, status=200):
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == status, url
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


# --- Public pages -------------------------------------------------------------------------


def test_the_event_page_shows_every_field_as_text(client, event):
    html = page(client, event.get_absolute_url())
    assert_not_injected(html, *PAYLOADS.values())
    # |linebreaks: paragraphs in <p>, single line breaks as <br>; each line escaped.
    description_lines = PAYLOADS["description"].replace("\r\n", "\n").replace("\n\n", "\n")
    for text in [
        PAYLOADS["title"],
        PAYLOADS["teaser"],
        PAYLOADS["organizer"],
        PAYLOADS["image_alt"],
        PAYLOADS["price_text"],
        PAYLOADS["ticket_url"],
        PAYLOADS["info_url"],
        *description_lines.split("\n"),
    ]:
        assert_shown_escaped(html, text)
    assert f'alt="{escape(PAYLOADS["image_alt"])}"' in html
    assert f'href="{escape(PAYLOADS["ticket_url"])}"' in html


def test_the_json_ld_cannot_leave_its_script_element(client, event):
    html = page(client, event.get_absolute_url())
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL | re.I
    )
    assert len(blocks) == 1
    block = blocks[0]
    assert "<" not in block
    assert ">" not in block
    data = json.loads(block)
    assert data[0]["name"] == PAYLOADS["title"]
    assert data[0]["organizer"]["name"] == PAYLOADS["organizer"]
    assert PAYLOADS["teaser"] in data[0]["description"]
    assert data[0]["offers"]["url"] == PAYLOADS["ticket_url"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("events:list"),
        reverse("events:list") + "?q=alert",
        reverse("municipalities:detail", args=["koege"]),
        reverse("municipalities:venue", args=["stedets-scene"]),
        reverse("focus_areas:detail", args=["musik"]),
        reverse("home"),
        reverse("feeds:embed") + "?venue=stedets-scene",
        "/en" + reverse("events:list"),
    ],
)
def test_lists_show_the_title_and_teaser_as_text(client, event, url):
    html = page(client, url)
    assert_not_injected(html, *PAYLOADS.values())
    assert_shown_escaped(html, PAYLOADS["title"])


# --- Machine formats ----------------------------------------------------------------------


def calendar_events(body):
    calendar = icalendar.Calendar.from_ical(body)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


@pytest.mark.parametrize("which", ["event", "occurrence", "listing"])
def test_the_calendars_carry_the_text_as_text(client, event, which):
    occurrence = event.occurrences.order_by("start").first()
    url = {
        "event": reverse("feeds:event_ics", args=[event.slug]),
        "occurrence": reverse("feeds:occurrence_ics", args=[event.slug, occurrence.pk]),
        "listing": reverse("feeds:ics"),
    }[which]
    response = client.get(url)
    assert response.status_code == 200
    body = response.content
    vevents = calendar_events(body)
    assert len(vevents) == (1 if which == "occurrence" else 2)
    for vevent in vevents:
        assert str(vevent["summary"]) == PAYLOADS["title"]
        description = str(vevent["description"]).replace("\r\n", "\n")
        assert PAYLOADS["teaser"] in description
        assert PAYLOADS["price_text"] in description
        if which != "listing":
            assert PAYLOADS["description"].replace("\r\n", "\n") in description
            assert PAYLOADS["ticket_url"] in description
    # The line breaks typed into the description stay inside its property.
    lines = body.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == len(vevents)
    assert not [line for line in lines if line.startswith(b"SUMMARY:Falsk")]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_carry_the_text_as_text(client, event, kind):
    response = client.get(reverse(f"feeds:{kind}"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # well-formed: nothing broke the XML
    texts = [element.text or "" for element in root.iter()]
    titles = [t for t in texts if t.startswith(PAYLOADS["title"])]
    assert titles, "the item's title is the event's title, as text"
    descriptions = [t for t in texts if PAYLOADS["teaser"] in unescape(t)]
    assert descriptions
    for description in descriptions:
        # A feed reader renders the description as HTML: the teaser must arrive escaped.
        assert "<img" not in description
        assert escape(PAYLOADS["teaser"]) in description
    for element in root.iter():
        assert not element.tag.endswith(("script", "img", "iframe", "svg"))


def test_the_api_returns_the_text_as_json_strings(client, event):
    response = client.get(f"/api/v1/events/{event.slug}/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["title"] == PAYLOADS["title"]
    assert data["teaser"] == PAYLOADS["teaser"]
    assert data["description"] == PAYLOADS["description"]
    listing = client.get("/api/v1/occurrences/", HTTP_ACCEPT="application/json").json()
    assert {row["event"]["title"] for row in listing["results"]} == {PAYLOADS["title"]}


def test_a_browser_asking_the_api_for_html_gets_json_or_escaped_html(client, event):
    response = client.get(f"/api/v1/events/{event.slug}/", HTTP_ACCEPT="text/html")
    if response["Content-Type"].startswith("text/html"):  # a browsable API, if there is one
        assert response.status_code == 200
        assert_not_injected(response.content.decode(), *PAYLOADS.values())
    else:
        # The API has one form whatever Accept says (the page cache keys by address, not by
        # Accept): the same JSON, which a browser may not sniff into HTML.
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        plain = client.get(f"/api/v1/events/{event.slug}/", HTTP_ACCEPT="application/json")
        assert response.content == plain.content
        assert json.loads(response.content)["title"] == PAYLOADS["title"]


# --- Staff pages and the admin ------------------------------------------------------------


def test_the_staff_dashboard_and_form_show_the_text_escaped(staff_client, event):
    html = page(staff_client, reverse("staff:dashboard"))
    assert_not_injected(html, *PAYLOADS.values())
    assert_shown_escaped(html, PAYLOADS["title"])
    html = page(staff_client, reverse("staff:edit", args=[event.pk]))
    assert_not_injected(html, *PAYLOADS.values())
    for field in ("title", "teaser", "organizer", "image_alt", "ticket_url", "info_url"):
        assert f'value="{escape(PAYLOADS[field])}"' in html, field
    assert escape(PAYLOADS["description"]) in html


def test_the_rejection_reason_is_shown_escaped_to_venue_staff(
    venue_staff, staff_client, secretary_client
):
    venue, _user = venue_staff
    staff_client.post(reverse("staff:create"), event_data(venue, dates=[soon()], submit="1"))
    submitted = Event.objects.get()
    response = secretary_client.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "reject",
            "_selected_action": [submitted.pk],
            "index": 0,
            "reason": REJECTION,
            **shown(submitted),
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.rejection_reason == REJECTION
    html = page(staff_client, reverse("staff:dashboard"))
    assert_not_injected(html, REJECTION)
    assert_shown_escaped(html, REJECTION)


def test_the_review_queue_and_the_event_in_the_admin_show_the_text_escaped(secretary_client, event):
    for url in [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_changelist") + "?q=alert",
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_history", args=[event.pk]),
        reverse("admin:events_event_delete", args=[event.pk]),
    ]:
        html = page(secretary_client, url)
        assert_not_injected(html, *PAYLOADS.values())
    assert_shown_escaped(html, PAYLOADS["title"])


def test_the_revision_diff_shows_old_and_new_text_escaped(
    venue_staff, staff_client, secretary_client, event
):
    venue, _user = venue_staff
    existing = list(event.occurrences.order_by("start"))
    data = event_data(venue, existing=existing, save="1", **{**PAYLOADS, **REVISED})
    data["image_alt"] = PAYLOADS["image_alt"]
    assert staff_client.post(reverse("staff:edit", args=[event.pk]), data).status_code == 302
    revision = EventRevision.objects.get(status=EventRevision.Status.PENDING)
    for url in [
        reverse("admin:events_eventrevision_changelist"),
        reverse("admin:events_eventrevision_change", args=[revision.pk]),
    ]:
        html = page(secretary_client, url)
        assert_not_injected(html, *PAYLOADS.values(), *REVISED.values())
    for text in (PAYLOADS["title"], PAYLOADS["teaser"], *REVISED.values()):
        assert_shown_escaped(html, text)
    # The public still sees the approved version, escaped.
    public = page(Client(), event.get_absolute_url())
    assert_not_injected(public, *REVISED.values())


# --- The access request -------------------------------------------------------------------

ACCESS_REQUEST = {
    "name": "<script>alert('name')</script>",
    "email": "ida@example.org",
    "venue": "",
    "new_venue_name": "\"><img src=x onerror=alert('venue') data-pwned>",
    "new_venue_address": "<svg onload=alert('address') data-pwned> 1, 4600 Køge",
    "message": "</textarea><script>alert('message')</script>\n<b data-pwned>Hej</b>",
}


def test_access_request_fields_are_shown_escaped_on_the_form_and_in_the_admin(
    client, secretary_client
):
    data = {**ACCESS_REQUEST, "new_venue_municipality": "", "homepage": ""}
    html = client.post(reverse("accounts:access_request"), data).content.decode()
    assert_not_injected(html, *ACCESS_REQUEST.values())  # shown again with a message
    assert not AccessRequest.objects.exists()

    data["new_venue_municipality"] = municipality("koege").pk
    response = client.post(reverse("accounts:access_request"), data)
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert request.name == ACCESS_REQUEST["name"]
    for url in [
        reverse("admin:index"),
        reverse("admin:accounts_accessrequest_changelist"),
        reverse("admin:accounts_accessrequest_change", args=[request.pk]),
    ]:
        html = page(secretary_client, url)
        assert_not_injected(html, *ACCESS_REQUEST.values())
    for field in ("name", "new_venue_name", "new_venue_address"):
        assert_shown_escaped(html, ACCESS_REQUEST[field])
