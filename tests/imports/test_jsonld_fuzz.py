"""Whatever a page's JSON-LD holds, read_page gives a result or a SourceError: never a crash."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.errors import SourceError
from imports.items import SourceEvent
from imports.jsonld import read_page

NOW = dt.datetime(2027, 1, 15, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
KEYS = [
    "@type", "@id", "@graph", "name", "startDate", "endDate", "eventStatus", "location",
    "address", "offers", "price", "lowPrice", "priceCurrency", "subEvent", "image", "url",
    "performer", "organizer", "keywords", "about", "description", "itemListElement", "item",
    "isAccessibleForFree", "priceSpecification", "contentUrl", "streetAddress",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "Event",
            "MusicEvent",
            "EventSeries",
            "ItemList",
            "ListItem",
            "Place",
            "AggregateOffer",
            "VirtualLocation",
            "2027-02-01",
            "2027-02-01T20:00",
            "2027-13-45",
            "DKK",
            "0",
            "150,-",
            "EventCancelled",
            "/side",
            "#x",
            "_:b0",
            "javascript:alert(1)",
            "<p>x</p>",
            "",
        ]
    ),
    st.text(max_size=20),
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=30,
)


def no_network(url):
    raise SourceError(f"Siden {url} hentes ikke i denne test.")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=JSON)
def test_any_json_ld_reads_or_fails_with_a_source_error(data):
    event = {"@type": "Event", "name": "Fast", "startDate": "2027-02-01", "sub": data}
    page = "".join(
        f'<script type="application/ld+json">{json.dumps(block)}</script>'
        for block in (data, event)
    )
    try:
        result = read_page(page.encode(), "https://sted.example/", fetch_page=no_network, now=NOW)
    except SourceError as error:
        assert str(error).endswith(".")
        return
    assert all(isinstance(found, SourceEvent) and found.dates for found in result.events)
    assert all(isinstance(problem, str) for problem in result.problems)
