"""The search relevance set: Danish queries as citizens type them, each with the events that
must be among the first five results of the listing, over a fixed set of events
(tests/search_fixture.py).

It covers folded letters (koge, faellessang), plurals (koncerter, værksteder), word parts
(jazz → Jazzkoncert, teater → Børneteater), typos (fællesang, kocert), filter words (roskilde
musik weekend, i morgen, gratis), stop words (og), and long and short queries. The test
prints recall@5 — the share of expected events found in the first five, over all queries —
and fails below :data:`RECALL_BAR`: 0.95 on PostgreSQL; on SQLite (``make run``), whose
typo ranking is plain date order, 0.90.
"""

import re
from html import unescape

import pytest
import time_machine
from django.db import connection

from tests.search_fixture import EVENTS, NOW, build

pytestmark = pytest.mark.django_db

RECALL_BAR = 0.95 if connection.vendor == "postgresql" else 0.90

#: (query, titles that must be in the first five results)
QUERIES = [
    # folded letters, case, old spellings
    ("koge", ["Jazzkoncert på havnen", "Fællessang i Køge", "Æblekagens dag"]),
    ("KØGE", ["Jazzkoncert på havnen", "Fællessang i Køge", "Æblekagens dag"]),
    ("faellessang", ["Fællessang i Køge"]),
    ("fællessang", ["Fællessang i Køge"]),
    (
        "rodovre",
        [
            "Værksted: Byg din egen synthesizer",
            "Café-aften med poesi",
            "Tegneskole for børn",
            "Ungdomsteater: Hamlet",
        ],
    ),
    (
        "roedovre",
        [
            "Værksted: Byg din egen synthesizer",
            "Café-aften med poesi",
            "Tegneskole for børn",
            "Ungdomsteater: Hamlet",
        ],
    ),
    (
        "helsingor",
        [
            "Fernisering: Øresund i billeder",
            "Yoga og meditation i parken",
            "Gospelkoncert i kirken",
        ],
    ),
    ("oresund", ["Fernisering: Øresund i billeder"]),
    ("Øresund i billeder", ["Fernisering: Øresund i billeder"]),
    ("borneteater", ["Børneteater: Pippi på eventyr"]),
    ("boerneteater", ["Børneteater: Pippi på eventyr"]),
    ("aaben scene", ["Åben scene for sangskrivere"]),
    ("cafe", ["Café-aften med poesi", "Strikkecafé"]),
    ("café", ["Café-aften med poesi", "Strikkecafé"]),
    ("aeblekage", ["Æblekagens dag"]),
    ("arreso", ["Naturvandring ved Arresø"]),
    # plurals, stems, word parts
    ("koncert", ["Koncert på torvet", "Koncerter for børn", "Jazzkoncert på havnen"]),
    ("koncerter", ["Koncerter for børn", "Koncert på torvet"]),
    (
        "værksteder",
        [
            "Værksted: Byg din egen synthesizer",
            "Trommeværksted for hele familien",
            "Skriveværksted for unge",
        ],
    ),
    (
        "vaerksted",
        [
            "Værksted: Byg din egen synthesizer",
            "Trommeværksted for hele familien",
            "Skriveværksted for unge",
        ],
    ),
    ("jazz", ["Jazzkoncert på havnen", "Jazz for små ører"]),
    ("jazzkoncert", ["Jazzkoncert på havnen"]),
    ("teater", ["Ungdomsteater: Hamlet", "Børneteater: Pippi på eventyr"]),
    ("orgel", ["Orgelkoncert i domkirken"]),
    ("gospel", ["Gospelkoncert i kirken"]),
    ("trommevaerksted", ["Trommeværksted for hele familien"]),
    ("kammerkoret", ["Forårskoncert med Kammerkoret"]),
    # typos
    ("fællesang", ["Fællessang i Køge"]),
    ("kocert", ["Koncert på torvet", "Koncerter for børn"]),
    ("pipi", ["Børneteater: Pippi på eventyr"]),
    ("musemsnat", ["Museumsnat"]),
    ("gospl koncert", ["Gospelkoncert i kirken"]),
    # words that name a filter
    (
        "roskilde musik weekend",
        ["Koncerter for børn", "Åben scene for sangskrivere", "Rockkoncert med Blå Time"],
    ),
    ("roskilde", ["Koncerter for børn", "Åben scene for sangskrivere", "Rockkoncert med Blå Time"]),
    ("kammerkor roskilde", ["Forårskoncert med Kammerkoret"]),
    (
        "i morgen",
        ["Fællessang i Køge", "Café-aften med poesi", "Museumsnat", "Tegneskole for børn"],
    ),
    ("i dag", ["Quiz på biblioteket"]),
    ("weekend", ["Koncerter for børn", "Dans for seniorer", "Åben scene for sangskrivere"]),
    ("næste uge", ["Værksted: Byg din egen synthesizer", "Filmaften: En dansk klassiker"]),
    (
        "gratis",
        [
            "Fællessang i Køge",
            "Dans for seniorer",
            "Strikkecafé",
            "Trommeværksted for hele familien",
            "Sankt Hans-bål",
        ],
    ),
    ("dans for seniorer", ["Dans for seniorer"]),
    ("koncerter for børn", ["Koncerter for børn"]),
    ("musicon", ["Koncerter for børn", "Åben scene for sangskrivere", "Rockkoncert med Blå Time"]),
    ("ishøj bibliotek", ["Quiz på biblioteket", "Dans for seniorer", "Strikkecafé"]),
    ("bragesalen", ["Blues på Bragesalen"]),
    # stop words, long and short
    ("og", ["Quiz på biblioteket", "Fællessang i Køge"]),
    ("kor og kammermusik", ["Kor og kammermusik"]),
    ("yoga", ["Yoga og meditation i parken"]),
    ("grundtvig", ["Foredrag: Folkehøjskolens fader"]),
    ("seniorklub", ["Foredrag: Folkehøjskolens fader"]),
    ("naturvandring ved arresø med fugle og siv", ["Naturvandring ved Arresø"]),
    ("film", ["Filmaften: En dansk klassiker"]),
]


def first_five(client, query):
    response = client.get("/arrangementer/", {"q": query})
    assert response.status_code == 200, query
    # The result rows only: not the «Mente du …?» titles of an empty result.
    html = response.content.decode().split('id="results-heading"', 1)[1]
    html = html.split('<div class="empty">', 1)[0]
    found = re.findall(r'href="(?:/en)?/arrangementer/[\w-]+/">([^<]+)<', html)
    return [unescape(title) for title in found][:5]


def test_the_relevance_set_is_large_and_names_only_fixture_events():
    assert len(QUERIES) >= 40
    for _query, expected in QUERIES:
        assert expected and set(expected) <= set(EVENTS)


def test_recall_at_five(client, capsys):
    with time_machine.travel(NOW, tick=False):
        build()
        misses, hits, total = [], 0, 0
        for query, expected in QUERIES:
            shown = first_five(client, query)
            found = [title for title in expected if title in shown]
            hits, total = hits + len(found), total + len(expected)
            if len(found) < len(expected):
                misses.append(
                    f"  {query!r}: missing {sorted(set(expected) - set(found))}, shown {shown}"
                )
    recall = hits / total
    with capsys.disabled():
        print(
            f"\nsearch recall@5 on {connection.vendor}: {recall:.3f} "
            f"({hits}/{total}, {len(QUERIES)} queries)"
        )
        print("\n".join(misses))
    assert recall >= RECALL_BAR, "\n".join(misses)
