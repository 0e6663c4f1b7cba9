"""The permission matrix beyond the staff pages: the admin and the public API.

The admin: every URL the admin site serves — the index, each app, and for every registered
model (taken from ``admin.site._registry``, so a model registered later is covered too) its
list, add, change, history and delete pages — sends anonymous people and venue staff to the
admin login, and lets the secretariat in as far as its group's permissions reach.

The API: every endpoint under /api/ is read-only for everyone; a write method is refused and
changes nothing.
"""

import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AccessRequest
from events.models import Event, EventRevision, Occurrence
from municipalities.models import Municipality, Venue
from tests.factories import EventFactory, OccurrenceFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_LABELS = [model._meta.label for model, _model_admin in MODEL_ADMINS]
OBJECT_VIEWS = ("change", "history", "delete")
WRITE_METHODS = ("post", "put", "patch", "delete")


@pytest.fixture
def world(venue_staff):
    """One row of each kind the admin shows (the seeded vocabularies, municipalities, pages,
    the group and the users are there already)."""
    venue, _user = venue_staff
    event = EventFactory(venue=venue, title="Koncert i salen", status=Event.Status.PUBLISHED)
    OccurrenceFactory(event=event)
    EventFactory(venue=venue, title="Afventer godkendelse", status=Event.Status.SUBMITTED)
    EventRevision.objects.create(event=event, data={"fields": {}, "m2m": {}, "dates": []})
    AccessRequest.objects.create(name="Ida", email="ida@example.org", venue=venue)
    return event


@pytest.fixture
def person(request, client, venue_staff, secretary):
    who = request.param
    user = {"anonymous": None, "venue_staff": venue_staff[1], "secretariat": secretary}[who]
    if user is not None:
        client.force_login(user)
    client.user = user
    return client


def admin_urls(model, model_admin):
    """(view, url, object) for each of the model's admin pages; object views use the first
    row there is, or an id no row has."""
    opts = model._meta
    obj = model._default_manager.order_by("pk").first()
    urls = [
        ("changelist", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), None),
        ("add", reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), None),
    ]
    for view in OBJECT_VIEWS:
        name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
        urls.append((view, reverse(name, args=[obj.pk if obj else 999_999]), obj))
    return urls


SITE_URLS = [
    reverse("admin:index"),
    reverse("admin:password_change"),
    reverse("admin:autocomplete"),
    reverse("admin:jsi18n"),
    "/admin/ingen-side/",
    "/en/admin/",
    *sorted({reverse("admin:app_list", args=[m._meta.app_label]) for m, _a in MODEL_ADMINS}),
]


def assert_sent_to_admin_login(response, url):
    assert response.status_code == 302, url
    assert response["Location"].startswith(ADMIN_LOGIN) or response["Location"].startswith(
        "/en" + ADMIN_LOGIN
    ), url


# --- The admin ----------------------------------------------------------------------------


def test_the_registry_holds_the_models_the_secretariat_manages():
    # A guard on the test itself: the matrix below walks these.
    for label in [
        "events.Event",
        "events.EventRevision",
        "events.FocusArea",
        "municipalities.Venue",
        "municipalities.Municipality",
        "accounts.AccessRequest",
        "pages.Page",
        "auth.User",
    ]:
        assert label in MODEL_LABELS


@pytest.mark.parametrize("person", ["anonymous", "venue_staff"], indirect=True)
def test_the_admin_site_pages_send_outsiders_to_the_admin_login(person, world):
    for url in SITE_URLS:
        assert_sent_to_admin_login(person.get(url), url)


@pytest.mark.parametrize("person", ["anonymous", "venue_staff"], indirect=True)
@pytest.mark.parametrize(("model", "model_admin"), MODEL_ADMINS, ids=MODEL_LABELS)
def test_no_model_admin_page_lets_outsiders_in(person, world, model, model_admin):
    for view, url, _obj in admin_urls(model, model_admin):
        assert_sent_to_admin_login(person.get(url), f"{view} {url}")


def test_the_admin_login_page_does_not_admit_venue_staff(client, venue_staff):
    _venue, user = venue_staff
    response = client.post(
        ADMIN_LOGIN,
        {"username": user.username, "password": "correct horse battery staple", "next": "/admin/"},
    )
    assert response.status_code == 200
    assert "personalekonto" in response.content.decode()  # «… til en personalekonto»
    assert_sent_to_admin_login(client.get(reverse("admin:index")), "index after login")


def test_a_venue_staff_member_who_is_logged_in_is_told_so_on_the_admin_login(client, venue_staff):
    client.force_login(venue_staff[1])
    response = client.get(ADMIN_LOGIN)
    assert response.status_code == 200
    assert "men du har ikke tilladelse til at tilgå" in response.content.decode()


@pytest.mark.parametrize("person", ["anonymous", "venue_staff"], indirect=True)
def test_outsiders_cannot_change_anything_through_the_admin(person, world):
    submitted = Event.objects.get(status=Event.Status.SUBMITTED)
    before = snapshot()
    posts = [
        (
            reverse("admin:events_event_changelist"),
            {"action": "approve", "_selected_action": [submitted.pk], "index": 0},
        ),
        (reverse("admin:events_event_delete", args=[world.pk]), {"post": "yes"}),
        (
            reverse("admin:events_event_change", args=[world.pk]),
            {"title": "Kapret", "status": "published"},
        ),
        (
            reverse("admin:municipalities_venue_add"),
            {"name": "Falsk sted", "municipality": municipality("koege").pk},
        ),
        (reverse("admin:auth_user_add"), {"username": "ny", "password1": "x", "password2": "x"}),
        (
            reverse("admin:auth_user_change", args=[person.user.pk if person.user else 1]),
            {"is_staff": "on", "is_superuser": "on"},
        ),
    ]
    for url, data in posts:
        assert_sent_to_admin_login(person.post(url, data), url)
    assert snapshot() == before
    if person.user is not None:
        person.user.refresh_from_db()
        assert not person.user.is_staff
        assert not person.user.is_superuser


