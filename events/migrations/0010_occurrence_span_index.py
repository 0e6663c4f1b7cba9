"""A GiST index on each date's span, tstzrange(start, ends, '[]') (events.spans): the dates
overlapping a window in one index condition. PostgreSQL only (nothing on SQLite); not in the
model's Meta because SQLite, the development database, has no GiST."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS occurrence_span_idx ON events_occurrence "
    "USING gist (tstzrange(start, ends, '[]'))"
)
DROP = "DROP INDEX IF EXISTS occurrence_span_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0009_nfc_text")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
