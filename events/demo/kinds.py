"""The kinds of demo event (concert, workshop, exhibition …): their settings and texts."""

from datetime import time

from .lists import items

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

[ungeaften] weight=8 schedule=single minutes=240 price=cheap times=19:00,21:00,22:00
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
            texts.extend(items(value) if tag == "title" else [value])
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


def pick_kind(rng) -> dict:
    """One of ``KINDS`` (a dict as ``_parse_kinds`` makes it), drawn by weight with ``rng``."""
    return rng.choices(KINDS, weights=_WEIGHTS)[0]
