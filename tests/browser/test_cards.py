"""Event cards in the browser, at 375×740 and 1280×800, on the listing and the front page:
every card image has alt, width and height; the largest image in the first screen is not lazy;
a card is one link that a click anywhere on it (the picture too) and the keyboard follow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, OccurrenceFactory

from .conftest import jpeg, screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (375, 740), "desktop": (1280, 800)}
PAGES = {"listing": "/arrangementer/", "front": "/"}

IMAGES = """() => [...document.querySelectorAll(".event-card img")].map(img => {
  const box = img.getBoundingClientRect();
  const visible = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0))
    * Math.max(0, Math.min(box.right, innerWidth) - Math.max(box.left, 0));
  return {
    alt: img.getAttribute("alt"), width: img.getAttribute("width"),
    height: img.getAttribute("height"), loading: img.getAttribute("loading"),
    visible, src: img.currentSrc,
  };
})"""


@pytest.fixture
def pictured(site):
    """The site with pictures on most upcoming events (as the demo data has)."""
    now = timezone.now()
    for n in range(8):
        event = EventFactory(
            title=f"Billedkoncert {n}",
            venue=site.venue,
            image=jpeg(1200, 800, colour=(20 * n, 90, 140)),
            image_alt=f"Musikere på scenen, billede {n}",
        )
        OccurrenceFactory(event=event, start=now + timedelta(hours=2 + n))
    return site


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_card_images_have_alt_width_height_and_the_first_screens_largest_is_not_lazy(
    page, pictured, name, viewport
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(PAGES[name])
    page.locator(".event-list").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    images = page.evaluate(IMAGES)
    assert len(images) >= 6, images
    for image in images:
        assert image["alt"] is not None and image["alt"].strip(), image
        assert image["width"] and image["height"], image
    # The first screen: what shows before scrolling, and the first cards' row if the cards
    # start below it. Its largest image must not wait for lazy loading.
    in_view = [image for image in images if image["visible"] > 0]
    first = max(in_view or images[:1], key=lambda image: image["visible"])
    assert first["loading"] != "lazy", first
    assert ".webp" in first["src"]  # Chromium takes the WebP rendition
    assert any(image["loading"] == "lazy" for image in images)  # the rest wait
    screenshot(page, f"cards-{name}-{viewport}")


def event_url(title):
    """The event's address (new slugs end in a random suffix)."""
    from events.models import Event

    return Event.objects.get(title=title).get_absolute_url()


def test_a_card_is_one_link_that_a_click_on_its_picture_follows(page, pictured):
    page.goto("/arrangementer/")
    card = page.locator(".event-card").filter(has_text="Billedkoncert 0")
    assert card.locator("a").count() == 1
    # The title's link covers the card: a click on the picture lands on the link.
    card.scroll_into_view_if_needed()
    box = card.locator("img").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**{event_url('Billedkoncert 0')}")


def test_a_card_is_reached_and_followed_with_the_keyboard(page, pictured):
    page.goto("/arrangementer/")
    link = page.locator(".event-card a").filter(has_text="Billedkoncert 0")
    for _ in range(80):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the card's link")
    outline = (
        page.locator(".event-card")
        .filter(has_text="Billedkoncert 0")
        .evaluate("el => getComputedStyle(el).outlineStyle")
    )
    assert outline != "none"  # the whole card shows the focus
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{event_url('Billedkoncert 0')}")
