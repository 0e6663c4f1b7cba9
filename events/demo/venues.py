"""The demo venues: the real towns of the nine municipalities, invented venues in them,
and the words that make up more venue names, streets and descriptions."""

from .lists import items, pairs

DEMO_HOST = "example.dk"  # every demo venue's website is https://<slug>.example.dk/
# The demo venue-staff login's venues → trusted (a trusted venue's events skip review).
STAFF_VENUES = {"Stationsbiblioteket": False, "Fjordscenen": True}

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
VENUE_PREFIX = pairs(
    "bibliotek=Biblioteket|musik=Spillestedet|museum=Kunsthal|kulturhus=Kulturhuset|scene=Scenen"
)
VENUE_TEXT = pairs(
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
NAME_HEADS = items("Ege|Birke|Lærke|Mølle|Rose|Kløver|Sol|Strand|Skov|Lyng|Kilde|Hassel|Pile")
NAME_TAILS = items("bakken|gården|højen|huset|dalen|engen|lunden|vangen|toften|mosen")
STREET_TAILS = items("vej|gade|allé|stræde|stien")
