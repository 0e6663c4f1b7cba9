"""The three text pages (editable in the admin) and the Sekretariat group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGES = [
    (
        "om",
        "Om Kulturmetropolen",
        """Kulturmetropolen er et samarbejde om kultur mellem ni kommuner vest, nord og syd for København: Albertslund, Furesø, Halsnæs, Herlev, Helsingør, Ishøj, Køge, Roskilde og Rødovre. Samarbejdet bygger på en kulturaftale med kulturministeren.

Målet er kultur på tværs af kommunegrænser — for alle borgere, uanset baggrund, alder og social status. Visionens nøgleord er livskvalitet og udvikling.

Samarbejdet har tre indsatser. Musik: talent og nye oplevelser på egnens mange spillesteder. Ungekultur: unge skaber selv nye kulturtilbud sammen med biblioteker, museer og andre institutioner. Kultur og sundhed — »Et bedre liv med kultur«: fysisk, psykisk og social trivsel gennem kultur.

Aftalen har løbet i flere perioder: 2016–2019, et tillæg i 2020 og 2021–2024.

Formandskab og sekretariat ligger i Ishøj Kommune. Politisk formand er Sengül Deniz, formand for Kultur- og Fritidsudvalget i Ishøj. Næstformand er Anders Ladegaard Bork, formand for kulturudvalget i Køge. Administrativ formand er John Romlund Kristensen, kulturchef i Ishøj.

Læs mere om samarbejdet på kulturmetropol.dk.

På denne side finder du arrangementerne fra de ni kommuner samlet ét sted. Stederne lægger selv deres arrangementer ind, og sekretariatet godkender dem.""",
        "About Kulturmetropolen",
        """Kulturmetropolen is a culture agreement between nine municipalities west, north and south of Copenhagen — Albertslund, Furesø, Halsnæs, Herlev, Helsingør, Ishøj, Køge, Roskilde and Rødovre — and the Minister of Culture.

Its aim is culture across municipal borders, for every citizen regardless of background, age or social status. The key words of its vision are quality of life and development.

It works in three focus areas: music, youth culture, and culture and health ("A better life with culture").

The agreement has run in periods: 2016–2019, a supplement in 2020, and 2021–2024. The chair and the secretariat are in Ishøj Kommune: political chair Sengül Deniz, vice-chair Anders Ladegaard Bork (Køge), administrative chair John Romlund Kristensen (head of culture, Ishøj).

Read more about the agreement at kulturmetropol.dk.""",
    ),
    (
        "tilgaengelighed",
        "Tilgængelighedserklæring",
        """Kulturmetropolen ønsker, at alle kan finde og bruge arrangementerne på denne side — også med skærmlæser, kun med tastatur, med forstørrelse eller på en langsom telefon.

Siden skal leve op til webtilgængelighedsloven og standarden WCAG 2.1 på niveau AA.

Hvert arrangement viser, hvilken tilgængelighed stedet og arrangementet tilbyder, for eksempel trinfri adgang, handicaptoilet og teleslynge. Du kan søge efter arrangementer med bestemte forhold.

Oplever du noget, der ikke virker for dig, så skriv til sekretariatet i Ishøj Kommune. Vi svarer inden for ti arbejdsdage.

Du kan også klage til Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighed.""",
        "Accessibility statement",
        """Kulturmetropolen wants everyone to be able to find and use the events on this site — with a screen reader, with a keyboard only, zoomed in, or on a slow phone.

The site aims to meet WCAG 2.1 level AA, as the Danish web accessibility act requires.

If something does not work for you, please write to the secretariat in Ishøj Kommune. We answer within ten working days. You can also complain to the Danish Agency for Digital Government.""",
    ),
    (
        "privatliv",
        "Privatliv",
        """Du kan bruge siden uden at blive registreret. Vi bruger ikke cookies til statistik eller reklame, og siden henter intet fra andre hjemmesider.

Vi gemmer kun personoplysninger om de medarbejdere på stederne, der har en konto til at lægge arrangementer ind: navn, e-mail og hvilke steder de arbejder for. Oplysningerne bruges kun til at drive arrangementskalenderen.

Den dataansvarlige er Ishøj Kommune på vegne af Kulturmetropolen. Du har ret til indsigt i, rettelse af og sletning af oplysninger om dig. Skriv til sekretariatet i Ishøj Kommune.""",
        "Privacy",
        """You can use this site without registering. We use no cookies for statistics or advertising, and the site loads nothing from other websites.

We only keep personal data about venue staff who have an account to submit events: name, e-mail and which venues they work for. The data is used only to run the event calendar.

The data controller is Ishøj Kommune on behalf of Kulturmetropolen. You have the right to see, correct and delete data about you: write to the secretariat in Ishøj Kommune.""",
    ),
]

# What the secretariat may do in the admin (codename prefixes per model).
SECRETARIAT_PERMISSIONS = {
    ("events", "event"): ["add", "change", "delete", "view"],
    ("events", "occurrence"): ["add", "change", "delete", "view"],
    ("events", "focusarea"): ["change", "view"],
    ("events", "audience"): ["add", "change", "view"],
    ("events", "accessibilityfeature"): ["add", "change", "view"],
    ("municipalities", "venue"): ["add", "change", "view"],
    ("municipalities", "municipality"): ["change", "view"],
    ("pages", "page"): ["change", "view"],
    ("auth", "user"): ["add", "change", "view"],
}


def create(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, body, title_en, body_en in PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "body": body, "title_en": title_en, "body_en": body_en},
        )

    # Permissions are normally created after migrate; make sure they exist now.
    for app_label in ["events", "municipalities", "pages", "auth"]:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Sekretariat")
    codenames = [
        (app, f"{action}_{model}")
        for (app, model), actions in SECRETARIAT_PERMISSIONS.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in codenames
    ]
    # add, not set: the outbox's migration may have created the group first (core 0001).
    group.permissions.add(*permissions)


def remove(apps, schema_editor):
    """Undo ``create``: the pages, and the permissions it granted; the group itself only when
    no other migration has granted it anything (core 0001 and accounts 0002 do, on their own
    models, and are not undone by this)."""
    apps.get_model("pages", "Page").objects.all().delete()
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Sekretariat"):
        for (app, model), actions in SECRETARIAT_PERMISSIONS.items():
            # Undoing pages 0005 first gave the page's content type its old app label back.
            labels = [app, "kulturmetropolen"] if app == "pages" else [app]
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label__in=labels,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
        if not group.permissions.exists():
            group.delete()


class Migration(migrations.Migration):
    replaces = [("kulturmetropolen", "0002_pages_and_secretariat_group")]
    dependencies = [
        ("pages", "0001_initial"),
        ("events", "0002_vocabularies_and_search_index"),
        ("municipalities", "0002_the_nine_municipalities"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create, remove)]
