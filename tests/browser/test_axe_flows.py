"""Zero axe-core violations (WCAG 2.0/2.1 A and AA) on the pages reached by doing something
rather than by an address alone: the venue staff's pages (logged in), forms sent with errors,
the repeat helper's check step, the duplicate and date-status flows, the embed and its builder,
the calendar subscription box, and the account pages (access request, login error, lockout,
password reset, the invitation's set-password page) — in Danish and English, at 375 and
1280 px. The steps are done once on a phone; the page is then checked again at desktop width
(the CSS follows the viewport; nothing on these pages is laid out by script)."""

import warnings
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .conftest import PHONE, STAFF_PASSWORD, WIDTHS, jpeg, localized, log_in, screenshot
from .test_axe import check

pytestmark = pytest.mark.browser

DATETIME_INPUT = "%Y-%m-%dT%H:%M"  # the value of <input type=datetime-local>


def go(page, path, lang, status=200):
    response = page.goto(localized(path, lang))
    assert response is not None, path
    assert response.status == status, f"{page.url}: {response.status}, not {status}"


def send(page, button, status=200):
    """Press a form's button; the page the browser lands on must answer ``status``."""
    with page.expect_navigation() as navigation:
        page.click(button)
    assert navigation.value.status == status, f"{page.url}: {navigation.value.status}"


def in_days(days, hour=19):
    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hour, minute=30, second=0, microsecond=0)


# --- Venue staff (logged in) -----------------------------------------------------------------

NEW_EVENT = "/mine-arrangementer/nyt/"


def dashboard(page, data, lang):
    go(page, "/mine-arrangementer/", lang)
    for group in ("rejected", "draft", "submitted", "published", "past"):
        assert page.locator(f"#group-{group}").count() == 1, group


def event_form(page, data, lang):
    go(page, NEW_EVENT, lang)


def event_form_with_errors(page, data, lang):
    """Too long a title, no focus area, an image without alt text, an end before the start."""
    go(page, NEW_EVENT, lang)
    page.evaluate("document.getElementById('id_title').removeAttribute('maxlength')")
    page.fill("#id_title", "Jazz " * 50)
    image = jpeg()
    page.set_input_files(
        "#id_image", files=[{"name": image.name, "mimeType": "image/jpeg", "buffer": image.read()}]
    )
    start = in_days(10)
    page.fill("#id_dates-0-start", start.strftime(DATETIME_INPUT))
    page.fill("#id_dates-0-end", (start - timedelta(hours=1)).strftime(DATETIME_INPUT))
    send(page, "button[name=submit]", status=400)
    for target in ("id_title", "id_focus_areas", "id_image_alt", "id_dates-0-end"):
        assert page.locator(f".error-summary a[href='#{target}']").count() == 1, target


def event_edit(page, data, lang):
    """A published event with changes awaiting review, its dates and their status."""
    go(page, f"/mine-arrangementer/{data.concert.pk}/", lang)


def event_edit_rejected(page, data, lang):
    go(page, f"/mine-arrangementer/{data.rejected.pk}/", lang)


def open_repeat_helper(page, lang):
    go(page, NEW_EVENT, lang)
    page.click("details.repeat > summary")


def repeat_check_step(page, data, lang):
    """Every Tuesday and Thursday for four weeks, filled into the date rows to be checked."""
    open_repeat_helper(page, lang)
    page.check("input[name=repeat-weekdays][value='1']")
    page.check("input[name=repeat-weekdays][value='3']")
    page.fill("#id_repeat-start_time", "10:00")
    page.fill("#id_repeat-end_time", "12:00")
    first = timezone.localdate() + timedelta(days=7)
    page.fill("#id_repeat-date_from", first.isoformat())
    page.fill("#id_repeat-date_to", (first + timedelta(days=27)).isoformat())
    send(page, "button[name=repeat]")
    # The confirmation sits at the dates, where the page lands (#dates).
    assert page.locator("#dates [role=status]").count() == 1
    assert page.input_value("#id_dates-7-start")


def repeat_with_errors(page, data, lang):
    open_repeat_helper(page, lang)
    send(page, "button[name=repeat]", status=400)
    assert page.locator("details.repeat[open] .error-summary").count() == 1


def duplicate(page, data, lang):
    go(page, f"/mine-arrangementer/{data.concert.pk}/kopier/", lang)


def duplicate_done(page, data, lang):
    """The copy, a new draft, opens in the event form with a message."""
    duplicate(page, data, lang)
    send(page, "main .form button[type=submit]")
    assert page.locator(".messages .message").count() == 1


def date_status(page, data, lang):
    go(page, f"/mine-arrangementer/datoer/{data.date.pk}/", lang)


def date_status_saved(page, data, lang):
    """Postponed: back on the event form, the date shows its new status."""
    date_status(page, data, lang)
    page.check("input[name=status][value=postponed]")
    send(page, "main .form button[type=submit]")
    assert page.locator(".staff-dates .status--postponed").count() == 1


def date_status_with_error(page, data, lang):
    """A status the form does not offer (as a forged or stale request sends it)."""
    date_status(page, data, lang)
    page.evaluate(
        "() => { const r = document.querySelector('input[name=status]');"
        " r.value = 'unknown'; r.checked = true; }"
    )
    send(page, "main .form button[type=submit]", status=400)


def not_found_logged_in(page, data, lang):
    go(page, "/mine-arrangementer/999999/", lang, status=404)


# --- Embed, builder and calendar subscription ------------------------------------------------


def embed(page, data, lang):
    go(page, "/embed/?municipality=koege&limit=5", lang)


def embed_with_errors(page, data, lang):
    go(page, "/embed/?limit=500&municipality=findes-ikke", lang, status=400)


