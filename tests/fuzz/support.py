"""What the fuzz tests share: the examples per test (``FUZZ_EXAMPLES``), the hostile values and
the strategies built on them, and the checks every response must pass (no 5xx, nothing
reflected unescaped, XML and iCalendar that still parse), plus the row counts that show a
rejected form saved nothing. The properties themselves are described in ``tests.fuzz``.
"""

import os
from urllib.parse import urlencode
from xml.etree import ElementTree

import icalendar
import pytest
import vobject
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import AccessRequest
from events.models import Event, EventRevision, Occurrence
from events.querystring import FEED_PARAMETERS
from municipalities.models import Venue
from tests.html_checks import injected

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
fuzz = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# --- Values -------------------------------------------------------------------------------

#: Marked markup: an element no page of the site has, so finding it parsed means injection.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</script><script>alert("x")</script>',
    "</textarea><x-fuzz>",
    '<a href="javascript:alert(1)">x</a>',
    "<x-fuzz onmouseover=alert(1)>",
    "{{ 7|add:7 }}<x-fuzz>{% now 'Y' %}",
    "<!--<x-fuzz>-->",
]
HOSTILE = [
    *MARKUP,
    "javascript:alert(1)",
    "' OR '1'='1",
    "'; DROP TABLE events_event; --",
    '" OR 1=1 --',
    "\\",
    "%",
    "_",
    "%00",
    "\x00",
    "a\x00b",
    "\x0b\x1b\x7f",
    "\r\nSet-Cookie: x=1",
    "x\rURL:https://evil.example/",
    "x\ny;a,b\\c",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "🎉🎭🎶" * 20,
    "Ærø Øster Åby",
    "A" * 5_000,
    "Æ" * 2_000,
    "../../../etc/passwd",
    "%s%s%n",
    "${7*7}",
    "",
    " ",
    "true",
    "on",
    "[]",
    "{}",
    "null",
]
DATES = [
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "0000-00-00",
    "0001-01-01",
    "1899-12-31",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "2026-1-1",
    "01-02-2026",
    "2026-06-15T25:61",
    "2026-03-29",  # the spring-forward day
    "2026-10-25",  # the fall-back day
]
NUMBERS = [
    "-1",
    "0",
    "1",
    "2",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "99999999999999999999999999999999",
    str(2**63),
    str(-(2**63) - 1),
    "１２",  # full-width digits
    "٣",  # Arabic-Indic three
    "²",  # a digit to str.isdigit, not to int()
    "①",
]
SLUGS = {
    "municipality": ["koege", "roskilde", "ishoej", "albertslund"],
    "focus_area": ["musik", "ungekultur", "kultur-og-sundhed"],
    "venue": ["fuzz-scene"],
    "audience": ["boern", "familier", "unge", "voksne", "seniorer"],
    "accessibility": ["trinfri-adgang", "teleslynge", "siddepladser"],
    "period": ["today", "weekend", "week", "month"],
    "free": ["true", "false", "1", "0", "on"],
    "sort": ["relevance", "date"],
}

#: Text with control characters (C0, DEL, C1) and the line separators among ordinary letters.
controls = st.text(
    alphabet=st.one_of(
        st.characters(categories=["Cc"]),
        st.sampled_from("\u2028\u2029;,:\\ab"),
    ),
    min_size=1,
    max_size=12,
)

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    controls,
    st.builds(
        lambda a, m, b: a + m + b,
        st.text(max_size=12),
        st.sampled_from(MARKUP),
        st.text(max_size=12),
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(DATES),
    st.sampled_from(NUMBERS),
)
dates = st.one_of(st.sampled_from(DATES), st.dates().map(lambda d: d.isoformat()), hostile)
numbers = st.one_of(st.sampled_from(NUMBERS), st.integers(-(10**20), 10**20).map(str), hostile)


def value_for(name):
    if name in {"date_from", "date_to"}:
        return dates
    if name in {"page", "page_size", "limit", "p"}:
        return numbers
    if SLUGS.get(name):
        return st.one_of(st.sampled_from(SLUGS[name]), hostile)
    return hostile


# The filters every list shares (events.querystring), plus the listing's own page and sort.
LISTING_PARAMETERS = [*FEED_PARAMETERS, "page", "sort"]


def query(parameters, extra=()):
    """A query string: some of ``parameters`` (each possibly repeated, as PHP-style arrays
    too), plus now and then a name nobody expects."""
    names = st.sampled_from([*parameters, *extra])
    pair = names.flatmap(
        lambda name: st.tuples(
            st.sampled_from([name, name, name, name + "[]", name + "[0]"]),
            st.lists(value_for(name), min_size=1, max_size=3),
        )
    )
    odd = st.tuples(
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=10)), st.lists(hostile, max_size=2)
    )
    return st.lists(st.one_of(pair, pair, pair, odd), max_size=6).map(
        lambda pairs: [(name, value) for name, values in pairs for value in values]
    )


def encode(pairs):
    return urlencode(pairs, doseq=False)


# --- The checks ---------------------------------------------------------------------------


def fetch(client, method, url, data=None, **extra):
    """One request in a savepoint (a database error in a view must not poison the rest of
    the test); a view's exception or a 5xx fails with the request that caused it."""
    cache.clear()  # API throttling and the access request limit count in the cache
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url, **extra)
            else:
                response = client.post(url, data or {}, **extra)
    except Exception as exc:  # the test client re-raises what the view raised
        pytest.fail(f"{method.upper()} {url!r} {data!r} raised {exc!r}")
    assert response.status_code < 500, f"{method.upper()} {url!r} {data!r}"
    return response


def sent_values(pairs_or_data):
    items = pairs_or_data.items() if isinstance(pairs_or_data, dict) else pairs_or_data
    values = []
    for key, value in items:
        values.append(str(key))
        if isinstance(value, list | tuple):
            values.extend(str(v) for v in value)
        else:
            values.append(str(value))
    return values


def check(response, sent):
    """The properties of one response to input ``sent`` (a list of strings)."""
    content_type = response.get("Content-Type", "")
    if response.streaming or not response.content:
        return
    body = response.content.decode("utf-8", errors="replace")
    if content_type.startswith("text/html"):
        for value in sent:
            # Marked payloads cannot be part of a page by chance.
            if any(mark in value for mark in MARKUP) or "<x-fuzz" in value:
                assert value not in body, value
        assert injected(body) == [], sent
    elif response.status_code == 200 and ("xml" in content_type):
        ElementTree.fromstring(response.content)
    elif response.status_code == 200 and content_type.startswith("text/calendar"):
        check_calendar(response.content)
    elif content_type.startswith("application/json") and response.status_code == 200:
        response.json()


def check_calendar(body: bytes):
    """Both parsers read the calendar; every CR ends a line and no other control character
    (RFC 5545 §3.3.11: TEXT holds none but HTAB) is in it, so a control character sent in a
    feed's parameters cannot start a property of its own."""
    assert body.count(b"\r") == body.count(b"\r\n")
    assert not [byte for byte in body if (byte < 32 and byte not in b"\t\r\n") or byte == 127]
    icalendar.Calendar.from_ical(body)
    vobject.readOne(body.decode("utf-8"))
    lines = body.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert not [line for line in lines if line.startswith("URL:https://evil")]


def counts():
    return (
        Event.objects.count(),
        Occurrence.objects.count(),
        EventRevision.objects.count(),
        AccessRequest.objects.count(),
        Venue.objects.count(),
    )
