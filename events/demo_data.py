"""Invented demo content for ``manage.py seed_demo``: venues, kinds of event and their texts.

Everything here is fictional: venue names, streets, artists and domains (``*.example.dk``).
Only the municipalities, towns and postal codes are real. ``build_event`` writes an unsaved
event's text, price and classification from a ``random.Random``, so a given seed always gives
the same data; the command decides the venues, dates and statuses and saves in bulk.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal

from .models import Event

DEMO_HOST = "example.dk"  # every demo venue's website is https://<slug>.example.dk/
# The demo venue-staff login's venues → trusted (a trusted venue's events skip review).
STAFF_VENUES = {"Stationsbiblioteket": False, "Fjordscenen": True}
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split("|")]


def _pairs(text: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in _items(text))


# Municipality slug → its towns: (city, postal code, latitude, longitude).
TOWNS = {
    "albertslund": [("Albertslund", "2620", 55.6569, 12.3636)],
    "furesoe": [("Farum", "3520", 55.8085, 12.3600), ("Værløse", "3500", 55.7826, 12.3720)],
    "halsnaes": [
        ("Frederiksværk", "3300", 55.9706, 12.0225),
        ("Hundested", "3390", 55.964, 11.853),
    ],
    "herlev": [("Herlev", "2730", 55.7237, 12.4400)],
    "helsingoer": [("Helsingør", "3000", 56.0361, 12.6136)],
    "ishoej": [("Ishøj", "2635", 55.6154, 12.3518)],
    "koege": [("Køge", "4600", 55.4580, 12.1821)],
    "roskilde": [("Roskilde", "4000", 55.6415, 12.0803)],
    "roedovre": [("Rødovre", "2610", 55.6806, 12.4537)],
}

# (municipality slug, town index, kind, name, street address).
BASE_VENUES = [
    ("albertslund", 0, "bibliotek", "Stationsbiblioteket", "Stationstorvet 3"),
    ("albertslund", 0, "kulturhus", "Kulturhuset Lærkereden", "Lærkestien 12"),
    ("albertslund", 0, "musik", "Spillestedet Kanalen", "Kanalgangen 8"),
    ("albertslund", 0, "museum", "Museet ved Engen", "Engvangen 41"),
    ("furesoe", 0, "bibliotek", "Søbiblioteket", "Søtoften 5"),
    ("furesoe", 1, "musik", "Musikloftet", "Mosegårdsvej 22"),
    ("furesoe", 0, "kulturhus", "Kulturhuset Skovly", "Skovlyvej 9"),
    ("furesoe", 1, "museum", "Kunsthal Lergraven", "Lergravsvej 14"),
    ("halsnaes", 0, "scene", "Fjordscenen", "Fjordkajen 2"),
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
# Venue kind → the first word of generated venue names, and a description.
VENUE_PREFIX = _pairs(
    "bibliotek=Biblioteket|musik=Spillestedet|museum=Kunsthal|kulturhus=Kulturhuset|scene=Scenen"
)
VENUE_TEXT = _pairs(
    "bibliotek={name} er et lyst og åbent bibliotek i {city} med læsesal, makerspace og en lille "
    "scene til foredrag, koncerter og fællessang.|"
    "musik={name} er et intimt spillested med plads til omkring {cap} gæster, hvor nye navne og "
    "erfarne musikere mødes tæt på publikum.|"
    "museum={name} viser skiftende udstillinger om kunst, hverdagsliv og lokalhistorie, med "
    "omvisninger for skoleklasser, familier og seniorer.|"
    "kulturhus={name} er et samlingssted i {city} med værksteder, sal og café, drevet i tæt "
    "samarbejde med byens foreninger.|"
    "scene={name} er en scene med {cap} siddepladser og et varieret program af teater, musik og "
    "fortælling for hele familien."
)
VENUE_FEATURES = {"trinfri-adgang": 0.85, "handicaptoilet": 0.75, "siddepladser": 0.5}
NAME_HEADS = _items("Ege|Birke|Lærke|Mølle|Rose|Kløver|Sol|Strand|Skov|Lyng|Kilde|Hassel|Pile")
NAME_TAILS = _items("bakken|gården|højen|huset|dalen|engen|lunden|vangen|toften|mosen")
STREET_TAILS = _items("vej|gade|allé|stræde|stien")

# The words that fill the {placeholders} of the texts below.
WORDS = {
    "artist": _items(
        "Sølvgran|Trioen Nordlys|Ida Bech Kvartet|Marsk|Havgus|Kobberkoret|Aske og Ild|"
        "Lise Thorup & Bølgerne|Duoen Tang|Fjordens Blæsere|Hedebølge|Morten Vind Band|"
        "Stjernekastet|Klokkeblomst Ensemble|Nanna Lykke|Lysbroen|Mathias Krog Trio|Saltvand|"
        "Villads & Vennerne|Ravnsborg Strygekvartet"
    ),
    "album": _items(
        "Sange fra kysten|Lys over marsken|Nattens kort|Hjem igen|Vinden vender|Efter regnen|"
        "Små timer|Byen sover|Blå time|Mellem to hav|Sommerens ende"
    ),
    "kids": _items(
        "Dyrene i skoven|Rejsen til Månen|Trommer og trylleri|Sang for små ører|"
        "Havfruens hemmelighed|Den lille brummebas|Regnbuens toner"
    ),
    "workshop": _items(
        "Podcastværksted|Beatværksted|Gadekunst og graffiti|Kortfilmværksted|DJ-skole|"
        "Sangskrivning|Tegneserieværksted|Animationsværksted"
    ),
    "theme": _items("Grænser|Hjemme|Fremtiden|Venskab|Larm|Nattens byer|Første gang"),
    "play": _items("Bag facaden|Ingen ser os|Sidste bus|Lyset i kælderen|Alle de andre"),
    "talk": _items(
        "Musikken og hjernen|Søvn, sind og sang|Hvorfor fællesskab gør os sunde|"
        "Historien om dansk rock|Stemmen som instrument|Natur, kunst og trivsel|"
        "Ensomhed blandt unge – hvad kan kulturen?|Jazzens første år i Danmark"
    ),
    "pianist": _items("Karen Holm|Jens Vestergaard|Birthe Juul|Anders Kjær"),
}
# (genre, its first part in a compound such as «Jazzaften»).
GENRES = list(
    _pairs(
        "jazz=Jazz|folkemusik=Folk|blues=Blues|viser=Vise|soul=Soul|rock=Rock|pop=Pop|"
        "kammermusik=Kammermusik"
    ).items()
)
# (exhibition title, its focus area).
EXHIBITIONS = list(
    _pairs(
        "Lyden af en by=musik|Unge blikke – fotografi fra egnen=ungekultur|"
        "Stille rum=kultur-og-sundhed|Kunst der heler=kultur-og-sundhed|Gaden er vores=ungekultur|"
        "Plakater fra spillestederne=musik|Farver i mørket=ungekultur|Min musik, mit liv=musik|"
        "Havet omkring os=kultur-og-sundhed|Hænder der skaber=kultur-og-sundhed"
    ).items()
)
ORGANIZERS = _items(
    "Foreningen Musik i Byen|Ungdomsskolen|Musikskolen|Aftenskolen Lyskilden|Frivilligcentret|"
    "Sundhedscentret|Seniorrådet|Kulturmetropolen"
)
REJECTIONS = _items(
    "Arrangementet ligger uden for de tre fokusområder. Skriv gerne, hvordan det knytter an til "
    "musik, ungekultur eller kultur og sundhed.|"
    "Beskrivelsen mangler pris og tilmelding. Ret den til, og indsend arrangementet igen.|"
    "Det ligner en dublet af et arrangement, der allerede er oprettet. Tjek venligst datoerne.|"
    "Billetlinket virker ikke. Ret adressen, og indsend arrangementet igen."
)

# The kinds of event. A kind starts with «[key] setting=value …»; «title:» lines hold
# alternatives separated by «|»; «teaser:», «intro:», «middle:» and «practical:» hold one
# alternative each (indented lines continue the text above). Focus areas with «+» are added
# to some of the events only. Settings: weight (how common), schedule (single, multi: a few
# dates weeks apart, series: weekly, exhibition: one long occurrence), minutes, price (paid,
# cheap, free, entry), times, weekend (yes: on Saturday or Sunday), audiences, venues.
KIND_TEXT = """
[koncert] weight=26 schedule=single minutes=120 price=paid times=19:30,20:00
  focus=musik,+ungekultur audiences=voksne,unge venues=musik,scene,kulturhus
