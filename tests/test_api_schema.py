"""The API answers as its OpenAPI document (/api/v1/schema/) says: schemathesis generates
requests from the document — valid ones and ones that break it — sends them through the
whole site in-process (WSGI, middleware included) and runs all its checks on each answer:
no 5xx, status codes and content types documented, bodies matching their schemas, valid
input accepted and invalid input refused.

Bounded and repeatable: a few examples per operation, derandomized (the same requests every
run). The data: published events with dates in several municipalities, a venue, focus
areas, so that lists, pages and details have something to answer with.
"""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from core.clients import ClientAddressRateThrottle
from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, focus_area, municipality

#: Examples per API operation (positive and negative together).
MAX_EXAMPLES = 12


@pytest.fixture
def api_schema(db, monkeypatch):
    from kulturmetropolen.wsgi import application

    # The generated requests all come from one address; the throttle is tested elsewhere.
    monkeypatch.setattr(ClientAddressRateThrottle, "rate", "100000/minute", raising=False)
    now = timezone.now()
    for slug in ("koege", "roskilde", "ishoej"):
        venue = VenueFactory(municipality=municipality(slug), website="https://example.dk/")
        for n, area in enumerate(("musik", "ungekultur")):
            event = EventFactory(
                venue=venue, focus_areas=[focus_area(area)], is_free=bool(n), performer="Band"
            )
            OccurrenceFactory(event=event, start=now + timedelta(days=n + 1))
            OccurrenceFactory(
                event=event, start=now - timedelta(days=2), end=now + timedelta(days=9)
            )
    # As Django's test client does: the WSGI handler would close the test's connection (and
    # with it the test's transaction) after each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def operations(schema):
    """Every operation of the document (a document that does not load is a failure)."""
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_conforms_to_its_openapi_document(api_schema, mode):
    found = operations(api_schema)
    assert len(found) == 10  # five lists and five details

    for operation in found:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            case.call_and_validate()

        conforms()
