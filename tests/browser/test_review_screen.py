"""The review screen in a real browser: axe-clean at 375 and 1280 px, usable by keyboard
alone (Tab to «Godkend og offentliggør», Enter, and on to the next in the queue), and the
refusal of content that changed since it was opened; and the staff form's preview."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import Event, EventRevision
from tests.factories import EventFactory, OccurrenceFactory, UserFactory

from .conftest import PHONE, WIDTHS, log_in, screenshot
from .test_axe import check

pytestmark = pytest.mark.browser

#: Where the screenshots are kept for a look (besides the test artefacts).
SHOTS = Path("/work/screenshots/h14-moderation")


def shoot(page, name):
    screenshot(page, name)
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def reviewer(fast_passwords):
    user = UserFactory(username="sekretaer", first_name="Sara", is_staff=True)
    user.groups.add(Group.objects.get(name="Sekretariat"))
    return user


@pytest.fixture
def queue(site, staff):
    """Two submissions (the first with an image) and a pending change to a published
    event that changes its title, price, image and a date."""
    first = site.concert
    first.status = Event.Status.SUBMITTED
    first.submitted_by = staff.user
    first.submitted_at = timezone.now() - timedelta(hours=2)
    first.save()
    second = staff.submitted
    second.submitted_at = timezone.now() - timedelta(hours=1)
    second.save()
    published = EventFactory(
        title="Orgelkoncert", venue=site.venue, status="published", price_text="80 kr."
    )
    date = OccurrenceFactory(event=published)
    EventRevision.objects.filter(event=site.concert).delete()
    fields = {"title": "Orgelkoncert med kor", "price_text": "100 kr."}
    revision = EventRevision.objects.create(
        event=published,
        submitted_by=staff.user,
        data={
            "fields": fields,
            "m2m": {},
            "dates": [
                {
                    "id": date.pk,
                    "start": (date.start + timedelta(days=1)).isoformat(),
                    "end": None,
                }
            ],
            "image": first.image.name,
        },
    )
    return first, second, revision


def review_path(obj):
    kind = "event" if isinstance(obj, Event) else "eventrevision"
    return f"/admin/events/{kind}/{obj.pk}/review/"


@pytest.mark.parametrize("which", ["submission", "change"])
def test_the_review_screen_has_no_axe_violations(
    context, page, live_server, reviewer, queue, which
):
    first, _second, revision = queue
    log_in(context, live_server, reviewer)
    obj = first if which == "submission" else revision
    assert page.goto(review_path(obj)).status == 200
    assert page.locator("h1").count() == 1
    assert page.locator(".citizen-preview__image").evaluate("img => img.naturalWidth") > 0
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        problems += check(page, f"review {which} ({width} px)")
        shoot(page, f"review-{which}-{width_name}")
    assert not problems, "\n\n".join(problems)


def test_approving_by_keyboard_leads_to_the_next_submission(
    context, page, live_server, reviewer, queue
):
    first, second, _revision = queue
    log_in(context, live_server, reviewer)
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(review_path(first))
    approve = page.get_by_role("button", name="Godkend og offentliggør")
    for _ in range(60):  # Tab from the top until the button has focus
        page.keyboard.press("Tab")
        if approve.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("«Godkend og offentliggør» cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(review_path(second))
    first.refresh_from_db()
    assert first.status == Event.Status.PUBLISHED


def test_a_change_saved_after_opening_is_refused_on_screen(
    context, page, live_server, reviewer, queue
):
    _first, _second, revision = queue
    log_in(context, live_server, reviewer)
    page.goto(review_path(revision))
    revision.data = {**revision.data, "fields": {"title": "Noget helt andet"}}
    revision.version += 1
    revision.save()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Godkend og offentliggør").click()
    assert navigation.value.status == 409
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("Indholdet er ændret, siden du åbnede det")
    )
    assert "Noget helt andet" in page.locator(".diff").first.inner_text()
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        problems += check(page, f"review changed ({width} px)")
        shoot(page, f"review-changed-{width_name}")
    assert not problems, "\n\n".join(problems)
    revision.refresh_from_db()
    assert revision.status == EventRevision.Status.PENDING


def test_the_staff_preview_has_no_axe_violations(context, page, live_server, staff):
    log_in(context, live_server, staff.user)
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"/mine-arrangementer/{staff.concert.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Se det, som borgerne vil se det").click()
    assert page.locator("#preview h3").inner_text() == staff.concert.title
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        problems += check(page, f"staff preview ({width} px)")
        shoot(page, f"staff-preview-{width_name}")
    assert not problems, "\n\n".join(problems)


def test_the_submit_button_says_it_is_working_after_the_first_click(
    context, page, live_server, staff
):
    log_in(context, live_server, staff.user)
    page.goto(f"/mine-arrangementer/{staff.draft.pk}/")
    # Keep the page: a listener added after the form's own cancels the navigation, so the
    # page can be read as it is between the click and the next page.
    page.evaluate(
        """() => {
            window.sent = 0;
            document.querySelector("form.staff-form").addEventListener("submit", (event) => {
                if (!event.defaultPrevented) window.sent += 1;
                event.preventDefault();
            });
        }"""
    )
    button = page.locator('.staff-form__actions button[name="save"]')
    button.click()
    assert button.inner_text() == "Arbejder …"
    assert button.get_attribute("aria-disabled") == "true"
    button.click(force=True)  # a second click sends nothing…
    page.locator('.staff-form__actions button[name="submit"]').click()  # …nor another button
    assert page.evaluate("window.sent") == 1
