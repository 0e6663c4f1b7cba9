"""Every shape schema.org allows for an Event's properties, as pages write them."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from imports.errors import SourceError
from imports.items import SourceDate
from imports.jsonld import read_page

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2027, 1, 15, 12, 0, tzinfo=CPH)
PAGE = "https://sted.example/program/koncert/"


def html(*blocks) -> bytes:
    scripts = "".join(
        f'<script type="application/ld+json">{b if isinstance(b, str) else json.dumps(b)}</script>'
        for b in blocks
    )
    return f"<!DOCTYPE html><html><head>{scripts}</head><body></body></html>".encode()


def no_network(url):
    raise AssertionError(f"{url} was fetched")


def read(*blocks, now=NOW, **options):
    return read_page(html(*blocks), PAGE, now=now, fetch_page=no_network, **options)


def event(**fields):
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Koncert",
        "startDate": "2027-02-01T19:30:00+01:00",
        **fields,
    }


def only(result):
    (found,) = result.events
    return found


@pytest.mark.parametrize(
    "type_",
    [
        "MusicEvent",
        "http://schema.org/TheaterEvent",
        "https://schema.org/ExhibitionEvent",
        "schema:ScreeningEvent",
        ["Event", "Festival"],
        "ChildrensEvent",
        "EducationEvent",
    ],
)
def test_every_event_type_is_read(type_):
    assert only(read(event(**{"@type": type_}))).title == "Koncert"


@pytest.mark.parametrize("type_", ["Product", "Thing", "UserLikes", "Place"])
def test_other_types_are_not_events(type_):
    with pytest.raises(SourceError, match="ingen arrangementer"):
        read(event(**{"@type": type_}))


def test_events_nested_in_lists_graphs_and_other_nodes_are_found():
    result = read(
        [event(name="I en liste", url="https://sted.example/1")],
        {"@graph": [{"@type": "WebPage", "mainEntity": event(name="I en graf", url="/2")}]},
        {"@type": "Organization", "event": [event(name="Under en organisation", url="/3")]},
    )
    assert [e.title for e in result.events] == [
        "I en liste",
        "I en graf",
        "Under en organisation",
    ]


@pytest.mark.parametrize(
    ("status", "cancelled"),
    [
        ("https://schema.org/EventCancelled", True),
        ("EventCancelled", True),
        ({"@id": "http://schema.org/EventCancelled"}, True),
        ("https://schema.org/EventPostponed", True),  # no new date yet: not on the date given
        ("https://schema.org/EventRescheduled", False),  # startDate is the new date
        ("https://schema.org/EventMovedOnline", False),
        ("https://schema.org/EventScheduled", False),
    ],
)
def test_event_status(status, cancelled):
    found = only(read(event(eventStatus=status)))
    assert (found.cancelled, found.dates[0].cancelled) == (cancelled, cancelled)


@pytest.mark.parametrize(
    ("location", "name", "address"),
    [
        ({"@type": "VirtualLocation", "url": "https://zoom.example/j/1"}, "Online", ""),
        (
            [
                {"@type": "VirtualLocation", "url": "https://x.example"},
                {"@type": "Place", "name": "Salen"},
            ],
            "Salen",
            "",
        ),
        ("Byens Bibliotek", "Byens Bibliotek", ""),
        (
            {"@type": "Place", "name": "Salen", "address": "Torvet 1, 4600 Køge"},
            "Salen",
            "Torvet 1, 4600 Køge",
        ),
        (
            {
                "@type": "Place",
                "name": "Salen",
                "address": {"@type": "PostalAddress", "addressLocality": "Ishøj"},
            },
            "Salen",
            "Ishøj",
        ),
    ],
)
def test_location(location, name, address):
    found = only(read(event(location=location)))
    assert (found.location_name, found.location_address) == (name, address)


@pytest.mark.parametrize(
    ("offers", "free", "low", "high"),
    [
        ({"@type": "Offer", "price": 0, "priceCurrency": "DKK"}, True, None, None),
        ({"@type": "Offer", "price": "0.00"}, True, None, None),  # 0 is 0 in any currency
        ({"@type": "Offer", "price": "20", "priceCurrency": "EUR"}, False, None, None),
        ({"@type": "Offer", "price": "120"}, False, None, None),  # no currency: no number
        (
            [
                {"@type": "Offer", "price": 0, "priceCurrency": "DKK"},
                {"@type": "Offer", "price": 100, "priceCurrency": "dkk"},
            ],
            False,
            Decimal(0),
            Decimal(100),
        ),
        (
            {
                "@type": "AggregateOffer",
                "lowPrice": 80,
                "highPrice": "120,50",
                "priceCurrency": "DKK",
            },
            False,
            Decimal(80),
            Decimal("120.50"),
        ),
        (
            {"@type": "Offer", "priceSpecification": {"price": 75, "priceCurrency": "DKK"}},
            False,
            Decimal(75),
            Decimal(75),
        ),
        ({"@type": "Offer", "price": "Gratis"}, None, None, None),
    ],
)
def test_offers(offers, free, low, high):
    found = only(read(event(offers=offers)))
    assert (found.is_free, found.price_min, found.price_max) == (free, low, high)


def test_offer_url_is_the_ticket_url():
    offers = [{"@type": "Offer", "price": 100, "priceCurrency": "DKK", "url": "/billetter/42"}]
    assert only(read(event(offers=offers))).ticket_url == "https://sted.example/billetter/42"


def test_is_accessible_for_free():
    assert only(read(event(isAccessibleForFree="True"))).is_free is True


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2027-02-01", None, SourceDate("", dt.date(2027, 2, 1), dt.date(2027, 2, 1), True)),
        (
            "2027-02-01",
            "2027-03-15",
            SourceDate("", dt.date(2027, 2, 1), dt.date(2027, 3, 15), all_day=True),
        ),
        (
            "2027-02-01",
            "2027-01-20",
            SourceDate("", dt.date(2027, 2, 1), dt.date(2027, 2, 1), True),
        ),
        ("2027-02-01T19:30", None, SourceDate("", dt.datetime(2027, 2, 1, 19, 30, tzinfo=CPH))),
        (
            "2027-07-01T19:30:00Z",
            "2027-07-01T22:00:00+02:00",
            SourceDate(
                "",
                dt.datetime(2027, 7, 1, 21, 30, tzinfo=CPH),
                dt.datetime(2027, 7, 1, 22, 0, tzinfo=CPH),
            ),
        ),
        (
            "2027-02-01T10:00",
            "2027-02-28",  # a timed start with a date-only end: to the end of that day
            SourceDate(
                "",
                dt.datetime(2027, 2, 1, 10, 0, tzinfo=CPH),
                dt.datetime(2027, 3, 1, 0, 0, tzinfo=CPH),
            ),
        ),
    ],
)
def test_start_and_end_dates(start, end, expected):
    found = only(read(event(startDate=start, **({"endDate": end} if end else {}))))
    assert found.dates == [expected]


def test_an_unreadable_start_date_is_skipped_and_reported():
    result = read(
        event(name="Godt", url="/godt"), event(name="Skidt", url="/skidt", startDate="1/2-2027")
    )
    assert [e.title for e in result.events] == ["Godt"]
    assert result.problems == [
        "«Skidt» har ingen gyldig startdato («1/2-2027») og er sprunget over."
    ]


def test_an_unreadable_or_early_end_is_left_out_and_reported():
    result = read(
        event(name="A", url="/a", endDate="snart"),
        event(name="B", url="/b", endDate="2027-02-01T18:00:00+01:00"),
    )
    assert [d.end for e in result.events for d in e.dates] == [None, None]
    assert result.problems == [
        "«A» har en ugyldig slutdato («snart»); den er udeladt.",
        "«B» slutter før det begynder; slutningen er udeladt.",
    ]


def test_an_event_without_a_name_is_skipped_and_reported():
    result = read(event(name="", url="/x"), event(url="/y"))
    assert len(result.events) == 1
    assert result.problems == [f"Et arrangement på {PAGE} har intet navn og er sprunget over."]


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2027-01-15T10:00:00+01:00", "2027-01-15T11:59:00+01:00", False),  # ended
        ("2027-01-15T11:00:00+01:00", "2027-01-15T13:00:00+01:00", True),  # running now
        ("2027-01-14T19:00:00+01:00", None, False),  # started yesterday, no end
        ("2027-01-15", None, True),  # all day today
        ("2026-12-01", "2027-01-15", True),  # an exhibition in its last day
        ("2028-01-15T13:00:00+01:00", None, False),  # beyond 365 days
        ("2028-01-14T13:00:00+01:00", None, True),
    ],
)
def test_dates_outside_the_window_are_dropped(start, end, kept):
    result = read(event(startDate=start, **({"endDate": end} if end else {})))
    assert bool(result.events) is kept
    assert result.problems == []


def test_horizon_is_a_parameter():
    assert read(event(startDate="2027-03-01"), horizon_days=30).events == []


@pytest.mark.parametrize(
    ("fields", "uid"),
    [
        ({"@id": "#koncert", "url": "/other"}, "https://sted.example/program/koncert/#koncert"),
        ({"@id": "_:b0", "url": "/koncert/1"}, "https://sted.example/koncert/1"),
        ({"url": "https://sted.example/koncert/2"}, "https://sted.example/koncert/2"),
        ({}, "https://sted.example/program/koncert/#2027-02-01T19:30:00+01:00#Koncert"),
    ],
)
def test_uid(fields, uid):
    assert only(read(event(**fields))).uid == uid


def test_people_keywords_about_image_and_text():
    found = only(
        read(
            event(
                name="<b>Koncert</b> &amp; dans",
                performer=[{"@type": "Person", "name": "Ida"}, "Bo", {"name": "Ida"}],
                organizer=[{"@type": "Organization", "name": "Kulturhuset"}],
                keywords=["jazz", {"@type": "DefinedTerm", "name": "dans"}],
                about="Seniorer",
                image=[
                    {"@type": "ImageObject", "contentUrl": "ftp://x/y.jpg"},
                    {"@type": "ImageObject", "contentUrl": "/img/a.jpg"},
                ],
                description=None,
            )
        )
    )
    assert found.title == "Koncert & dans"
    assert (found.performer, found.organizer) == ("Ida, Bo", "Kulturhuset")
    assert found.categories == ["jazz", "dans", "Seniorer"]
    assert found.image_url == "https://sted.example/img/a.jpg"
    assert found.description == ""


def test_a_festival_of_distinct_events_gives_each_its_own_event():
    festival = event(
        **{"@type": "Festival", "@id": "#festival"},
        name="Byfest",
        startDate="2027-06-01",
        endDate="2027-06-02",
        location={"@type": "Place", "name": "Torvet"},
        subEvent=[
            {"@type": "MusicEvent", "name": "Koncert på torvet", "startDate": "2027-06-01T20:00"},
            {
                "@type": "TheaterEvent",
                "name": "Gadeteater",
                "startDate": "2027-06-02T14:00",
                "location": {"@type": "Place", "name": "Gaden"},
            },
        ],
    )
    result = read(festival)
    assert [(e.title, e.location_name, len(e.dates)) for e in result.events] == [
        ("Byfest", "Torvet", 1),
        ("Koncert på torvet", "Torvet", 1),  # the festival's place, having none of its own
        ("Gadeteater", "Gaden", 1),
    ]
    assert len({e.uid for e in result.events}) == 3


def test_the_same_event_twice_is_one_and_one_url_on_two_dates_is_one_with_two_dates():
    result = read(
        event(url="/jazz"),
        event(url="/jazz"),  # a plugin and an SEO plugin both writing it
        event(url="/jazz", startDate="2027-02-08T19:30:00+01:00"),
    )
    (found,) = result.events
    assert [(d.key, d.start.day) for d in found.dates] == [
        ("2027-02-01T19:30:00+01:00", 1),
        ("2027-02-08T19:30:00+01:00", 8),
    ]


def test_a_json_ld_block_that_is_not_json_is_reported_and_the_others_read():
    result = read('{"@type": "Event", "name": "Halv', event(url="/hel"))
    assert [e.title for e in result.events] == ["Koncert"]
    assert result.problems == [
        f"En JSON-LD-blok på {PAGE} er ikke gyldig JSON og er sprunget over."
    ]


def test_sub_events_sharing_one_url_are_told_apart_by_their_start():
    series = event(
        **{"@type": "EventSeries", "@id": "#serie"},
        subEvent=[
            {"@type": "Event", "url": "/serie", "startDate": "2027-02-01T10:00:00+01:00"},
            {"@type": "Event", "url": "/serie", "startDate": "2027-02-08T10:00:00+01:00"},
            {"@type": "Event", "url": "/serie/ekstra", "startDate": "2027-02-09T10:00:00+01:00"},
        ],
    )
    assert [d.key for d in only(read(series)).dates] == [
        "2027-02-01T10:00:00+01:00",
        "2027-02-08T10:00:00+01:00",
        "https://sted.example/serie/ekstra",
    ]


def test_a_name_in_several_languages_gives_the_first():
    name = [{"@value": "Koncert", "@language": "da"}, {"@value": "Concert", "@language": "en"}]
    assert only(read(event(name=name))).title == "Koncert"