title: {artist} i koncert | {artist}: {album} | Aftenkoncert med {artist}
title: {genre_cap}aften med {artist} | {artist} – «{album}» på turné
teaser: {artist} spiller sange fra det nye album «{album}» i et intimt format.
teaser: En aften med {genre}, nærvær og gode historier mellem numrene.
teaser: {artist} kommer til {venue} med både nye og velkendte numre.
intro: {artist} har spillet sig ind i hjertet på et stort publikum med en særlig blanding af
  {genre} og fortællinger fra hverdagen. Koncerten på {venue} byder på både nye sange og
  publikumsfavoritter.
intro: Det bliver en aften, hvor {genre} får plads til at folde sig ud. {artist} spiller i en
  akustisk besætning, tæt på publikum og med god tid til historierne bag sangene.
middle: Koncerten er en del af Kulturmetropolens musiksatsning, hvor spillesteder i ni kommuner
  samarbejder om stærke oplevelser tæt på, hvor publikum bor.
middle: Som opvarmning spiller et ungt talent fra kommunens musikskole, og baren åbner en time
  før koncerten.
practical: Dørene åbner en halv time før start. Sig til ved indgangen, hvis du har brug for en
  siddeplads.

[familiekoncert] weight=10 schedule=single minutes=45 price=cheap times=10:30,11:00,13:00
  weekend=yes focus=musik,+kultur-og-sundhed audiences=boern,familier
  venues=bibliotek,kulturhus,scene
