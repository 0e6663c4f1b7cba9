"""The accessibility statement gets its contact details and the link to the official
statement on was.digst.dk. A text the secretariat has already edited is left alone."""

from importlib import import_module

from django.db import migrations

ORIGINAL = {
    slug: (body, body_en)
    for slug, _title, body, _title_en, body_en in import_module(
        "pages.migrations.0002_pages_and_secretariat_group"
    ).PAGES
}["tilgaengelighed"]

BODY = """Kulturmetropolen vil gerne have, at alle kan finde og bruge arrangementerne på denne side. Også hvis du bruger skærmlæser, kun bruger tastatur, forstørrer siden eller har en langsom telefon.

Siden skal overholde webtilgængelighedsloven og standarden WCAG 2.1 på niveau AA. Vi tester alle sidetyper automatisk i en browser: på dansk og engelsk, på telefon og computer, med tastatur og med forstørret tekst.

Hvert arrangement viser, hvilken tilgængelighed stedet og arrangementet tilbyder. Det kan for eksempel være trinfri adgang, handicaptoilet og teleslynge. Du kan søge efter arrangementer med bestemte forhold.

Arrangementernes tekster skrives af stederne selv. Derfor er de på dansk, også på den engelske udgave af siden.

Virker noget ikke for dig? Skriv til sekretariatet for Kulturmetropolen i Ishøj Kommune på kulturmetropolen@ishoj.dk. Det er sekretariatets fælles e-mailadresse. Vi svarer inden for ti arbejdsdage.

Du kan klage til Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighed.

Den officielle tilgængelighedserklæring findes på Digitaliseringsstyrelsens løsning til tilgængelighedserklæringer: https://www.was.digst.dk/"""

BODY_EN = """Kulturmetropolen wants everyone to be able to find and use the events on this site — with a screen reader, with a keyboard only, zoomed in, or on a slow phone.

The site aims to meet WCAG 2.1 level AA, as the Danish web accessibility act requires. Every page type is tested automatically in a browser: in Danish and English, on a phone and a computer, with the keyboard and with enlarged text.

The events are described by the venues themselves, in Danish, also on the English version of the site.

If something does not work for you, please write to the Kulturmetropolen secretariat in Ishøj Kommune at kulturmetropolen@ishoj.dk (the secretariat's shared address). We answer within ten working days.

You can complain to the Danish Agency for Digital Government, which supervises web accessibility.

The official accessibility statement is on the Agency's accessibility statement service: https://www.was.digst.dk/"""


def update(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    original_body, original_body_en = ORIGINAL
    page = Page.objects.filter(slug="tilgaengelighed").first()
    if page is None:
        return
    fields = []
    if page.body == original_body:
        page.body = BODY
        fields.append("body")
    if page.body_en == original_body_en:
        page.body_en = BODY_EN
        fields.append("body_en")
    if fields:
        page.save(update_fields=fields)


def restore(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    original_body, original_body_en = ORIGINAL
    Page.objects.filter(slug="tilgaengelighed", body=BODY).update(body=original_body)
    Page.objects.filter(slug="tilgaengelighed", body_en=BODY_EN).update(body_en=original_body_en)


class Migration(migrations.Migration):
    replaces = [("kulturmetropolen", "0003_accessibility_statement_contact")]
    dependencies = [("pages", "0002_pages_and_secretariat_group")]
    operations = [migrations.RunPython(update, restore)]
