"""ICS reader: the fields of an event besides its dates — title, description (HTML from
Google and Outlook), URL, location, organizer, categories, image, sequence, UID (imports/ics.py)."""

from imports.ics import read_calendar, read_calendar_with_problems
from tests.imports.feeds import NOW, calendar, feed

START = "DTSTART;TZID=Europe/Copenhagen:20261015T190000"


def titled(events, title):
    (event,) = [event for event in events if event.title == title]
    return event


def only_event(body: str, **kwargs):
    (event,) = read_calendar(calendar(body), now=NOW, **kwargs)
    return event


def test_google_html_description_becomes_paragraphs():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW)

    assert titled(events, "Strikkecafé").description == (
        "Tag dit strikketøj med og mød andre strikkere over en kop kaffe.\n\n"
        "Gratis – ingen tilmelding.\nGarn kan købes i caféen."
    )
    description = titled(events, "Koncert: Trio Nord").description
    assert "<" not in description
    assert description.startswith("Trio Nord spiller nordisk folkemusik.\n")
    assert description.endswith("Dørene åbner kl. 19.30.")


def test_outlook_html_alternative_description_is_read_first():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)

    # X-ALT-DESC;FMTTYPE=text/html, with its <STYLE> and <TITLE> dropped
    assert titled(events, "Forfattermøde: Ida Jessen").description == (
        "Ida Jessen læser op fra sin nye roman.\n\nBilletter: 50 kr."
    )


def test_plain_description_keeps_its_lines():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)

    assert titled(events, "Lektiecafé").description == (
        "Gratis lektiehjælp for 4.-10. klasse.\nFrivillige hjælper med matematik, dansk og engelsk."
    )


def test_title_is_one_line_of_text():
    event = only_event(f"UID:t\n{START}\nSUMMARY:<b>Jazz</b>   i\\n parken")

    assert event.title == "Jazz i parken"


def test_location_first_line_is_the_name_the_rest_the_address():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)

    meeting = titled(events, "Forfattermøde: Ida Jessen")
    assert (meeting.location_name, meeting.location_address) == (
        "Stationsbiblioteket",
        "Stationsvej 1, 2620 Albertslund",
    )


def test_location_on_one_line_is_all_name():
    events = read_calendar(feed("google_kulturhus.ics"), now=NOW)

    knitting = titled(events, "Strikkecafé")
    assert knitting.location_name == "Kulturhuset Fjorden, Havnegade 12, 4600 Køge, Danmark"
    assert knitting.location_address == ""


def test_organizer_is_its_common_name_never_its_address():
    events = read_calendar(feed("outlook_bibliotek.ics"), now=NOW)

    assert titled(events, "Forfattermøde: Ida Jessen").organizer == (
        "Stationsbiblioteket, Albertslund"
    )
    assert titled(events, "Bogudsalg").organizer == ""
    only = only_event(f"UID:o\n{START}\nSUMMARY:x\nORGANIZER:mailto:chef@example.dk")
    assert only.organizer == ""


def test_categories_all_values_of_all_lines_split():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)

    assert titled(events, "Natkoncert: Kvartet Syd").categories == ["Koncert", "Musik"]
    assert titled(events, "Yoga for seniorer").categories == ["Kultur og sundhed", "Seniorer"]
    repeated = only_event(
        f"UID:c\n{START}\nSUMMARY:x\nCATEGORIES:Musik,Jazz\nCATEGORIES:Jazz\\,Børn,Familie"
    )
    assert repeated.categories == ["Musik", "Jazz", "Børn", "Familie"]


def test_url_only_when_http():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)

    assert titled(events, "Julemarked").url == "https://musikhuset.example.dk/event/julemarked/"
    assert titled(events, "Yoga for seniorer").url == ""  # URL:javascript:alert(1)


def test_image_from_attach_with_an_image_type_or_rfc_7986_image():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)

    assert titled(events, "Natkoncert: Kvartet Syd").image_url == (
        "https://musikhuset.example.dk/wp-content/uploads/2026/06/kvartet-syd.jpg"
    )
    assert titled(events, "Yoga for seniorer").image_url == (
        "https://musikhuset.example.dk/wp-content/uploads/2026/06/yoga.png"
    )
    assert titled(events, "Åbent værksted").image_url == ""  # ATTACH of a PDF


def test_image_never_inline_or_other_schemes():
    event = only_event(
        f"UID:i\n{START}\nSUMMARY:x\n"
        "ATTACH;FMTTYPE=image/png;ENCODING=BASE64;VALUE=BINARY:aGVsbG8=\n"
        "IMAGE;VALUE=URI:ftp://example.dk/a.png\n"
        "ATTACH;FMTTYPE=image/jpeg:file:///etc/passwd"
    )

    assert event.image_url == ""


def test_sequence_zero_when_absent_or_unreadable():
    events = read_calendar(feed("wordpress_musikhus.ics"), now=NOW)

    assert {event.sequence for event in events} == {0}
    assert only_event(f"UID:s\n{START}\nSUMMARY:x\nSEQUENCE:seks").sequence == 0
    assert only_event(f"UID:s\n{START}\nSUMMARY:x\nSEQUENCE:6").sequence == 6


def test_missing_uid_is_derived_from_start_and_title_and_stable():
    body = f"{START}\nSUMMARY:Koncert uden UID"
    first = only_event(body)
    again = only_event(f"DTSTAMP:20261001T000000Z\n{body}")
    other = only_event(f"{START}\nSUMMARY:En anden koncert")

    assert first.uid.startswith("uden-uid-")
    assert first.uid == again.uid
    assert other.uid != first.uid


def test_event_without_title_is_skipped_and_counted():
    reading = read_calendar_with_problems(
        calendar(
            f"UID:a\n{START}",
            f"UID:b\n{START}\nSUMMARY:   ",
            f"UID:c\n{START}\nSUMMARY:Med titel",
        ),
        now=NOW,
    )

    assert [event.uid for event in reading.events] == ["c"]
    assert reading.problems == ["2 begivenheder uden titel (SUMMARY) er sprunget over."]
    assert {"a", "b"} <= reading.skipped_uids