title: Familiekoncert: {kids} | {kids} – koncert for hele familien | Børnekoncert med {artist}
teaser: En sjov og rolig koncert, hvor de mindste må danse, synge med og spille.
teaser: Musik, fortælling og fællessang for børn og deres voksne.
intro: I «{kids}» tager {artist} børn og voksne med på en musikalsk rejse med sange, rytmer og
  små historier, som alle kan være med på.
intro: Her er der plads til at hoppe, klappe og lytte. {artist} inviterer børnene helt tæt på
  instrumenterne.
middle: Koncerten er skabt til de yngste og deres voksne, og det er helt i orden at gå en tur
  undervejs.
practical: Koncerten varer cirka 45 minutter og passer til børn fra tre år. Tag gerne et tæppe
  med – de mindste sidder forrest på gulvet.

[talent] weight=8 schedule=multi minutes=180 price=free times=19:00
  focus=musik,ungekultur audiences=unge venues=musik,kulturhus
title: Åben scene for unge musikere | Talentaften: {theme} | Første gang på scenen
title: Sangskriveraften for unge | Ung musik i {city}
teaser: Unge musikere prøver kræfterne på en rigtig scene med lyd, lys og publikum.
teaser: Skriv dig på listen, og spil tre numre foran et venligt publikum.
intro: Har du en sang i skuffen eller et band i kælderen? På {venue} får unge musikere mellem 13
  og 25 år en rigtig scene med lydmand, lys og publikum.
intro: Talentaftenerne er for alle, der drømmer om at stå på en scene. Tilmeld dig med en sang,
  eller kom og hep på de andre.
middle: Aftenen er lavet sammen med de unge selv i Kulturmetropolens indsats for ungekultur, hvor
  unge skaber de kulturtilbud, de mangler.
practical: Der er gratis adgang, og scenen er åben fra klokken 19. Tilmelding til at spille sker
  på stedet.

[sang] weight=10 schedule=series minutes=90 price=cheap times=10:00,14:00
  focus=kultur-og-sundhed,musik audiences=seniorer,voksne venues=bibliotek,kulturhus
