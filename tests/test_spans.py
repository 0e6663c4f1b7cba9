"""The span index's condition (events.spans) is only a hint: a window holds exactly the dates
its own conditions give, at its edges too, and on PostgreSQL the index is there."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from events import querysets
from events.models import Occurrence
from tests.factories import EventFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
FRIDAY = datetime(2026, 12, 4, 0, 0, tzinfo=COPENHAGEN)
MONDAY = FRIDAY + timedelta(days=3)


def test_a_window_holds_the_dates_its_conditions_give_at_its_edges(monkeypatch):
    event = EventFactory()
    inside = OccurrenceFactory(event=event, start=FRIDAY + timedelta(hours=20))
    open_end = OccurrenceFactory(event=event, start=FRIDAY + timedelta(days=1), end=None)
    running = OccurrenceFactory(
        event=event, start=FRIDAY - timedelta(days=30), end=MONDAY + timedelta(days=30)
    )
    # Ends as the window opens.
    OccurrenceFactory(event=event, start=FRIDAY - timedelta(hours=2), end=FRIDAY)
    OccurrenceFactory(event=event, start=MONDAY)  # begins as the window closes
    OccurrenceFactory(event=event, start=FRIDAY - timedelta(days=2))  # over before
    OccurrenceFactory(event=event, start=MONDAY + timedelta(days=1))  # after
    window = set(Occurrence.objects.between(FRIDAY, MONDAY).values_list("pk", flat=True))
    assert {inside.pk, open_end.pk, running.pk} <= window
    # Whatever the window's own conditions say at its edges, the hint changes nothing.
    monkeypatch.setattr(querysets, "_is_postgres", lambda qs: False)
    plain = set(Occurrence.objects.between(FRIDAY, MONDAY).values_list("pk", flat=True))
    assert window == plain


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_the_span_index_exists_and_a_window_can_use_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'occurrence_span_idx'")
        (definition,) = cursor.fetchone()
        assert "gist" in definition and "tstzrange" in definition
        cursor.execute("SET enable_seqscan = off")
        sql, params = Occurrence.objects.between(FRIDAY, MONDAY).query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "occurrence_span_idx" in plan
