"""The words that fill the {placeholders} of the demo events' texts (see ``kinds``)."""

from .lists import items, pairs

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
# Placeholder → its alternatives.
WORDS = {
    "artist": items(
        "Sølvgran|Trioen Nordlys|Ida Bech Kvartet|Marsk|Havgus|Kobberkoret|Aske og Ild|"
        "Lise Thorup & Bølgerne|Duoen Tang|Fjordens Blæsere|Hedebølge|Morten Vind Band|"
        "Stjernekastet|Klokkeblomst Ensemble|Nanna Lykke|Lysbroen|Mathias Krog Trio|Saltvand|"
        "Villads & Vennerne|Ravnsborg Strygekvartet"
    ),
    "album": items(
        "Sange fra kysten|Lys over marsken|Nattens kort|Hjem igen|Vinden vender|Efter regnen|"
        "Små timer|Byen sover|Blå time|Mellem to hav|Sommerens ende"
    ),
    "kids": items(
        "Dyrene i skoven|Rejsen til Månen|Trommer og trylleri|Sang for små ører|"
        "Havfruens hemmelighed|Den lille brummebas|Regnbuens toner"
    ),
    "workshop": items(
        "Podcastværksted|Beatværksted|Gadekunst og graffiti|Kortfilmværksted|DJ-skole|"
        "Sangskrivning|Tegneserieværksted|Animationsværksted"
    ),
    "theme": items("Grænser|Hjemme|Fremtiden|Venskab|Larm|Nattens byer|Første gang"),
    "play": items("Bag facaden|Ingen ser os|Sidste bus|Lyset i kælderen|Alle de andre"),
    "talk": items(
        "Musikken og hjernen|Søvn, sind og sang|Hvorfor fællesskab gør os sunde|"
        "Historien om dansk rock|Stemmen som instrument|Natur, kunst og trivsel|"
        "Ensomhed blandt unge – hvad kan kulturen?|Jazzens første år i Danmark"
    ),
    "pianist": items("Karen Holm|Jens Vestergaard|Birthe Juul|Anders Kjær"),
}
# (genre, its first part in a compound such as «Jazzaften»).
GENRES = list(
    pairs(
        "jazz=Jazz|folkemusik=Folk|blues=Blues|viser=Vise|soul=Soul|rock=Rock|pop=Pop|"
        "kammermusik=Kammermusik"
    ).items()
)
# (exhibition title, its focus area).
EXHIBITIONS = list(
    pairs(
        "Lyden af en by=musik|Unge blikke – fotografi fra egnen=ungekultur|"
        "Stille rum=kultur-og-sundhed|Kunst der heler=kultur-og-sundhed|Gaden er vores=ungekultur|"
        "Plakater fra spillestederne=musik|Farver i mørket=ungekultur|Min musik, mit liv=musik|"
        "Havet omkring os=kultur-og-sundhed|Hænder der skaber=kultur-og-sundhed"
    ).items()
)
ORGANIZERS = items(
    "Foreningen Musik i Byen|Ungdomsskolen|Musikskolen|Aftenskolen Lyskilden|Frivilligcentret|"
    "Sundhedscentret|Seniorrådet|Kulturmetropolen"
)
REJECTIONS = items(
    "Arrangementet ligger uden for de tre fokusområder. Skriv gerne, hvordan det knytter an til "
    "musik, ungekultur eller kultur og sundhed.|"
    "Beskrivelsen mangler pris og tilmelding. Ret den til, og indsend arrangementet igen.|"
    "Det ligner en dublet af et arrangement, der allerede er oprettet. Tjek venligst datoerne.|"
    "Billetlinket virker ikke. Ret adressen, og indsend arrangementet igen."
)