title: Fællessang i formiddagsstunden | Syng dig glad – fællessang for alle | Sang og kaffe
title: Fællessang med {pianist} ved klaveret | Fællessang i {city} | Morgensang med {pianist}
teaser: Vi synger fra højskolesangbogen og nye sange – alle kan være med.
teaser: Et fællesskab om sang, kaffe og god snak, hver uge i {weeks} uger.
intro: Fællessang giver energi og godt humør. {pianist} spiller til, og vi synger alt fra gamle
  klassikere til nyere sange, som de fleste kender.
intro: Man behøver ikke kunne synge – man skal bare have lyst. Vi synger en times tid og slutter
  af med kaffe og en snak.
middle: Fællessang kan styrke både humør og vejrtrækning. Forløbet er en del af
  Kulturmetropolens indsats for kultur og sundhed.
practical: Forløbet løber over {weeks} uger, og vi mødes hver {weekday}. Du er velkommen, selvom
  du ikke har været med fra start.

[vaerksted] weight=12 schedule=series minutes=120 price=free times=16:00,16:30
  focus=ungekultur,+musik audiences=unge venues=bibliotek,kulturhus,musik
title: {workshop} | {workshop} for unge | {workshop} i {city}
teaser: Et gratis forløb for unge mellem 13 og 19 år – udstyr og snacks er med.
teaser: Lær det af nogen, der selv gør det, sammen med andre unge.
intro: I værkstedet arbejder du sammen med en professionel underviser og andre unge om dit eget
  projekt. Vi har udstyret, og du har idéerne.
intro: Vi starter helt fra bunden, så du behøver ingen erfaring. Til sidst viser vi resultatet
  frem for venner og familie.
middle: Værkstedet er udviklet af et ungepanel, der har valgt emner, undervisere og tidspunkt.
practical: Forløbet løber over {weeks} uger, og vi mødes hver {weekday}. Du kan godt komme med,
  selvom du ikke har været med fra start.

[ungeaften] weight=8 schedule=single minutes=180 price=cheap times=18:00,19:00
  focus=ungekultur audiences=unge venues=bibliotek,kulturhus,scene
title: Gamingaften | Poetry slam: {theme} | Ungdomsteatret spiller «{play}» | Brætspil og pizza
title: Filmaften: {theme} | Open mic for unge
teaser: En aften for unge, skabt af unge – kom alene, eller tag vennerne med.
teaser: God stemning, noget at spise og plads til alle.
intro: Ungepanelet på {venue} har planlagt en aften med fællesskab og oplevelser. Der er snacks,
  musik og voksne, der holder styr på det praktiske.
intro: Aftenen er for alle mellem 13 og 25 år, og programmet er lagt af unge fra hele kommunen.
middle: Arrangementet er en del af Kulturmetropolens indsats for ungekultur på tværs af
  kommunegrænser.
practical: Dørene åbner en halv time før start, og caféen har åbent hele aftenen.

[sundhed] weight=12 schedule=series minutes=90 price=free times=10:00,13:00
  focus=kultur-og-sundhed audiences=voksne,seniorer venues=museum,bibliotek,kulturhus
title: Kultur på recept | Læs og lev – læsekreds | Dans og bevægelse for seniorer
title: Kunst og ro – meditation i udstillingen | Gåtur med fortælling | Tegn dig glad
title: Musik og mindfulness | Skriveværksted: Ord der lindrer | Kultur på recept i {city}
title: Læsekreds for seniorer | Kunst og samtale – et forløb om trivsel | Sang og bevægelse
teaser: Et roligt forløb, hvor kunst, litteratur og fællesskab styrker trivslen.
teaser: Kultur som en vej til et bedre liv – i små hold og i dit eget tempo.
intro: Forløbet er for dig, der har brug for et pusterum i hverdagen. Vi mødes i små hold, og en
  uddannet formidler guider os gennem oplevelserne.
