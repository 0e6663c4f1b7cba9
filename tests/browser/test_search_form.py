"""The listing's search in the browser: the search box in sight above the filters, a
search «as text» survives the filter form's submission, and the suggestions list is as
wide as the search box or wider, inside the viewport and readable, on a phone and on a
desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, OccurrenceFactory

from .conftest import WIDTHS, screenshot

pytestmark = pytest.mark.browser

WORDS = "roskilde musik weekend"
LONG_TITLE = "Havfruens hemmelighed – koncert for hele familien"


def dated(title, venue):
    event = EventFactory(title=title, venue=venue)
    OccurrenceFactory(event=event, start=timezone.now() + timedelta(days=3))


def open_filters(page, width_name):
    if width_name == "phone":  # the filters are folded away on a phone
        page.locator("summary.filters__toggle").click()


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_text_search_holds_while_a_filter_is_chosen_and_ends_with_new_words(page, site, width_name):
    dated(f"Foredrag: {WORDS}", site.venue)  # Køge Kulturhus
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    page.goto(f"/arrangementer/?q={WORDS.replace(' ', '+')}")
    assert "Viser: Roskilde · Musik · Denne weekend" in page.locator(".filter-words").inner_text()
    page.get_by_role("link", name=f"Søg i stedet efter «{WORDS}» som tekst").click()
    page.wait_for_url("**literal=1**")

    open_filters(page, width_name)
    page.get_by_role("checkbox", name="Køge").check()
    page.get_by_role("button", name="Vis arrangementer").click()
    page.wait_for_url("**municipality=koege**")
    main = page.locator("#main")
    assert f"Søger efter «{WORDS}» som tekst." in main.inner_text()
    assert "Viser:" not in main.inner_text()
    assert page.locator(".event-list").get_by_text(f"Foredrag: {WORDS}").count() == 1
    screenshot(page, f"search-as-text-kept-{width_name}")

    open_filters(page, width_name)
    page.locator("#id_q").fill("jazz roskilde")
    page.get_by_role("button", name="Vis arrangementer").click()
    page.wait_for_url("**q=jazz+roskilde**")
    assert "Viser: Roskilde" in page.locator(".filter-words").inner_text()
    assert "som tekst." not in page.locator("#main").inner_text()


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_the_search_box_is_in_sight_and_searches_within_the_chosen_filters(page, site, width_name):
    """Above the filters (folded away on a phone), in the first screen, and part of the filter
    form: its own button searches with the filters already chosen."""
    dated("Jazz i Kulturhuset", site.venue)  # Køge Kulturhus
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 740})
    page.goto("/arrangementer/?municipality=koege")
    box = page.locator("#id_q")
    area = box.bounding_box()
    assert box.is_visible() and area["y"] + area["height"] <= 740
    assert box.evaluate("input => input.form.id") == "filter-form"
    box.fill("jazz")
    page.locator(".listing__search").get_by_role("button", name="Søg").click()
    page.wait_for_url("**q=jazz**")
    assert "municipality=koege" in page.url
    assert page.locator(".event-list").get_by_text("Jazz i Kulturhuset").count() == 1
    screenshot(page, f"listing-search-box-{width_name}")


@pytest.mark.parametrize("width_name", list(WIDTHS))
@pytest.mark.parametrize(("path", "box"), [("/", "#home-q"), ("/arrangementer/", "#id_q")])
def test_suggestions_are_as_wide_as_the_box_or_wider_inside_the_viewport(
    page, site, width_name, path, box
):
    dated(LONG_TITLE, site.venue)
    width = WIDTHS[width_name]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    if path != "/":
        open_filters(page, width_name)
    field = page.locator(box)
    field.press_sequentially("havf", delay=30)
    listbox = page.locator("[role=listbox]")
    listbox.wait_for(state="visible")
    field_box, list_box = field.bounding_box(), listbox.bounding_box()
    assert list_box["x"] == pytest.approx(field_box["x"], abs=1)
    assert list_box["width"] >= field_box["width"] - 1
    assert list_box["x"] + list_box["width"] <= width  # not cut off at the right
    if width_name == "phone":
        # Wider than the front page's box (it shares the row with the button): nearly the
        # whole viewport, 8 px from its edge.
        assert list_box["x"] + list_box["width"] >= width - 20
    option = page.get_by_role("option", name=LONG_TITLE, exact=False)
    label, kind = option.locator("span").first, option.locator(".suggest__kind")
    label_box, kind_box = label.bounding_box(), kind.bounding_box()
    # The title on at most two lines, never clipped.
    line = float(label.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert label_box["height"] <= 2 * line + 1
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    if width_name == "phone":  # the kind under the title, which gets the whole width
        assert kind_box["y"] >= label_box["y"] + label_box["height"] - 1
    else:  # beside it
        assert kind_box["x"] >= label_box["x"] + label_box["width"]
    screenshot(page, f"search-suggestions-wide-{width_name}-{'home' if path == '/' else 'list'}")
