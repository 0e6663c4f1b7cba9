"""A NUL character anywhere in a query string — any parameter name or value, admin or public
page — is a 400 (``core.inputs``), whatever else the query holds. (The same queries without
it are the other fuzz modules' business: never a 5xx.)"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.support import LISTING_PARAMETERS, encode, fetch, fuzz, query

pytestmark = pytest.mark.django_db

URLS = [
    "/admin/events/event/",
    "/admin/events/occurrence/",
    "/admin/accounts/accessrequest/",
    "/admin/auth/user/",
    "/arrangementer/",
    "/en/arrangementer/",
    "/embed/",
    "/api/v1/occurrences/",
]


@fuzz
@given(
    url=st.sampled_from(URLS),
    pairs=query([*LISTING_PARAMETERS, "q", "o", "status", "status__exact", "term"]).filter(bool),
    where=st.tuples(st.integers(min_value=0), st.booleans(), st.integers(min_value=0)),
)
def test_a_nul_anywhere_in_the_query_string_is_a_400(client, secretary, world, url, pairs, where):
    client.force_login(secretary)
    index, in_name, position = where
    index %= len(pairs)
    name, value = pairs[index]
    text = name if in_name else value
    position %= len(text) + 1
    text = text[:position] + "\x00" + text[position:]
    poisoned = list(pairs)
    poisoned[index] = (text, value) if in_name else (name, text)
    assert fetch(client, "get", f"{url}?{encode(poisoned)}").status_code == 400
