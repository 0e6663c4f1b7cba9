"""A ceiling on anonymous work (core/ceiling.py): on PostgreSQL the SQL of an anonymous request
that runs past ANONYMOUS_STATEMENT_TIMEOUT_MS in all is cancelled, and the visitor gets a 503
with Retry-After (a page, or JSON under the API); venue staff are limited as visitors are, the
secretariat is not, and the pooled connection goes back without the limit."""

import pytest
from django.db import connection

from events.api.views import OccurrenceViewSet
from events.views.public import OccurrenceListView

pytestmark = [
    # A cancelled statement aborts the transaction it is in: no test transaction around it;
    # serialized_rollback keeps the municipalities and groups the migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
    ),
]


def session_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.fixture
def slow_views(monkeypatch, settings):
    """The listing and the API's date list each start with a 0.3 s statement; the limit is
    50 ms. Records the statement_timeout the views ran under."""
    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 50
    seen = []

    def slow(original):
        def method(self, *args, **kwargs):
            seen.append(session_timeout())
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.3)")
            return original(self, *args, **kwargs)

        return method

    monkeypatch.setattr(OccurrenceListView, "get_queryset", slow(OccurrenceListView.get_queryset))
    monkeypatch.setattr(
        OccurrenceViewSet, "filter_queryset", slow(OccurrenceViewSet.filter_queryset)
    )
    return seen


def test_a_slow_page_is_a_503_page_with_retry_after(client, slow_views):
    response = client.get("/arrangementer/?q=koncert")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert "Prøv igen om lidt" in response.content.decode()
    (limit,) = slow_views
    assert limit.endswith("ms") and 0 < int(limit.removesuffix("ms")) <= 50
    # The pooled connection goes back without the limit.
    assert session_timeout() == "0"


def test_a_slow_api_answer_is_a_503_in_json(client, slow_views):
    response = client.get("/api/v1/occurrences/?q=koncert", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert session_timeout() == "0"


def test_the_secretariat_is_not_limited(client, slow_views, secretary):
    client.force_login(secretary)
    assert client.get("/arrangementer/").status_code == 200
    assert slow_views == ["0"]


def test_venue_staff_are_limited_as_visitors_are(client, slow_views, venue_staff):
    """Anyone may ask for a venue-staff account: logging in must not lift the ceiling."""
    client.force_login(venue_staff[1])
    response = client.get("/arrangementer/?q=koncert")
    assert response.status_code == 503
    assert slow_views != ["0"]


def test_no_limit_when_the_setting_is_zero(client, slow_views, settings):
    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 0
    assert client.get("/arrangementer/").status_code == 200
    assert slow_views == ["0"]


def test_a_fast_anonymous_page_is_served_under_the_limit(client, settings):
    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 2000
    assert client.get("/arrangementer/").status_code == 200
    assert client.get("/api/v1/occurrences/").status_code == 200
    assert session_timeout() == "0"


def test_the_limit_is_for_the_whole_request_not_each_statement(client, settings, monkeypatch):
    """Three statements of 0.15 s each stay under a 0.3 s limit one by one, not together."""
    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 300
    original = OccurrenceListView.get_queryset

    def slow(self):
        with connection.cursor() as cursor:
            for _ in range(3):
                cursor.execute("SELECT pg_sleep(0.15)")
        return original(self)

    monkeypatch.setattr(OccurrenceListView, "get_queryset", slow)
    response = client.get("/arrangementer/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert session_timeout() == "0"


def test_time_outside_statements_does_not_use_up_the_limit(client, settings, monkeypatch):
    """Work between statements (a login's password hashing, rendering on a busy machine) is
    not database time: 0.3 s of it before the view's queries, under a 0.1 s limit, is served.
    Counting the whole request's time turned logins into 503s under load."""
    import time

    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 100
    original = OccurrenceListView.get_queryset

    def busy(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        time.sleep(0.3)
        return original(self)

    monkeypatch.setattr(OccurrenceListView, "get_queryset", busy)
    response = client.get("/arrangementer/")
    assert response.status_code == 200
    assert session_timeout() == "0"


def test_the_limit_is_set_also_when_the_first_statement_is_a_server_side_cursor(
    client, settings, monkeypatch
):
    """A view that begins with ``iterator()`` (a DECLARE … CURSOR on PostgreSQL) is served."""
    from events.models import Occurrence

    settings.ANONYMOUS_STATEMENT_TIMEOUT_MS = 2000
    original = OccurrenceListView.get_queryset

    def iterating(self):
        list(Occurrence.objects.all().iterator())
        return original(self)

    monkeypatch.setattr(OccurrenceListView, "get_queryset", iterating)
    assert client.get("/arrangementer/").status_code == 200
    assert session_timeout() == "0"


def test_the_site_connects_without_jit():
    """PostgreSQL's JIT is off for the site's connections (settings.DATABASES OPTIONS): it
    added 25-60 ms to queries of 30-70 ms (docs/ceiling.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