intro: Kunst og kultur kan give ro, mod og nye fællesskaber. Her bruger vi udstillinger, bøger
  og musik som afsæt for gode samtaler.
middle: Forløbet er udviklet sammen med kommunens sundhedscenter, og du kan blive henvist af din
  læge eller melde dig selv.
practical: Forløbet løber over {weeks} uger, og vi mødes hver {weekday}. Tilmelding er
  nødvendig, da der er plads til 14 deltagere.

[foredrag] weight=8 schedule=single minutes=90 price=cheap times=19:00,14:00
  focus=kultur-og-sundhed,+musik audiences=voksne,seniorer venues=bibliotek,kulturhus,museum
title: Foredrag: {talk} | {talk}
teaser: Et levende foredrag med ny viden, gode eksempler og plads til spørgsmål.
teaser: Et foredrag, der giver stof til eftertanke – og lyst til at vide mere.
intro: Hvad sker der i os, når vi oplever kunst og musik? Foredraget giver et overblik over den
  nyeste viden, fortalt så alle kan være med.
intro: Foredragsholderen har arbejdet med emnet i mange år og fortæller med humor og eksempler
  fra både forskning og hverdagsliv.
middle: Foredraget er arrangeret i samarbejde med {organizer_or_venue}.
practical: Efter foredraget er der tid til spørgsmål og en kop kaffe.

[udstilling] weight=12 schedule=exhibition price=entry times=10:00
  audiences=familier,voksne,seniorer venues=museum,bibliotek,kulturhus
title: {exhibition} | Udstilling: {exhibition}
teaser: En udstilling om mennesker, steder og de oplevelser, der binder os sammen.
teaser: Billeder, lyd og genstande fra egnen – til at se, høre og røre ved.
intro: «{exhibition}» samler værker af kunstnere og borgere fra hele egnen. Udstillingen kan ses
  i {weeks} uger på {venue}.
intro: Udstillingen er skabt i samarbejde med lokale foreninger, skoler og kunstnere og kan
  opleves af både børn og voksne.
middle: Der er siddepladser i alle rum og et stille rum, hvis du har brug for en pause.
practical: Udstillingen kan ses i åbningstiden frem til {end}. Der er gratis omvisning den
  første søndag i måneden.
