"""Deep pages cost what the first costs: the listing (by date and by relevance) and the API's
date list are counted only up to a cap, every page up to it takes the same queries, a page
beyond it is a 404 that says how many pages there are, and a search's rank is computed only
for the rows a page sorts by it."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.api import views as api_views
from events.views.public import OccurrenceListView
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking needs PostgreSQL full-text search"
)


@pytest.fixture
def dates(settings, monkeypatch):
    """Twelve concerts on twelve days, two per listing page, lists capped at five dates."""
    settings.LISTING_PAGE_SIZE = 2
    monkeypatch.setattr(OccurrenceListView, "count_cap", 5)
    monkeypatch.setattr(OccurrenceListView, "rank_cap", 5)
    monkeypatch.setattr(api_views, "API_COUNT_CAP", 5)
    now = timezone.now()
    for n in range(12):
        event = EventFactory(title=f"Koncert {n:02d}")
        OccurrenceFactory(event=event, start=now + timedelta(days=n + 1))


def queries(client, path, **extra):
    client.get(path, **extra)  # warm-up: the filter choices are cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **extra)
    return response, ctx.captured_queries


@pytest.mark.parametrize("query", ["", "q=koncert", "q=koncert&sort=relevance"])
def test_the_last_listing_page_takes_the_queries_of_the_first(client, dates, query):
    first, first_queries = queries(client, f"/en/arrangementer/?{query}")
    last, last_queries = queries(client, f"/en/arrangementer/?{query}&page=3")
    assert (first.status_code, last.status_code) == (200, 200)
    assert len(first.context["occurrences"]) == 2
    assert len(last.context["occurrences"]) == 1  # the fifth date: the cap
    assert len(last_queries) == len(first_queries)
    assert first.context["result_count_capped"] is True
    assert "More than 5 event dates" in first.content.decode()
    assert "The first 5 dates are shown" in unescape(last.content.decode()) or (
        "The best matches among the first 5 dates" in unescape(last.content.decode())
    )


@pytest.mark.parametrize("query", ["", "q=koncert&sort=relevance"])
def test_a_page_beyond_the_cap_is_a_404_that_says_how_far_the_list_goes(client, dates, query):
    response, captured = queries(client, f"/en/arrangementer/?{query}&page=4")
    assert response.status_code == 404
    html = unescape(response.content.decode())
    assert "There is no page 4 of this list" in html
    assert "The list has 3 pages." in html
    assert "page=3" in html  # a link to the last page
    assert "Koncert" not in html
    # The running strip and the heading's capped count, then the dates counted (or the
    # candidates read): never a page of rows.
    assert len(captured) <= 4


@postgres_only
def test_relevance_ranks_only_the_first_dates_up_to_the_cap(client, dates, monkeypatch):
    response = client.get("/en/arrangementer/?q=koncert&sort=relevance&page=1")
    assert response.context["result_count"] == 5
    _, captured = queries(client, "/en/arrangementer/?q=koncert&sort=relevance&page=1")
    # One pass over the matches (events.search.listing): the keys of the first dates in
    # the listing's order, both parts in one UNION; the heading's count, the strip and the
    # candidates come from it, so no COUNT and no second read of the matches.
    assert not [q["sql"] for q in captured if "COUNT(" in q["sql"]]
    searched = [q["sql"] for q in captured if "events_eventsearch" in q["sql"]]
    # The matching events' ids (a few: then the keys are read through their dates by
    # those ids alone, not searched again); neither computes a rank.
    assert len(searched) == 1
    assert '"events_eventsearch"."event_id"' in searched[0]
    keys = [q["sql"] for q in captured if "UNION ALL" in q["sql"]]
    assert len(keys) == 1
    assert '"events_occurrence"."event_id" = ANY(' in keys[0]
    assert not [sql for sql in searched + keys if "ts_rank" in sql]
    # Ranked once, only the candidates (at most the cap), by their ids alone: the search's
    # conditions are not written again; not again for the page.
    ranked = [q["sql"] for q in captured if "ts_rank" in q["sql"]]
    assert len(ranked) == 1
    assert "WHERE o.id = ANY(" in ranked[0]
    assert "events_eventsearch" not in ranked[0]


def test_the_api_pages_up_to_its_cap_at_the_cost_of_the_first_page(client, dates):
    accept = {"HTTP_ACCEPT": "application/json"}
    first, first_queries = queries(client, "/api/v1/occurrences/?page_size=2", **accept)
    last, last_queries = queries(client, "/api/v1/occurrences/?page_size=2&page=last", **accept)
    assert len(last_queries) == len(first_queries)
    assert first.json()["count"] == 5
    assert first.json()["count_capped"] is True
    assert [row["event"]["title"] for row in last.json()["results"]] == ["Koncert 04"]
    assert last.json()["next"] is None
    beyond = client.get("/api/v1/occurrences/?page_size=2&page=4", **accept)
    assert beyond.status_code == 404


@postgres_only
def test_the_api_does_not_rank_the_dates_it_counts_or_skips(client, dates):
    path = "/api/v1/occurrences/?q=koncert&page_size=2&page=last"
    _, captured = queries(client, path, HTTP_ACCEPT="application/json")
    assert not [q["sql"] for q in captured if "ts_rank" in q["sql"]]


def test_the_schema_documents_the_capped_count(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    page = schema["components"]["schemas"]["PaginatedOccurrenceList"]["properties"]
    assert page["count_capped"]["type"] == "boolean"
    assert "5,000" in page["count"]["description"]
