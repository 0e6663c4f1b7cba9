"""The narrow copy of each event's search fields that PostgreSQL matches queries in."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from .event import Event


class EventSearch(models.Model):
    """An event's folded names and Danish full-text vector, one row per event, kept by the
    PostgreSQL trigger ``events_event_search_row`` (migration ``0013_search_table``) from
    ``Event.search_names`` and ``Event.search_vector``; removed with its event by the same
    trigger. Never written by Django, and empty on SQLite.

    Why a table of its own: a word found in tens of thousands of events is matched by a
    bitmap scan that visits each matching row; here a row is ~0.6 kB (the event table's
    ~3 kB), so the scan reads a fifth of the pages (docs/search.md)."""

    event = models.OneToOneField(
        Event,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    search_names = models.TextField(default="")
    search_vector = SearchVectorField(null=True)

    class Meta:
        managed = True
        default_permissions = ()

    def __str__(self):
        return str(self.event_id)