def embed_builder(page, data, lang):
    go(page, "/embed/byg/?municipality=koege&focus_area=musik&limit=5", lang)


def embed_builder_with_errors(page, data, lang):
    go(page, "/embed/byg/?limit=0&municipality=findes-ikke", lang, status=400)
    assert page.locator(".error-summary a[href='#id_municipality']").count() == 1


def subscribe(page, data, lang):
    """The listing's subscription box, opened: calendar link, address to copy, feeds."""
    go(page, "/arrangementer/?municipality=koege", lang)
    page.click("details.subscribe > summary")
    assert page.evaluate("document.querySelector('details.subscribe').open")


# --- Accounts ----------------------------------------------------------------------------------


def access_request(page, data, lang):
    go(page, "/konto/adgang/", lang)


def access_request_with_errors(page, data, lang):
    go(page, "/konto/adgang/", lang)
    page.fill("#id_email", "ikke-en-adresse")
    send(page, "main .form button[type=submit]", status=400)
    assert page.locator(".error-summary").count() == 1


def access_request_done(page, data, lang):
    go(page, "/konto/adgang/tak/", lang)


def access_request_limited(page, data, lang):
    go(page, "/konto/adgang/", lang)
    cache.set("access-request:127.0.0.1", settings.ACCESS_REQUEST_RATE_LIMIT, 600)
    send(page, "main .form button[type=submit]", status=429)


def log_in_wrongly(page, data, lang):
    go(page, "/konto/login/", lang)
    page.fill("#id_username", data.user.username)
    page.fill("#id_password", "forkert adgangskode")
    with page.expect_navigation() as navigation:
        page.click("main .form button[type=submit]")
    return navigation.value.status


def login_with_error(page, data, lang):
    assert log_in_wrongly(page, data, lang) == 200
    assert page.locator(".error-summary").count() == 1


def lockout(page, data, lang):
    """django-axes' lockout page after AXES_FAILURE_LIMIT wrong passwords."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        status = log_in_wrongly(page, data, lang)
    assert status == settings.AXES_HTTP_RESPONSE_CODE


def password_reset_done(page, data, lang):
    go(page, "/konto/password_reset/done/", lang)


def set_password_link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/konto/reset/{uid}/{default_token_generator.make_token(user)}/"


def set_password(page, data, lang):
    """The invitation e-mail's link: choose a password (Django's reset confirmation)."""
    go(page, set_password_link(data.user), lang)
    assert page.url.endswith("/set-password/")


def set_password_with_errors(page, data, lang):
    set_password(page, data, lang)
    page.fill("#id_new_password1", STAFF_PASSWORD)
    page.fill("#id_new_password2", "noget andet")
    send(page, "main .form button[type=submit]")
    assert page.locator(".error-summary").count() == 1


def set_password_link_expired(page, data, lang):
    go(page, "/konto/reset/MQ/udloebet-link/", lang)


def password_reset_complete(page, data, lang):
    go(page, "/konto/reset/done/", lang)


PAGES = {
    "staff-dashboard": dashboard,
    "staff-event-form": event_form,
    "staff-event-form-errors": event_form_with_errors,
    "staff-event-edit": event_edit,
    "staff-event-edit-rejected": event_edit_rejected,
    "staff-repeat-check": repeat_check_step,
    "staff-repeat-errors": repeat_with_errors,
    "staff-duplicate": duplicate,
    "staff-duplicate-done": duplicate_done,
    "staff-date-status": date_status,
    "staff-date-status-saved": date_status_saved,
    "staff-date-status-error": date_status_with_error,
    "staff-not-found": not_found_logged_in,
    "embed": embed,
    "embed-errors": embed_with_errors,
    "embed-builder": embed_builder,
    "embed-builder-errors": embed_builder_with_errors,
    "subscribe": subscribe,
    "access-request": access_request,
    "access-request-errors": access_request_with_errors,
    "access-request-done": access_request_done,
    "access-request-limited": access_request_limited,
    "login-error": login_with_error,
    "lockout": lockout,
    "password-reset-done": password_reset_done,
    "set-password": set_password,
    "set-password-errors": set_password_with_errors,
    "set-password-expired": set_password_link_expired,
    "password-reset-complete": password_reset_complete,
}
# Pages whose screenshots are kept for a look at both widths.
SCREENSHOT_PAGES = {
    "staff-dashboard",
    "staff-event-form-errors",
    "staff-event-edit",
    "staff-repeat-check",
    "staff-date-status",
    "embed",
    "embed-builder",
    "access-request-errors",
    "lockout",
    "set-password-errors",
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations_at_phone_and_desktop_width(
    context, page, live_server, staff, name, lang
):
    if name.startswith("staff-"):
        log_in(context, live_server, staff.user)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Refused to" in m.text else None)
    page.set_viewport_size({"width": PHONE, "height": 900})
    PAGES[name](page, staff, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        problems += check(page, f"{name} ({lang}, {width} px)")
        if name in SCREENSHOT_PAGES:
            screenshot(page, f"{name}-{lang}-{width_name}")
    if refused:
        # The Content-Security-Policy blocked something the page needs: said, not failed.
        warnings.warn(f"{name} ({lang}): {sorted(set(refused))}", stacklevel=1)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize(
    "name", ["staff-dashboard", "staff-event-form-errors", "access-request-errors"]
)
def test_dark_colour_scheme_has_no_axe_violations(context, page, live_server, staff, name):
    if name.startswith("staff-"):
        log_in(context, live_server, staff.user)
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": PHONE, "height": 900})
    PAGES[name](page, staff, "da")
    problems = []
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        problems += check(page, f"{name} (dark, {width} px)")
        screenshot(page, f"{name}-dark-{width_name}")
    assert not problems, "\n\n".join(problems)