"""


def _parse_kinds(text: str) -> list[dict]:
    """``KIND_TEXT`` as a list of dicts (the format is described above it)."""
    kinds, texts = [], []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("["):
            key, _, line = line[1:].partition("] ")
            kinds.append({"key": key, "focus": "", "minutes": "0", "weekend": "no"})
        tag, sep, value = line.partition(": ")
        if raw.startswith("  ") and "=" not in line.split()[0]:
            texts[-1] += " " + line  # continues the text above
        elif sep and tag.isalpha():
            texts = kinds[-1].setdefault(tag, [])
            texts.extend(_items(value) if tag == "title" else [value])
        else:
            kinds[-1].update(setting.split("=", 1) for setting in line.split())
    for kind in kinds:
        kind["weight"], kind["minutes"] = int(kind["weight"]), int(kind["minutes"])
        kind["weekend"] = kind["weekend"] == "yes"
        kind["times"] = [time(*map(int, t.split(":"))) for t in kind["times"].split(",")]
        for key in ["focus", "audiences", "venues"]:
            kind[key] = kind[key].split(",") if kind[key] else []
        kind["extra"] = [f[1:] for f in kind["focus"] if f.startswith("+")]
        kind["focus"] = [f for f in kind["focus"] if not f.startswith("+")]
    return kinds


KINDS = _parse_kinds(KIND_TEXT)
_WEIGHTS = [kind["weight"] for kind in KINDS]


@dataclass
class EventPlan:
    """An unsaved event, its classification slugs and its (start, end) dates."""

    event: Event
    focus: list[str]
    audiences: list[str]
    features: list[str]
    dates: list[tuple[datetime, datetime | None]]
    sellable: bool  # can a date be sold out
    statuses: list[str] = field(default_factory=list)  # per date, set by the command


def pick_kind(rng) -> dict:
    return rng.choices(KINDS, weights=_WEIGHTS)[0]


def _set_price(rng, model: str, event: Event):
    if model == "free" or (model == "cheap" and rng.random() < 0.3) or rng.random() < 0.05:
        event.is_free = True
        event.price_text = rng.choice(["", "", "tilmelding nødvendig"])
    elif model == "entry":
        amount = rng.choice([40, 50, 60, 75])
        event.price_text = f"Entré {amount} kr., under 18 år gratis"
        event.price_min, event.price_max = Decimal(0), Decimal(amount)
    else:
        paid = model == "paid"
        low = rng.choice([95, 110, 120, 135, 150, 175, 195] if paid else [30, 40, 50, 60])
        high = low + (rng.choice([0, 0, 25, 50, 80]) if paid else 0)
        event.price_text = f"{low} kr." if high == low else f"{low}–{high} kr."
        event.price_min, event.price_max = Decimal(low), Decimal(high)


def _context(rng, venue, dates, weeks) -> dict:
    """Random values for the {placeholders} of one event's texts."""
    genre, genre_cap = rng.choice(GENRES)
    exhibition, exhibition_focus = rng.choice(EXHIBITIONS)
    organizer = rng.choice(ORGANIZERS) if rng.random() < 0.25 else ""
    last = dates[-1][1] or dates[-1][0]
    ctx = {key: rng.choice(words) for key, words in WORDS.items()}
    return ctx | {
        "genre": genre,
        "genre_cap": genre_cap,
        "exhibition": exhibition,
        "exhibition_focus": exhibition_focus,
        "organizer": organizer,
        "organizer_or_venue": organizer or venue.name,
        "venue": venue.name,
        "city": venue.city,
        "weeks": weeks,
        "weekday": WEEKDAYS[dates[0][0].weekday()],
        "end": f"{last.day}.{last.month}.{last.year}",
    }


def build_event(rng, kind, venue, status, dates, weeks, slugs, used=None) -> EventPlan:
    """An unsaved ``kind`` event at ``venue`` on ``dates`` (``weeks`` long), slug from ``slugs``.

    Titles in the set ``used`` are avoided where the kind allows it, and the new one added.
    Sets what ``save()`` would: the slug and the search text; not ``published_at``.
    """
    for _attempt in range(8):
        ctx = _context(rng, venue, dates, weeks)
        title = rng.choice(kind["title"]).format(**ctx)
        if used is None or title not in used:
            break
    if used is not None:
        used.add(title)
    paragraphs = [rng.choice(kind[part]).format(**ctx) for part in ["intro", "middle", "practical"]]
    event = Event(
        title=title,
        slug=slugs.unique(title, 220),
        teaser=rng.choice(kind["teaser"]).format(**ctx),
        description="\n\n".join(paragraphs),
        venue=venue,
        organizer=ctx["organizer"],
        status=status,
    )
    _set_price(rng, kind["price"], event)
    if not event.is_free and rng.random() < 0.9:
        event.ticket_url = f"https://billetter.{DEMO_HOST}/{venue.slug}/{event.slug}"
    if rng.random() < 0.5:
        event.info_url = f"https://{venue.slug}.{DEMO_HOST}/arrangementer/{event.slug}/"
    if status == Event.Status.REJECTED:
        event.rejection_reason = rng.choice(REJECTIONS)
    event.search_text = event.build_search_text(venue=venue)

    focus = list(kind["focus"] or [ctx["exhibition_focus"]])
    focus += [extra for extra in kind["extra"] if rng.random() < 0.3]
    audiences = rng.sample(kind["audiences"], rng.randint(1, len(kind["audiences"])))
    features = []
    if kind["key"] in {"familiekoncert", "ungeaften"} and rng.random() < 0.3:
        features.append("afslappet-forestilling")
    if rng.random() < (0.2 if kind["key"] == "foredrag" else 0.04):
        features.append("tegnsprogstolkning")
    sellable = not event.is_free and kind["schedule"] != "exhibition"
    return EventPlan(event, focus, audiences, features, dates, sellable)