def test_the_secretariat_reaches_its_daily_work(client, secretary, world):
    client.force_login(secretary)
    revision = EventRevision.objects.get()
    request = AccessRequest.objects.get()
    for url in [
        reverse("admin:index"),
        reverse("admin:events_event_changelist") + "?status__exact=submitted",
        reverse("admin:events_event_add"),
        reverse("admin:events_event_change", args=[world.pk]),
        reverse("admin:events_eventrevision_changelist"),
        reverse("admin:events_eventrevision_change", args=[revision.pk]),
        reverse("admin:municipalities_venue_changelist"),
        reverse("admin:municipalities_venue_add"),
        reverse("admin:municipalities_venue_change", args=[world.venue.pk]),
        reverse("admin:municipalities_municipality_changelist"),
        reverse("admin:accounts_accessrequest_changelist"),
        reverse("admin:accounts_accessrequest_change", args=[request.pk]),
        reverse("admin:pages_page_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
    ]:
        assert client.get(url).status_code == 200, url


def expected_for_secretary(model_admin, view, obj, user):
    """What the admin promises the secretariat for one page: 200 where its permissions
    reach, 403 where they do not, and 404 for a row its list leaves out (the user admin
    leaves out staff accounts, docs/roles.md)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    if obj is not None and not model_admin.get_queryset(request).filter(pk=obj.pk).exists():
        return 404
    allowed = {
        "changelist": model_admin.has_view_or_change_permission(request),
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_view_or_change_permission(request, obj),
        "history": model_admin.has_view_or_change_permission(request, obj),
        "delete": model_admin.has_delete_permission(request, obj),
    }[view]
    return 200 if allowed else 403


@pytest.mark.parametrize(("model", "model_admin"), MODEL_ADMINS, ids=MODEL_LABELS)
def test_the_secretariat_gets_what_its_permissions_allow(
    client, secretary, world, model, model_admin
):
    client.force_login(secretary)
    for view, url, obj in admin_urls(model, model_admin):
        if view in OBJECT_VIEWS and obj is None:
            continue  # no row of this kind: nothing to open
        expected = expected_for_secretary(model_admin, view, obj, secretary)
        assert client.get(url).status_code == expected, f"{view} {url}"


def test_the_secretariat_is_not_a_superuser_in_the_admin(client, secretary, world):
    # The group's permissions are the limit: no access to groups or login-throttle records,
    # no deleting venues or municipalities.
    client.force_login(secretary)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    venue_delete = reverse("admin:municipalities_venue_delete", args=[world.venue.pk])
    assert client.get(venue_delete).status_code == 403
    koege = municipality("koege")
    url = reverse("admin:municipalities_municipality_delete", args=[koege.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Municipality.objects.filter(pk=koege.pk).exists()


# --- The API ------------------------------------------------------------------------------


def api_urls(event):
    occurrence = event.occurrences.get()
    venue = event.venue
    return [
        "/api/v1/",
        "/api/v1/schema/",
        "/api/v1/docs/",
        "/api/v1/occurrences/",
        f"/api/v1/occurrences/{occurrence.pk}/",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/api/v1/venues/",
        f"/api/v1/venues/{venue.slug}/",
        "/api/v1/municipalities/",
        "/api/v1/municipalities/koege/",
        "/api/v1/focus-areas/",
        "/api/v1/focus-areas/musik/",
    ]


def snapshot():
    """What a write could have touched: every row's key fields."""
    return {
        "events": sorted(Event.objects.values_list("pk", "title", "status", "slug", "venue_id")),
        "dates": sorted(Occurrence.objects.values_list("pk", "start", "status")),
        "venues": sorted(Venue.objects.values_list("pk", "name", "slug")),
        "municipalities": sorted(Municipality.objects.values_list("pk", "name", "slug")),
        "revisions": sorted(EventRevision.objects.values_list("pk", "status")),
        "users": sorted(
            UserFactory._meta.model.objects.values_list("pk", "is_staff", "is_superuser")
        ),
    }


def test_the_api_reads_for_everyone(client, world):
    for url in api_urls(world):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, url


@pytest.mark.parametrize("person", ["anonymous", "venue_staff", "secretariat"], indirect=True)
@pytest.mark.parametrize(
    "endpoint",
    range(13),
    ids=[
        "root",
        "schema",
        "docs",
        "occurrences",
        "occurrence",
        "events",
        "event",
        "venues",
        "venue",
        "municipalities",
        "municipality",
        "focus-areas",
        "focus-area",
    ],
)
def test_no_write_method_succeeds_on_the_api(person, world, endpoint):
    url = api_urls(world)[endpoint]
    body = json.dumps({"title": "Kapret", "name": "Kapret", "status": "cancelled"})
    before = snapshot()
    for method in WRITE_METHODS:
        response = getattr(person, method)(
            url, body, content_type="application/json", HTTP_ACCEPT="application/json"
        )
        assert response.status_code in {401, 403, 405}, f"{method.upper()} {url}"
    assert snapshot() == before


def test_the_api_says_which_methods_it_allows(client, world):
    response = client.post("/api/v1/events/", {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    allowed = {m.strip() for m in response["Allow"].split(",")}
    assert allowed <= {"GET", "HEAD", "OPTIONS"}
