"""Invented demo content for ``manage.py seed_demo``: venues, events and their dates.

Everything here is fictional: venue names, streets, artists and domains (``*.example.dk``).
Only the municipalities, towns and postal codes are real. The functions build unsaved model
instances from a ``random.Random`` so that a given seed always gives the same data; the
command saves them in bulk.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from kulturmetropolen.text import danish_slugify
from municipalities.models import Venue

from .models import Event, Occurrence

TZ = ZoneInfo("Europe/Copenhagen")
DEMO_HOST = "example.dk"  # every demo venue's website is https://<slug>.example.dk/
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

# Municipality slug → its towns: (city, postal code, latitude, longitude).
TOWNS = {
    "albertslund": [("Albertslund", "2620", 55.6569, 12.3636)],
    "furesoe": [("Farum", "3520", 55.8085, 12.3600), ("Værløse", "3500", 55.7826, 12.3720)],
    "halsnaes": [
        ("Frederiksværk", "3300", 55.9706, 12.0225),
        ("Hundested", "3390", 55.9640, 11.8530),
    ],
    "herlev": [("Herlev", "2730", 55.7237, 12.4400)],
    "helsingoer": [("Helsingør", "3000", 56.0361, 12.6136)],
    "ishoej": [("Ishøj", "2635", 55.6154, 12.3518)],
    "koege": [("Køge", "4600", 55.4580, 12.1821)],
    "roskilde": [("Roskilde", "4000", 55.6415, 12.0803)],
    "roedovre": [("Rødovre", "2610", 55.6806, 12.4537)],
}

# (municipality slug, town index, kind, name, street address). The first two get the demo
# venue-staff login.
BASE_VENUES = [
    ("albertslund", 0, "bibliotek", "Stationsbiblioteket", "Stationstorvet 3"),
    ("halsnaes", 0, "scene", "Fjordscenen", "Fjordkajen 2"),
    ("albertslund", 0, "kulturhus", "Kulturhuset Lærkereden", "Lærkestien 12"),
    ("albertslund", 0, "musik", "Spillestedet Kanalen", "Kanalgangen 8"),
    ("albertslund", 0, "museum", "Museet ved Engen", "Engvangen 41"),
    ("furesoe", 0, "bibliotek", "Søbiblioteket", "Søtoften 5"),
    ("furesoe", 1, "musik", "Musikloftet", "Mosegårdsvej 22"),
    ("furesoe", 0, "kulturhus", "Kulturhuset Skovly", "Skovlyvej 9"),
    ("furesoe", 1, "museum", "Kunsthal Lergraven", "Lergravsvej 14"),
    ("halsnaes", 1, "bibliotek", "Molebiblioteket", "Molevej 7"),
    ("halsnaes", 0, "museum", "Museet Smedjen", "Valsevej 18"),
    ("halsnaes", 1, "kulturhus", "Kulturhuset Fyrlyset", "Fyrbakken 4"),
    ("herlev", 0, "bibliotek", "Biblioteket Lindehøj", "Lindehøjvej 30"),
    ("herlev", 0, "kulturhus", "Kulturhuset Kastanjen", "Kastanjeallé 6"),
    ("herlev", 0, "musik", "Spillestedet Kedelhallen", "Kedelvej 11"),
    ("helsingoer", 0, "bibliotek", "Sundbiblioteket", "Sundgade 40"),
    ("helsingoer", 0, "scene", "Havnescenen Bølgen", "Bølgekajen 3"),
    ("helsingoer", 0, "museum", "Fyrskibsmuseet", "Ankerpladsen 1"),
    ("helsingoer", 0, "musik", "Spillestedet Sirenen", "Tovværksgade 15"),
    ("helsingoer", 0, "kulturhus", "Kulturhuset Tårnet", "Tårnstræde 2"),
    ("ishoej", 0, "bibliotek", "Strandbiblioteket", "Klittorvet 1"),
    ("ishoej", 0, "kulturhus", "Kulturhuset Klitten", "Klitrosevej 10"),
    ("ishoej", 0, "musik", "Musikhuset Bugten", "Bugtevej 25"),
    ("koege", 0, "bibliotek", "Torvebiblioteket", "Kræmmerstræde 9"),
    ("koege", 0, "musik", "Spillestedet Slusen", "Slusevej 4"),
    ("koege", 0, "museum", "Købstadsmuseet Gavlhuset", "Gavlstræde 13"),
    ("koege", 0, "kulturhus", "Kulturhuset Ankeret", "Ankerkajen 20"),
    ("roskilde", 0, "bibliotek", "Fjordbiblioteket", "Fjordengen 16"),
    ("roskilde", 0, "musik", "Spillestedet Transformeren", "Strømvej 5"),
    ("roskilde", 0, "museum", "Kunstmagasinet Tørreloftet", "Teglværksvej 21"),
    ("roskilde", 0, "kulturhus", "Kulturhuset Kilden", "Kildegården 8"),
    ("roskilde", 0, "scene", "Scenen i Remisen", "Remisevej 3"),
    ("roedovre", 0, "bibliotek", "Biblioteket Egevangen", "Egevangen 19"),
    ("roedovre", 0, "kulturhus", "Kulturhuset Vindfanget", "Vindfangsvej 2"),
    ("roedovre", 0, "musik", "Musikstalden", "Staldgården 7"),
    ("roedovre", 0, "museum", "Galleri Trappen", "Trappestien 5"),
]

VENUE_TEXT = {
    "bibliotek": "{name} er et lyst og åbent bibliotek i {city} med læsesal, makerspace og en "
    "lille scene til foredrag, koncerter og fællessang.",
    "musik": "{name} er et intimt spillested med plads til omkring {cap} gæster, hvor nye navne "
    "og erfarne musikere mødes tæt på publikum.",
    "museum": "{name} viser skiftende udstillinger om kunst, hverdagsliv og lokalhistorie, med "
    "omvisninger for både skoleklasser, familier og seniorer.",
    "kulturhus": "{name} er et samlingssted i {city} med værksteder, sal og café, drevet i tæt "
    "samarbejde med byens foreninger.",
    "scene": "{name} er en scene med {cap} siddepladser og et varieret program af teater, musik "
    "og fortælling for hele familien.",
}
VENUE_PREFIX = {
    "bibliotek": "Biblioteket",
    "musik": "Spillestedet",
    "museum": "Kunsthal",
    "kulturhus": "Kulturhuset",
    "scene": "Scenen",
}
NAME_HEADS = "Ege Birke Lærke Mølle Rose Kløver Sol Strand Skov Lyng Kilde Hassel Pile Æble Tjørne"
NAME_TAILS = "bakken gården højen huset dalen engen lunden vangen toften mosen"
STREET_TAILS = ["vej", "gade", "allé", "stræde", "stien"]

ARTISTS = [
    "Sølvgran", "Trioen Nordlys", "Ida Bech Kvartet", "Marsk", "Havgus", "Kobberkoret",
    "Lise Thorup & Bølgerne", "Aske og Ild", "Duoen Tang", "Fjordens Blæsere", "Hedebølge",
    "Morten Vind Band", "Stjernekastet", "Klokkeblomst Ensemble", "Nanna Lykke", "Lysbroen",
    "Mathias Krog Trio", "Saltvand", "Villads & Vennerne", "Ravnsborg Strygekvartet",
]
GENRES = [("jazz", "Jazz"), ("folkemusik", "Folk"), ("blues", "Blues"), ("viser", "Vise"),
          ("soul", "Soul"), ("rock", "Rock"), ("kammermusik", "Kammermusik"), ("pop", "Pop")]
ALBUMS = ["Sange fra kysten", "Lys over marsken", "Nattens kort", "Hjem igen", "Vinden vender",
          "Efter regnen", "Små timer", "Byen sover", "Blå time", "Mellem to hav", "Sommerens ende"]
KIDS_SHOWS = ["Dyrene i skoven", "Rejsen til Månen", "Trommer og trylleri", "Sang for små ører",
              "Havfruens hemmelighed", "Den lille brummebas", "Regnbuens toner"]
WORKSHOPS = ["Podcastværksted", "Beatværksted", "Gadekunst og graffiti", "Kortfilmværksted",
             "Sangskrivning for begyndere", "Tegneserieværksted", "DJ-skole", "Animationsværksted"]
YOUTH_NIGHTS = ["Gamingaften", "Poetry slam: {theme}", "Ungdomsteatret spiller «{play}»",
                "Filmaften: {theme}", "Brætspil og pizza", "Open mic for unge"]
THEMES = ["Grænser", "Hjemme", "Fremtiden", "Venskab", "Larm", "Nattens byer", "Første gang"]
PLAYS = ["Bag facaden", "Ingen ser os", "Sidste bus", "Lyset i kælderen", "Alle de andre"]
WELLBEING = ["Kultur på recept", "Læs og lev – læsekreds", "Dans og bevægelse for seniorer",
             "Kunst og ro – meditation i udstillingen", "Gåtur med fortælling", "Tegn dig glad",
             "Musik og mindfulness", "Skriveværksted: Ord der lindrer"]
TALKS = ["Musikken og hjernen", "Søvn, sind og sang", "Hvorfor fællesskab gør os sunde",
         "Historien om dansk rock", "Stemmen som instrument", "Natur, kunst og trivsel",
         "Ensomhed blandt unge – hvad kan kulturen?", "Jazzens første år i Danmark"]
EXHIBITIONS = [("Lyden af en by", "musik"), ("Unge blikke – fotografi fra egnen", "ungekultur"),
               ("Kunst der heler", "kultur-og-sundhed"), ("Plakater fra spillestederne", "musik"),
               ("Stille rum", "kultur-og-sundhed"), ("Farver i mørket", "ungekultur"),
               ("Havet omkring os", "kultur-og-sundhed"), ("Min musik, mit liv", "musik"),
               ("Hænder der skaber", "kultur-og-sundhed"), ("Gaden er vores", "ungekultur")]
PIANISTS = ["Karen Holm", "Jens Vestergaard", "Birthe Juul", "Anders Kjær"]
ORGANIZERS = ["Foreningen Musik i Byen", "Ungdomsskolen", "Musikskolen", "Aftenskolen Lyskilden",
              "Frivilligcentret", "Sundhedscentret", "Seniorrådet", "Kulturmetropolen"]
REJECTIONS = [
    "Arrangementet ligger uden for de tre fokusområder. Skriv gerne, hvordan det knytter an "
    "til musik, ungekultur eller kultur og sundhed.",
    "Beskrivelsen mangler pris og tilmelding. Ret den til, og indsend arrangementet igen.",
    "Det ligner en dublet af et arrangement, der allerede er oprettet. Tjek venligst datoerne.",
    "Billetlinket virker ikke. Ret adressen, og indsend arrangementet igen.",
]

PRACTICAL = {
    "evening": "Dørene åbner en halv time før start, og caféen har åbent hele aftenen. Sig til "
    "ved indgangen, hvis du har brug for en siddeplads.",
    "series": "Forløbet løber over {weeks} uger, og vi mødes hver {weekday}. Du er velkommen, "
    "selvom du ikke har været med fra start, og du behøver ingen forudsætninger.",
    "family": "Koncerten varer cirka 45 minutter og er tilrettelagt for børn fra tre år. Tag "
    "gerne et tæppe med – de mindste sidder forrest på gulvet.",
    "exhibition": "Udstillingen kan ses i åbningstiden frem til {end}. Der er gratis omvisning "
    "den første søndag i måneden, og skoleklasser kan booke en særlig rundvisning.",
    "talk": "Efter foredraget er der tid til spørgsmål og en kop kaffe. Salen har teleslynge.",
}

# Each kind: focus areas (first always, second sometimes), audiences, venue kinds, schedule,
# start times, price model, titles, teasers and two pools of opening paragraphs.
KINDS = [
    dict(key="koncert", weight=26, focus=["musik"], extra="ungekultur", aud=["voksne", "unge"],
         venues=["musik", "scene", "kulturhus"], schedule="single", times=[(19, 30), (20, 0)],
         minutes=120, price="paid", practical="evening",
         titles=["{artist} i koncert", "{artist}: {album}", "Aftenkoncert med {artist}",
                 "{genre_cap}aften med {artist}", "{artist} – «{album}» på turné"],
         teasers=["{artist} spiller sange fra det nye album «{album}» i et intimt format.",
                  "En aften med {genre}, nærvær og gode historier mellem numrene.",
                  "{artist} kommer til {venue} med både nye og velkendte numre."],
         intro=["{artist} har spillet sig ind i hjertet på et stort publikum med en særlig "
                "blanding af {genre} og fortællinger fra hverdagen. Koncerten på {venue} byder "
                "på både nye sange og publikumsfavoritter.",
                "Det bliver en aften, hvor {genre} får plads til at folde sig ud. {artist} "
                "spiller i en akustisk besætning, tæt på publikum og med god tid til "
                "historierne bag sangene."],
         middle=["Koncerten er en del af Kulturmetropolens musiksatsning, hvor spillesteder i ni "
                 "kommuner samarbejder om stærke oplevelser tæt på, hvor publikum bor.",
                 "Som opvarmning spiller et ungt talent fra kommunens musikskole, og baren "
                 "åbner en time før koncerten."]),
    dict(key="familiekoncert", weight=10, focus=["musik"], extra="kultur-og-sundhed",
         aud=["boern", "familier"], venues=["bibliotek", "kulturhus", "scene"], schedule="single",
         weekend=True, times=[(10, 30), (11, 0), (13, 0)], minutes=45, price="cheap",
         practical="family",
         titles=["Familiekoncert: {kids}", "{kids} – koncert for hele familien",
                 "Børnekoncert med {artist}"],
         teasers=["En sjov og rolig koncert, hvor de mindste må danse, synge med og spille.",
                  "Musik, fortælling og fællessang for børn og deres voksne."],
         intro=["I «{kids}» tager {artist} børn og voksne med på en musikalsk rejse med "
                "sange, rytmer og små historier, som alle kan være med på.",
                "Her er der plads til at hoppe, klappe og lytte. {artist} inviterer "
                "børnene helt tæt på instrumenterne."],
         middle=["Koncerten er skabt til de yngste og deres voksne, og det er helt i orden at "
                 "gå en tur undervejs."]),
    dict(key="talent", weight=8, focus=["musik", "ungekultur"], aud=["unge"],
         venues=["musik", "kulturhus"], schedule="multi", times=[(19, 0)], minutes=180,
         price="free", practical="evening",
         titles=["Åben scene for unge musikere", "Talentaften: {theme}", "Første gang på scenen",
                 "Sangskriveraften for unge", "Ung musik i {city}"],
         teasers=["Unge musikere prøver kræfterne på en rigtig scene med lyd, lys og publikum.",
                  "Skriv dig på listen, og spil tre numre foran et venligt publikum."],
         intro=["Har du en sang i skuffen eller et band i kælderen? På {venue} får unge "
                "musikere mellem 13 og 25 år en rigtig scene med lydmand, lys og publikum.",
                "Talentaftenerne er for alle, der drømmer om at stå på en scene. Tilmeld dig "
                "med en sang, eller kom og hep på de andre."],
         middle=["Aftenen er lavet sammen med de unge selv i Kulturmetropolens indsats for "
                 "ungekultur, hvor unge skaber de kulturtilbud, de mangler."]),
    dict(key="sang", weight=10, focus=["kultur-og-sundhed", "musik"], aud=["seniorer", "voksne"],
         venues=["bibliotek", "kulturhus"], schedule="series", times=[(10, 0), (14, 0)],
         minutes=90, price="cheap", practical="series",
         titles=["Fællessang i formiddagsstunden", "Syng dig glad – fællessang for alle",
                 "Sang og kaffe", "Fællessang med {pianist} ved klaveret"],
         teasers=["Vi synger fra højskolesangbogen og nye sange – alle kan være med.",
                  "Et fællesskab om sang, kaffe og god snak, hver uge i {weeks} uger."],
         intro=["Fællessang giver energi og godt humør. {pianist} spiller til, og vi synger "
                "alt fra gamle klassikere til nyere sange, som de fleste kender.",
                "Man behøver ikke kunne synge – man skal bare have lyst. Vi synger en times "
                "tid og slutter af med kaffe og en snak."],
         middle=["Forskning viser, at fællessang kan styrke både humør og vejrtrækning. "
                 "Forløbet er en del af Kulturmetropolens indsats for kultur og sundhed."]),
    dict(key="vaerksted", weight=12, focus=["ungekultur"], extra="musik", aud=["unge"],
         venues=["bibliotek", "kulturhus", "musik"], schedule="series", times=[(16, 0), (16, 30)],
         minutes=120, price="free", practical="series",
         titles=["{workshop}", "{workshop} for unge", "Ungeværksted: {workshop}"],
         teasers=["Et gratis forløb for unge mellem 13 og 19 år – udstyr og snacks er med.",
                  "Lær det af nogen, der selv gør det, sammen med andre unge."],
         intro=["I værkstedet arbejder du sammen med en professionel underviser og andre unge "
                "om dit eget projekt. Vi har udstyret, og du har idéerne.",
                "Vi starter helt fra bunden, så du behøver ingen erfaring. Til sidst viser vi "
                "resultatet frem for venner og familie."],
         middle=["Værkstedet er udviklet af et ungepanel, der har valgt emner, undervisere og "
                 "tidspunkt."]),
    dict(key="ungeaften", weight=8, focus=["ungekultur"], aud=["unge"],
         venues=["bibliotek", "kulturhus", "scene"], schedule="single", times=[(18, 0), (19, 0)],
         minutes=180, price="free", practical="evening",
         titles=YOUTH_NIGHTS,
         teasers=["En aften for unge, skabt af unge – kom alene eller tag vennerne med.",
                  "Gratis adgang, god stemning og plads til alle."],
         intro=["Ungepanelet på {venue} har planlagt en aften med fællesskab og oplevelser. "
                "Der er snacks, musik og voksne, der holder styr på det praktiske.",
                "Aftenen er for alle mellem 13 og 25 år, og der er gratis adgang hele aftenen."],
         middle=["Arrangementet er en del af Kulturmetropolens indsats for ungekultur på tværs "
                 "af kommunegrænser."]),
    dict(key="sundhed", weight=12, focus=["kultur-og-sundhed"], aud=["voksne", "seniorer"],
         venues=["museum", "bibliotek", "kulturhus"], schedule="series",
         times=[(10, 0), (13, 0)], minutes=90, price="free", practical="series",
         titles=WELLBEING,
         teasers=["Et roligt forløb, hvor kunst, litteratur og fællesskab styrker trivslen.",
                  "Kultur som en vej til et bedre liv – i små hold og i dit eget tempo."],
         intro=["Forløbet er for dig, der har brug for et pusterum i hverdagen. Vi mødes i små "
                "hold, og en uddannet formidler guider os gennem oplevelserne.",
                "Kunst og kultur kan give ro, mod og nye fællesskaber. Her bruger vi "
                "udstillinger, bøger og musik som afsæt for gode samtaler."],
         middle=["Forløbet er udviklet sammen med kommunens sundhedscenter, og du kan blive "
                 "henvist af din læge eller melde dig selv."]),
    dict(key="foredrag", weight=8, focus=["kultur-og-sundhed"], extra="musik",
         aud=["voksne", "seniorer"], venues=["bibliotek", "kulturhus", "museum"],
         schedule="single", times=[(19, 0), (14, 0)], minutes=90, price="cheap",
         practical="talk",
         titles=["Foredrag: {talk}", "{talk}"],
         teasers=["Et levende foredrag med ny viden, gode eksempler og plads til spørgsmål.",
                  "En eftermiddag eller aften, der giver stof til eftertanke."],
         intro=["Hvad sker der i os, når vi oplever kunst og musik? Foredraget giver et "
                "overblik over den nyeste viden, fortalt så alle kan være med.",
                "Foredragsholderen har arbejdet med emnet i mange år og fortæller med "
                "humor og eksempler fra både forskning og hverdagsliv."],
         middle=["Foredraget er arrangeret i samarbejde med {organizer_or_venue}."]),
    dict(key="udstilling", weight=12, focus=[], aud=["familier", "voksne", "seniorer"],
         venues=["museum", "bibliotek", "kulturhus"], schedule="exhibition", times=[(10, 0)],
         minutes=None, price="entry", practical="exhibition",
         titles=["{exhibition}", "Udstilling: {exhibition}"],
         teasers=["En udstilling om mennesker, steder og de oplevelser, der binder os sammen.",
                  "Billeder, lyd og genstande fra egnen – til at se, høre og røre ved."],
         intro=["«{exhibition}» samler værker af kunstnere og borgere fra hele egnen. "
                "Udstillingen kan ses i {weeks} uger på {venue}.",
                "Udstillingen er skabt i samarbejde med lokale foreninger, skoler og "
                "kunstnere og kan opleves af både børn og voksne."],
         middle=["Der er siddepladser i alle rum og et stille rum, hvis du har brug for en "
                 "pause undervejs."]),
]
_WEIGHTS = [k["weight"] for k in KINDS]
VENUE_FEATURES = {"trinfri-adgang": 0.85, "handicaptoilet": 0.75, "siddepladser": 0.5}


@dataclass
class EventPlan:
    """An unsaved event with its classification slugs and (start, end, status) dates."""

    event: Event
    focus: list[str]
    audiences: list[str]
    features: list[str]
    dates: list[tuple[datetime, datetime | None, str]] = field(default_factory=list)


class SlugRegistry:
    """Unique slugs without a query per row: danish_slugify plus -2, -3 … when taken."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next = {}

    def unique(self, text: str, max_length: int) -> str:
        base = danish_slugify(text)[: max_length - 8].strip("-") or "x"
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = self.next.get(base, 2)
        while f"{base}-{n}" in self.taken:
            n += 1
        self.next[base] = n + 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def build_venues(rng, municipalities, count, slugs):
    """``count`` (at least the base list) unsaved venues with their feature slugs."""
    rows = list(BASE_VENUES)
    names = {row[3] for row in rows}
    heads, tails = NAME_HEADS.split(), NAME_TAILS.split()
    while len(rows) < count:
        kind = rng.choice(list(VENUE_PREFIX))
        name = f"{VENUE_PREFIX[kind]} {rng.choice(heads)}{rng.choice(tails)}"
        municipality = rng.choice(list(TOWNS))
        if name in names:
            name = f"{name} {TOWNS[municipality][0][0]}"
        if name in names:
            continue
        names.add(name)
        street = f"{rng.choice(heads)}{rng.choice(STREET_TAILS)} {rng.randint(1, 80)}"
        rows.append((municipality, rng.randrange(len(TOWNS[municipality])), kind, name, street))
    result = []
    for muni_slug, town, kind, name, street in rows:
        city, postal_code, lat, lon = TOWNS[muni_slug][town]
        slug = slugs.unique(name, 200)
        venue = Venue(
            name=name, slug=slug, municipality=municipalities[muni_slug], street_address=street,
            postal_code=postal_code, city=city, website=f"https://{slug}.{DEMO_HOST}/",
            email=f"kontakt@{slug}.{DEMO_HOST}", is_trusted=rng.random() < 0.35,
            latitude=Decimal(f"{lat + rng.uniform(-0.008, 0.008):.6f}"),
            longitude=Decimal(f"{lon + rng.uniform(-0.012, 0.012):.6f}"),
            description=VENUE_TEXT[kind].format(name=name, city=city, cap=rng.choice([80, 150])),
        )
        features = [slug for slug, p in VENUE_FEATURES.items() if rng.random() < p]
        if kind in {"scene", "musik", "kulturhus"} and rng.random() < 0.6:
            features.append("teleslynge")
        result.append((venue, kind, features))
    return result


