"""Zero axe-core violations of WCAG 2.0/2.1 A and AA on every page type, in Danish and
English, on a phone (375 px) and a desktop (1280 px) — and in the dark colour scheme."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import WIDTHS, localized, screenshot

pytestmark = pytest.mark.browser

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# name -> path (Danish); a callable gets the seeded data.
PAGES = {
    "home": "/",
    "listing-filtered": "/arrangementer/?municipality=koege&focus_area=musik&period=month",
    "listing-empty": "/arrangementer/?q=findesikke&municipality=halsnaes",
    "listing-error": "/arrangementer/?date_from=2024-02-30&date_to=1999-01-01&municipality=koege",
    "event": lambda site: site.concert.get_absolute_url(),
    "event-past": lambda site: site.past.get_absolute_url(),
    "municipalities": "/kommuner/",
    "municipality": "/kommuner/koege/",
    "venue": lambda site: site.venue.get_absolute_url(),
    "focus-area": "/indsatser/kultur-og-sundhed/",
    "about": "/om/",
    "accessibility-statement": "/tilgaengelighed/",
    "privacy": "/privatliv/",
    "login": "/konto/login/",
    "password-reset": "/konto/password_reset/",
    "not-found": "/arrangementer/findes-ikke/",
}
# Pages whose screenshots are kept for a look at both widths.
SCREENSHOT_PAGES = {"home", "listing-filtered", "listing-error", "event", "venue", "login"}


def path_of(name, site, lang):
    path = PAGES[name]
    if callable(path):
        path = path(site)
    return localized(path, lang)


def violations(page):
    results = AXE.run(page, options=AXE_OPTIONS)
    return results.response["violations"], results.generate_report()


def check(page, label):
    found, report = violations(page)
    return [] if not found else [f"{label}:\n{report}"]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations_at_phone_and_desktop_width(page, site, name, lang):
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(path_of(name, site, lang))
        assert response is not None
        if name == "not-found":
            assert response.status == 404
        elif name == "listing-error":
            assert response.status == 400
        else:
            assert response.status == 200, page.url
        assert page.evaluate("document.documentElement.lang") == lang
        problems += check(page, f"{name} ({lang}, {width} px)")
        if name in SCREENSHOT_PAGES:
            screenshot(page, f"{name}-{lang}-{width_name}")
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("name", ["home", "listing-filtered", "listing-error", "event"])
def test_dark_colour_scheme_has_no_axe_violations(page, site, name):
    page.emulate_media(color_scheme="dark")
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path_of(name, site, "da"))
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        problems += check(page, f"{name} (dark, {width} px)")
        screenshot(page, f"{name}-dark-{width_name}")
    assert not problems, "\n\n".join(problems)
