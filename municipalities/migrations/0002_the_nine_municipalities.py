"""The nine municipalities of the Kulturmetropolen agreement."""

from django.db import migrations

MUNICIPALITIES = [
    (
        "Albertslund",
        "albertslund",
        "165",
        "https://albertslund.dk",
        "Kommunen vest for København med Musikhuset og et aktivt foreningsliv, hvor grønne "
        "områder og tæt bebyggelse ligger side om side.",
    ),
    (
        "Furesø",
        "furesoe",
        "190",
        "https://furesoe.dk",
        "Farum og Værløse ved Furesøen: søer, skov og kulturhuse, hvor musik og "
        "fællesskab mødes.",
    ),
    (
        "Halsnæs",
        "halsnaes",
        "260",
        "https://halsnaes.dk",
        "Frederiksværk, Hundested og Ølsted mellem fjord og Kattegat, med industrihistorie, "
        "kunst og havnemiljø.",
    ),
    (
        "Herlev",
        "herlev",
        "163",
        "https://herlev.dk",
        "En kompakt forstad med bibliotek, kulturhus og scener tæt på hinanden og tæt på "
        "borgerne.",
    ),
    (
        "Helsingør",
        "helsingoer",
        "217",
        "https://helsingor.dk",
        "Byen ved Øresund med Kulturværftet, museer og en lang tradition for musik og teater.",
    ),
    (
        "Ishøj",
        "ishoej",
        "183",
        "https://ishoj.dk",
        "Kystbyen syd for København med Arken, strand og et mangfoldigt kulturliv. Her bor "
        "Kulturmetropolens sekretariat.",
    ),
    (
        "Køge",
        "koege",
        "259",
        "https://koege.dk",
        "Købstaden ved Køge Bugt med gamle gader, havn, museer og et levende spillested.",
    ),
    (
        "Roskilde",
        "roskilde",
        "265",
        "https://roskilde.dk",
        "Domkirkebyen ved fjorden med museer, et stærkt musikmiljø og Musicon, hvor nye "
        "kulturtilbud opstår.",
    ),
    (
        "Rødovre",
        "roedovre",
        "175",
        "https://rk.dk",
        "Forstaden vest for København med kulturhus, bibliotek og scener for både store og "
        "små.",
    ),
]


def create(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    for name, slug, code, website, description in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=code,
            defaults={"name": name, "slug": slug, "website": website, "description": description},
        )


def remove(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    Municipality.objects.filter(code__in=[m[2] for m in MUNICIPALITIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
