"""The narrow search table (``EventSearch``): each event's folded names and full-text vector,
kept on PostgreSQL by a trigger on ``events_event`` (insert, update of the search fields,
delete), with a GIN index on the vector and a trigram GIN index on the names. Empty on
SQLite, whose search reads the event table itself."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION events_event_search_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM events_eventsearch WHERE event_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO events_eventsearch (event_id, search_names, search_vector)
    VALUES (NEW.id, NEW.search_names, NEW.search_vector)
    ON CONFLICT (event_id) DO UPDATE
    SET search_names = EXCLUDED.search_names, search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS events_event_search_row ON events_event;
CREATE TRIGGER events_event_search_row
  AFTER INSERT OR DELETE OR UPDATE OF search_text, search_names ON events_event
  FOR EACH ROW EXECUTE FUNCTION events_event_search_row();

INSERT INTO events_eventsearch (event_id, search_names, search_vector)
  SELECT id, search_names, search_vector FROM events_event
  ON CONFLICT (event_id) DO NOTHING;

CREATE INDEX IF NOT EXISTS eventsearch_vector_idx
  ON events_eventsearch USING gin (search_vector);
CREATE INDEX IF NOT EXISTS eventsearch_names_trgm_idx
  ON events_eventsearch USING gin (search_names gin_trgm_ops);
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS events_event_search_row ON events_event;
DROP FUNCTION IF EXISTS events_event_search_row();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_search_folding"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventSearch",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="events.event",
                    ),
                ),
                ("search_names", models.TextField(default="")),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(null=True),
                ),
            ],
            options={
                "managed": True,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(forward, backward),
    ]