def _price(rng, model, event):
    if model == "free" or (model != "paid" and rng.random() < 0.35):
        event.is_free = True
        event.price_text = rng.choice(["", "", "tilmelding nødvendig"])
        return
    if model == "entry":
        amount = rng.choice([40, 50, 60, 75])
        event.price_text = f"Entré {amount} kr., under 18 år gratis"
        event.price_min, event.price_max = Decimal(0), Decimal(amount)
        return
    low = rng.choice([95, 110, 120, 135, 150, 175, 195] if model == "paid" else [30, 40, 50, 60])
    high = low + rng.choice([0, 0, 25, 50, 80]) if model == "paid" else low
    event.price_text = f"{low} kr." if high == low else f"{low}–{high} kr."
    event.price_min, event.price_max = Decimal(low), Decimal(high)


def _day(rng, today, scaled, span=0):
    """The first day: ten years back to a year ahead when scaled, else mostly the next 90 days."""
    if scaled:
        return today + timedelta(days=rng.randint(-3650, 365))
    if rng.random() < 0.08:
        return today - timedelta(days=rng.randint(14, 75))
    return today + timedelta(days=rng.randint(1, max(1, 90 - span)))


def _dates(rng, kind, today, scaled):
    hh, mm = rng.choice(kind["times"])
    minutes = kind["minutes"]
    schedule = kind["schedule"]
    if schedule == "exhibition":
        weeks = rng.randint(4, 12)
        if not scaled and rng.random() < 0.3:  # already running
            first = today - timedelta(days=rng.randint(14, 45))
            weeks = max(weeks, (today - first).days // 7 + rng.randint(2, 8))
        else:
            first = _day(rng, today, scaled)
        end = datetime.combine(first + timedelta(weeks=weeks), time(17, 0), tzinfo=TZ)
        return [(datetime.combine(first, time(hh, mm), tzinfo=TZ), end)], weeks
    if schedule == "series":
        weeks = rng.randint(4, 10)
        days = [timedelta(weeks=w) for w in range(weeks)]
    elif schedule == "multi":
        weeks, step = rng.choice([2, 3, 4]), rng.choice([1, 2, 4])
        days = [timedelta(weeks=w * step) for w in range(weeks)]
    else:
        weeks, days = 1, [timedelta(0)]
        if rng.random() < 0.12:
            days.append(timedelta(days=1))  # an extra show the next day
    first = _day(rng, today, scaled, span=days[-1].days)
    if kind.get("weekend"):
        first += timedelta(days=(5 - first.weekday()) % 7 + rng.choice([0, 1]))
    starts = [datetime.combine(first + d, time(hh, mm), tzinfo=TZ) for d in days]
    ends = [s + timedelta(minutes=minutes) if rng.random() < 0.7 else None for s in starts]
    return list(zip(starts, ends, strict=True)), weeks


def _status(rng, index, scaled):
    slot = index % 40 if not scaled else rng.randrange(40)
    return {7: "draft", 19: "submitted", 31: "rejected"}.get(slot, "published")


def build_event(rng, index, venues_by_kind, today, now, slugs, scaled):
    """One unsaved event (venue: an entry of ``venues_by_kind``) with its plan."""
    kind = rng.choices(KINDS, weights=_WEIGHTS)[0]
    venue_kind = rng.choice([k for k in kind["venues"] if venues_by_kind.get(k)])
    venue = rng.choice(venues_by_kind[venue_kind])
    status = _status(rng, index, scaled)
    dates, weeks = _dates(rng, kind, today, scaled)
    genre, genre_cap = rng.choice(GENRES)
    exhibition, exhibition_focus = rng.choice(EXHIBITIONS)
    organizer = rng.choice(ORGANIZERS) if rng.random() < 0.25 else ""
    ctx = {
        "artist": rng.choice(ARTISTS), "album": rng.choice(ALBUMS), "genre": genre,
        "genre_cap": genre_cap, "kids": rng.choice(KIDS_SHOWS), "theme": rng.choice(THEMES),
        "workshop": rng.choice(WORKSHOPS), "play": rng.choice(PLAYS), "talk": rng.choice(TALKS),
        "pianist": rng.choice(PIANISTS), "exhibition": exhibition, "venue": venue.name,
        "city": venue.city, "weeks": weeks, "weekday": WEEKDAYS[dates[0][0].weekday()],
        "organizer_or_venue": organizer or venue.name,
        "end": f"{dates[-1][1] or dates[-1][0]:%d.%m.%Y}".lstrip("0"),
    }
    title = rng.choice(kind["titles"]).format(**ctx)
    paragraphs = [rng.choice(kind["intro"]), rng.choice(kind["middle"]), PRACTICAL[kind["practical"]]]
    event = Event(
        title=title, slug=slugs.unique(title, 220), venue=venue, organizer=organizer,
        teaser=rng.choice(kind["teasers"]).format(**ctx), status=status,
        description="\n\n".join(p.format(**ctx) for p in paragraphs),
    )
    _price(rng, kind["price"], event)
    venue_host = f"https://{venue.slug}.{DEMO_HOST}"
    if not event.is_free and rng.random() < 0.9:
        event.ticket_url = f"https://billetter.{DEMO_HOST}/{venue.slug}/{event.slug}"
    if rng.random() < 0.5:
        event.info_url = f"{venue_host}/arrangementer/{event.slug}/"
    first = dates[0][0]
    if status == "published":
        event.published_at = min(now, first - timedelta(days=rng.randint(7, 45), hours=rng.randint(0, 8)))
        event.is_featured = first > now and rng.random() < (0.01 if scaled else 0.07)
    elif status == "rejected":
        event.rejection_reason = rng.choice(REJECTIONS)
    event.search_text = event.build_search_text(venue=venue)
    focus = list(kind["focus"] or [exhibition_focus])
    if kind.get("extra") and rng.random() < 0.3:
        focus.append(kind["extra"])
    audiences = sorted(set(rng.sample(kind["aud"], rng.randint(1, len(kind["aud"])))))
    features = []
    if kind["key"] in {"familiekoncert", "ungeaften"} and rng.random() < 0.3:
        features.append("afslappet-forestilling")
    if rng.random() < (0.2 if kind["key"] == "foredrag" else 0.04):
        features.append("tegnsprogstolkning")
    plan = EventPlan(event, focus, audiences, features)
    paid = not event.is_free and kind["schedule"] != "exhibition"
    for start, end in dates:
        r = rng.random()
        status = (
            Occurrence.Status.CANCELLED if r < 0.03
            else Occurrence.Status.POSTPONED if r < 0.045
            else Occurrence.Status.SOLD_OUT if paid and r < 0.09
            else Occurrence.Status.SCHEDULED
        )
        plan.dates.append((start, end, status))
    return plan

