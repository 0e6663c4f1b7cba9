"""An event page's price row says something or is not there: the price (written, or the
lowest and highest price an import gives), free admission, or a link to where the price is;
and a page without a description says so instead of leaving its main column empty."""

import re
from decimal import Decimal

import pytest

from tests.public_pages.support import page_of, text, upcoming_event

pytestmark = pytest.mark.django_db


def key_facts(client, event) -> str:
    html = text(page_of(client, event))
    return re.search(r'<section class="event-detail__key key-facts".*?</dl>', html, re.S)[0]


def price(client, event) -> str | None:
    found = re.search(r"<dt>Pris</dt>\s*<dd>(.*?)</dd>", key_facts(client, event), re.S)
    return " ".join(found[1].split()) if found else None


def test_no_price_and_nowhere_to_find_it_leaves_the_row_out(client):
    event = upcoming_event(price_text="", is_free=False, ticket_url="", info_url="")
    assert price(client, event) is None
    assert "arrangørens hjemmeside" not in text(page_of(client, event))


def test_the_price_from_a_calendar_is_shown_in_kroner(client):
    event = upcoming_event(price_text="", price_min=Decimal("100"), price_max=Decimal("149.50"))
    assert price(client, event) == "100–149,50 kr."
    one = upcoming_event(price_text="", price_min=Decimal("80"), price_max=None)
    assert price(client, one) == "80 kr."


def test_without_a_price_the_row_links_to_where_it_is(client):
    tickets = upcoming_event(price_text="", ticket_url="https://billet.example.dk/x")
    assert price(client, tickets) == (
        '<a href="https://billet.example.dk/x" rel="noopener">Se prisen ved billetsalget</a>'
    )
    info = upcoming_event(price_text="", info_url="https://fjordscenen.example/jazz")
    assert price(client, info) == (
        '<a href="https://fjordscenen.example/jazz" rel="noopener">'
        "Se prisen på arrangørens side</a>"
    )


def test_a_written_price_and_free_admission_are_unchanged(client):
    assert price(client, upcoming_event(price_text="120–150 kr.")) == "120–150 kr."
    assert price(client, upcoming_event(is_free=True, price_text="")) == "Gratis adgang"


def test_a_page_without_a_description_says_so(client):
    main = r'<div class="event-detail__main">(.*?)<section class="share"'
    linked = upcoming_event(description="", info_url="https://fjordscenen.example/jazz")
    html = re.search(main, text(page_of(client, linked)), re.S)[1]
    assert '<div class="prose"' not in html
    assert (
        '<a href="https://fjordscenen.example/jazz" rel="noopener">'
        "Læs om arrangementet på arrangørens side</a>" in html
    )
    # The dates and facts move up under the share box (site.css, event-detail__layout--short).
    assert 'class="event-detail__layout event-detail__layout--short"' in text(
        page_of(client, linked)
    )
    bare = upcoming_event(description="", info_url="")
    html = re.search(main, text(page_of(client, bare)), re.S)[1]
    assert "Arrangøren har ikke skrevet mere om arrangementet." in html
    described = re.search(main, text(page_of(client, upcoming_event())), re.S)[1]
    assert '<div class="prose"' in described and "ikke skrevet mere" not in described
    assert "layout--short" not in text(page_of(client, upcoming_event()))
