"""Control characters and iCalendar delimiters in a feed's query string or in event text:
every calendar property stays one property (escaped by icalendar), both parsers agree, and
no feed, embed or API answer is a 500."""

from urllib.parse import quote

import icalendar
import pytest
import vobject

from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db

INJECTION = "x\rURL:https://evil.example/"


def unfolded_lines(body: bytes) -> list[str]:
    """The content lines of an iCalendar body (RFC 5545 §3.1: CRLF, then folding undone)."""
    return body.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def calendar_properties(body: bytes) -> dict[str, str]:
    """The VCALENDAR's own properties (not its components'), as vobject reads them."""
    calendar = vobject.readOne(body.decode("utf-8"))
    return {
        name: lines[0].value
        for name, lines in calendar.contents.items()
        if name not in {"vevent", "vtimezone"}
    }


def test_a_carriage_return_in_q_starts_no_property_of_its_own(client):
    OccurrenceFactory()
    response = client.get(f"/arrangementer/feed.ics?q={quote(INJECTION)}")
    assert response.status_code == 200
    body = response.content
    # Every CR ends a line (CRLF); no bare CR that a client could read as a line break.
    assert body.count(b"\r") == body.count(b"\r\n")
    assert not any(line.startswith("URL:https://evil") for line in unfolded_lines(body))
    properties = calendar_properties(body)
    assert "url" not in properties
    assert "URL" not in icalendar.Calendar.from_ical(body)
    # The CR is kept as an escaped line break inside the name (RFC 5545 §3.3.11).
    escaped = "Kulturmetropolen: «x\\nURL:https://evil.example/»"
    assert f"X-WR-CALNAME:{escaped}" in unfolded_lines(body)
    assert f"NAME:{escaped}" in unfolded_lines(body)


def test_semicolons_commas_and_backslashes_in_q_are_escaped(client):
    OccurrenceFactory()
    response = client.get("/arrangementer/feed.ics?" + "q=" + quote("a;b,c\\d"))
    assert response.status_code == 200
    lines = unfolded_lines(response.content)
    assert "X-WR-CALNAME:Kulturmetropolen: «a\\;b\\,c\\\\d»" in lines
    assert "NAME:Kulturmetropolen: «a\\;b\\,c\\\\d»" in lines


@pytest.mark.parametrize("q", ["x\ny", "x\r\ny", "\n", "a\x0bb", "a\x1b[31mb", "a\x7fb", "a\tb"])
def test_line_breaks_and_control_characters_in_q_make_a_valid_calendar(client, q):
    OccurrenceFactory()
    response = client.get(f"/arrangementer/feed.ics?q={quote(q)}")
    assert response.status_code == 200
    body = response.content
    assert body.count(b"\r") == body.count(b"\r\n")
    assert not any(0 < byte < 32 and byte not in b"\t\r\n" for byte in body)
    assert not any(byte == 0x7F for byte in body)
    icalendar.Calendar.from_ical(body)
    assert set(calendar_properties(body)) >= {"name", "x-wr-calname"}


def test_control_characters_in_event_text_are_dropped_and_line_breaks_escaped(client):
    occurrence = OccurrenceFactory(
        event__title="Koncert\x0b\x1b i parken\rURL:https://evil.example/",
        event__teaser="Første linje\nanden; linje",
    )
    url = f"/arrangementer/{occurrence.event.slug}.ics"
    body = client.get(url).content
    assert not any(line.startswith("URL:https://evil") for line in unfolded_lines(body))
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Koncert i parken\nURL:https://evil.example/"
    assert str(vevent["URL"]).endswith(occurrence.event.get_absolute_url())
    assert "Første linje\nanden; linje" in str(vevent["DESCRIPTION"])
    (other,) = vobject.readOne(body.decode("utf-8")).vevent_list
    assert other.summary.value == "Koncert i parken\nURL:https://evil.example/"
    assert len(other.contents["url"]) == 1


FEED_URLS = [
    "/arrangementer/",
    "/arrangementer/feed.ics",
    "/arrangementer/feed.rss",
    "/arrangementer/feed.atom",
    "/embed/",
    "/embed/byg/",
    "/api/v1/occurrences/",
    "/api/v1/events/",
]
CONTROLS = ["\r", "\n", "\x00", "\x1b", "\x85"]


@pytest.mark.parametrize("url", FEED_URLS)
@pytest.mark.parametrize(
    "parameter", ["q", "municipality", "date_from", "page", "limit", "title", "x"]
)
def test_a_control_character_in_any_parameter_is_never_a_500(client, url, parameter):
    OccurrenceFactory()
    for control in CONTROLS:
        response = client.get(f"{url}?{parameter}={quote('a' + control + 'b')}")
        assert response.status_code in {200, 400, 404}, (url, parameter, control)
