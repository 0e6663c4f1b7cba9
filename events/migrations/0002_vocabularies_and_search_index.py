"""The three focus areas, the audiences, the accessibility features, and (on PostgreSQL)
the GIN index for Danish full-text search."""

from django.db import migrations

FOCUS_AREAS = [
    (
        "Musik",
        "musik",
        "Koncerter, talentudvikling og nye oplevelser på egnens mange spillesteder — fra "
        "første optræden til den store scene.",
    ),
    (
        "Ungekultur",
        "ungekultur",
        "Unge skaber selv nye kulturtilbud sammen med biblioteker, museer og kulturhuse — "
        "på tværs af kommunegrænser.",
    ),
    (
        "Kultur og sundhed",
        "kultur-og-sundhed",
        "Et bedre liv med kultur: fællesskab, bevægelse og oplevelser, der styrker trivsel "
        "— fysisk, psykisk og socialt.",
    ),
]

AUDIENCES = [
    ("Børn", "boern", "Arrangementer for børn op til 12 år, gerne med en voksen."),
    ("Familier", "familier", "Oplevelser, hele familien kan dele, på tværs af alder."),
    ("Unge", "unge", "For unge fra 13 til 25 år."),
    ("Voksne", "voksne", "For voksne publikummer."),
    ("Seniorer", "seniorer", "Tilrettelagt med seniorer for øje — tempo, tid og fællesskab."),
]

ACCESSIBILITY = [
    ("Trinfri adgang", "trinfri-adgang", "Der er adgang uden trin til salen eller rummet."),
    ("Handicaptoilet", "handicaptoilet", "Der er et toilet indrettet til kørestolsbrugere."),
    ("Teleslynge", "teleslynge", "Salen har teleslynge til høreapparater."),
    ("Tegnsprogstolkning", "tegnsprogstolkning", "Arrangementet tolkes til dansk tegnsprog."),
    (
        "Afslappet forestilling",
        "afslappet-forestilling",
        "Dæmpet lys og lyd, plads til at bevæge sig og gå ud og ind undervejs.",
    ),
    ("Siddepladser", "siddepladser", "Der er siddepladser til alle, der har brug for det."),
]

SEARCH_INDEX = (
    "CREATE INDEX IF NOT EXISTS event_search_idx ON events_event "
    "USING gin (to_tsvector('danish'::regconfig, COALESCE(search_text, '')))"
)


def create(apps, schema_editor):
    for model_name, rows in [
        ("FocusArea", FOCUS_AREAS),
        ("Audience", AUDIENCES),
        ("AccessibilityFeature", ACCESSIBILITY),
    ]:
        model = apps.get_model("events", model_name)
        for position, (name, slug, description) in enumerate(rows, start=1):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "position": position},
            )


def remove(apps, schema_editor):
    for model_name in ["FocusArea", "Audience", "AccessibilityFeature"]:
        apps.get_model("events", model_name).objects.all().delete()


def create_search_index(apps, schema_editor):
    # The expression must match what SearchVector("search_text", config="danish") emits.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_search_idx")


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [
        migrations.RunPython(create, remove),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
