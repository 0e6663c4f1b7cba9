"""Suggestions while typing (static/js/search-suggest.js): the ARIA 1.2 combobox works by
keyboard, tells a screen reader what is there, passes axe with the list open, and the
search box stays a plain search without JavaScript."""

import pytest

from .conftest import WIDTHS, new_context, screenshot
from .test_axe import check

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_suggestions_by_keyboard_on_the_front_page(page, site, width_name):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    page.goto("/")
    box = page.locator("#home-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("jaz", delay=30)
    listbox = page.locator("[role=listbox]")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert page.locator("[role=option]").first.inner_text().startswith("Jazz på Torvet")
    assert "forslag" in page.locator(".suggest [role=status]").inner_text()
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert not check(page, f"suggestions open ({width_name})")
    screenshot(page, f"search-suggestions-{width_name}")
    box.press("Enter")
    page.wait_for_url(f"**{site.concert.get_absolute_url()}")


def test_escape_closes_then_clears_and_enter_searches(page, site):
    page.goto("/arrangementer/")
    box = page.locator("#id_q")
    box.press_sequentially("kon", delay=30)
    page.locator("[role=listbox]").wait_for(state="visible")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "kon"
    box.press("Escape")
    assert box.input_value() == ""
    box.fill("koge")
    box.press("Enter")
    page.wait_for_url("**q=koge**")
    assert "Jazz på Torvet" in page.locator("#main").inner_text()


def test_without_javascript_the_search_box_is_plain(browser, live_server, media_root, site):
    context = new_context(browser, live_server, media_root, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        box = page.locator("#home-q")
        assert box.get_attribute("role") is None
        box.fill("jazz")
        box.press("Enter")
        page.wait_for_url("**q=jazz**")
        assert "Jazz på Torvet" in page.locator("#main").inner_text()
    finally:
        context.close()
