"""Search that understands Danish (events.search).

Adds the folded names (title, organizer, venue) beside the folded full text, and on
PostgreSQL:

- the ``unaccent`` and ``pg_trgm`` extensions (``IF NOT EXISTS``: a database where they are
  already enabled migrates as well);
- ``search_fold(text)``: the folding of ``events.search.fold.fold`` as an immutable SQL
  function (NFC, lower case, unaccent, then ae → a, oe → o, aa → a), used to refold what is
  stored here and by anyone querying by hand;
- ``search_vector``: the Danish full text of the folded names (weight A) and text (weight D),
  kept by a trigger whenever either changes, with a GIN index (it replaces the expression
  index over ``to_tsvector('danish', search_text)``);
- trigram GIN indexes (``gin_trgm_ops``) on the folded names, for word parts (``LIKE
  '%koncert%'``) and typos (``strict_word_similarity``), and on the folded venue names.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

from events.search.fold import fold

POSTGRES_FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(
    lower(unaccent('unaccent'::regdictionary, lower(normalize(value, NFC)))),
    'ae', 'a'), 'oe', 'o'), 'aa', 'a')
$$;

CREATE OR REPLACE FUNCTION events_event_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('danish', coalesce(NEW.search_names, '')), 'A') ||
    setweight(to_tsvector('danish', coalesce(NEW.search_text, '')), 'D');
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS events_event_search_vector ON events_event;
CREATE TRIGGER events_event_search_vector
  BEFORE INSERT OR UPDATE OF search_text, search_names ON events_event
  FOR EACH ROW EXECUTE FUNCTION events_event_search_vector();

UPDATE events_event AS e SET
  search_text = search_fold(concat_ws(' ', nullif(e.title, ''), nullif(e.teaser, ''),
    nullif(e.description, ''), nullif(e.organizer, ''), nullif(v.name, ''), nullif(v.city, ''))),
  search_names = search_fold(concat_ws(' ', nullif(e.title, ''), nullif(e.organizer, ''),
    nullif(v.name, '')))
FROM municipalities_venue AS v WHERE v.id = e.venue_id;

DROP INDEX IF EXISTS event_search_idx;
CREATE INDEX IF NOT EXISTS event_search_vector_idx ON events_event USING gin (search_vector);
CREATE INDEX IF NOT EXISTS event_search_names_trgm_idx
  ON events_event USING gin (search_names gin_trgm_ops);
CREATE INDEX IF NOT EXISTS venue_search_name_trgm_idx
  ON municipalities_venue USING gin (search_fold(name) gin_trgm_ops);
"""

POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS venue_search_name_trgm_idx;
DROP INDEX IF EXISTS event_search_names_trgm_idx;
DROP INDEX IF EXISTS event_search_vector_idx;
DROP TRIGGER IF EXISTS events_event_search_vector ON events_event;
DROP FUNCTION IF EXISTS events_event_search_vector();
DROP FUNCTION IF EXISTS search_fold(text);
CREATE INDEX IF NOT EXISTS event_search_idx ON events_event
  USING gin (to_tsvector('danish'::regconfig, COALESCE(search_text, '')));
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
        return
    # Elsewhere (SQLite) the folding is Python's: refold what is stored.
    Event = apps.get_model("events", "Event")
    events = list(Event.objects.select_related("venue"))
    for event in events:
        venue = event.venue
        parts = [event.title, event.teaser, event.description, event.organizer]
        event.search_text = fold(" ".join(p for p in [*parts, venue.name, venue.city] if p))
        event.search_names = fold(" ".join(p for p in (event.title, event.organizer, venue.name) if p))
    Event.objects.bulk_update(events, ["search_text", "search_names"], batch_size=500)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_moderation_versions"),
        ("municipalities", "0002_the_nine_municipalities"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
