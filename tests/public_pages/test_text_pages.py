"""The text pages (about, accessibility, privacy): their content in Danish and English, and
editing a page changes what it shows."""

import pytest
from django.utils.html import escape

from pages.models import Page
from tests.public_pages.support import text

pytestmark = pytest.mark.django_db


# --- Text pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["om", "tilgaengelighed", "privatliv"])
def test_text_page_shows_its_content_in_danish_and_english(client, slug):
    page = Page.objects.get(slug=slug)
    html = text(client.get(f"/{slug}/"))
    assert f"<h1>{escape(page.title)}</h1>" in html
    assert f"<p>{escape(page.body.split(chr(10) * 2)[0])}</p>" in html
    html = text(client.get(f"/en/{slug}/"))
    assert '<html lang="en">' in html
    assert f"<h1>{escape(page.title_en)}</h1>" in html
    assert f"<p>{escape(page.body_en.split(chr(10) * 2)[0])}</p>" in html


def test_editing_a_page_changes_the_page(client):
    page = Page.objects.get(slug="om")
    page.title = "Om os"
    page.body = "Nyt første afsnit.\n\nNyt andet afsnit."
    page.save()
    html = text(client.get("/om/"))
    assert "<h1>Om os</h1>" in html
    assert "<p>Nyt andet afsnit.</p>" in html
