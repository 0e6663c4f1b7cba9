"""The role matrix of the user admin (docs/roles.md): who may open which page of
``/admin/auth/user/`` for which kind of account, and that forged forms change nothing.

Roles: anonymous, venue staff, the secretariat (``is_staff`` and the «Sekretariat» group)
and a superuser. Accounts: a venue-staff account, another secretariat member (staff), a
superuser, and the secretariat member's own account.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from tests.factories import UserFactory, VenueFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
OBJECT_VIEWS = ("change", "password_change", "history", "delete")


@pytest.fixture
def accounts(settings):
    """Every kind of account, by name."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    group = Group.objects.get(name="Sekretariat")
    venue = VenueFactory(name="Rytmisk Sal")
    venue_staff = UserFactory(username="koordinator", first_name="Kim")
    venue.staff.add(venue_staff)
    other_venue_staff = UserFactory(username="frivillig")
    venue.staff.add(other_venue_staff)
    secretary = UserFactory(username="sekretaer", is_staff=True)
    secretary.groups.add(group)
    colleague = UserFactory(username="kollega", is_staff=True)
    colleague.groups.add(group)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    return {
        "venue_staff": venue_staff,
        "other_venue_staff": other_venue_staff,
        "secretary": secretary,
        "colleague": colleague,
        "superuser": superuser,
    }


def user_url(view, user=None):
    if view in ("changelist", "add"):
        return reverse(f"admin:auth_user_{view}")
    return reverse(f"admin:auth_user_{view}", args=[user.pk])


def login_as(client, accounts, role):
    who = {
        "anonymous": None,
        "venue_staff": accounts["venue_staff"],
        "secretariat": accounts["secretary"],
        "superuser": accounts["superuser"],
    }[role]
    if who is not None:
        client.force_login(who)
    return client


def expected_status(role, view, target):
    """The matrix: the status each role gets for each page of the user admin."""
    if role in ("anonymous", "venue_staff"):
        return "login"
    if role == "superuser":
        return 200
    # The secretariat:
    if view in ("changelist", "add"):
        return 200
    if target != "other_venue_staff":
        return 404  # a staff or superuser account, its own included: not there for it
    return 200


CASES = [
    (role, view, target)
    for role in ("anonymous", "venue_staff", "secretariat", "superuser")
    for view, target in [
        ("changelist", None),
        ("add", None),
        *[
            (view, target)
            for view in OBJECT_VIEWS
            for target in ("other_venue_staff", "colleague", "superuser", "secretary")
        ],
    ]
]


@pytest.mark.parametrize(("role", "view", "target"), CASES)
def test_the_user_admin_answers_each_role_as_the_matrix_says(client, accounts, role, view, target):
    login_as(client, accounts, role)
    url = user_url(view, accounts.get(target))
    response = client.get(url)
    expected = expected_status(role, view, target)
    if expected == "login":
        assert response.status_code == 302, url
        assert response["Location"].startswith(ADMIN_LOGIN), url
    else:
        assert response.status_code == expected, url


def test_the_superuser_password_page_is_closed_to_the_secretariat(client, accounts):
    # The finding: /admin/auth/user/1/password/ answered 200 to the secretariat.
    client.force_login(accounts["secretary"])
    assert client.get(f"/admin/auth/user/{accounts['superuser'].pk}/password/").status_code == 404


def test_the_secretariat_lists_only_venue_staff_accounts(client, accounts):
    client.force_login(accounts["secretary"])
    response = client.get(user_url("changelist"))
    listed = {user.username for user in response.context["cl"].result_list}
    assert listed == {"koordinator", "frivillig"}
    # Filtering for staff or superusers finds nothing more.
    for query in ("?is_superuser__exact=1", "?is_staff__exact=1"):
        response = client.get(user_url("changelist") + query)
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []


def test_the_secretariat_cannot_filter_users_by_group_or_permission(client, accounts):
    client.force_login(accounts["secretary"])
    group = Group.objects.get(name="Sekretariat")
    for query in (f"?groups={group.pk}", f"?groups__id__exact={group.pk}", "?user_permissions=1"):
        assert client.get(user_url("changelist") + query).status_code == 400, query


def test_the_superuser_keeps_the_full_user_admin(client, accounts):
    client.force_login(accounts["superuser"])
    response = client.get(user_url("change", accounts["venue_staff"]))
    fields = set(response.context["adminform"].form.fields)
    assert {"is_staff", "is_superuser", "groups", "user_permissions"} <= fields
    listed = client.get(user_url("changelist")).context["cl"].result_list
    assert {u.username for u in listed} == {u.username for u in User.objects.all()}


def test_the_secretariat_form_shows_no_status_group_or_permission_field(client, accounts):
    client.force_login(accounts["secretary"])
    response = client.get(user_url("change", accounts["venue_staff"]))
    form = response.context["adminform"].form
    assert set(form.fields) == {
        "username",
        "password",
        "first_name",
        "last_name",
        "email",
        "is_active",
    }
    body = response.content.decode()
    for name in ("is_staff", "is_superuser", "groups", "user_permissions"):
        assert f'name="{name}"' not in body


# --- Forged forms ---------------------------------------------------------------------------


def forged(extra):
    group = Group.objects.get(name="Sekretariat")
    permission = Permission.objects.get(codename="change_user")
    return {
        **extra,
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [group.pk],
        "user_permissions": [permission.pk],
    }


def assert_plain(user):
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.groups.exists()
    assert not user.user_permissions.exists()


def powers(user):
    user.refresh_from_db()
    return (
        user.is_staff,
        user.is_superuser,
        sorted(user.groups.values_list("pk", flat=True)),
        sorted(user.user_permissions.values_list("pk", flat=True)),
        user.password,
    )


def test_a_forged_change_of_a_venue_staff_account_saves_only_the_allowed_fields(client, accounts):
    client.force_login(accounts["secretary"])
    target = accounts["venue_staff"]
    data = forged(
        {
            "username": target.username,
            "first_name": "Kamma",
            "last_name": "Holm",
            "email": "kamma@example.org",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        }
    )
    response = client.post(user_url("change", target), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.first_name, target.email) == ("Kamma", "kamma@example.org")
    assert_plain(target)


def test_the_secretariat_cannot_make_itself_superuser(client, accounts):
    # The finding: a secretariat login posted its own change form with is_superuser=on.
    secretary = accounts["secretary"]
    before = powers(secretary)
    client.force_login(secretary)
    data = forged({"username": secretary.username, "is_active": "on"})
    assert client.post(user_url("change", secretary), data).status_code == 404
    assert powers(secretary) == before


def test_the_secretariat_cannot_change_staff_or_superuser_accounts(client, accounts):
    client.force_login(accounts["secretary"])
    for name in ("colleague", "superuser"):
        target = accounts[name]
        username = target.username
        before = powers(target)
        data = forged({"username": "overtaget", "is_active": ""})
        assert client.post(user_url("change", target), data).status_code == 404
        data = {"password1": "nyt-kodeord-123456", "password2": "nyt-kodeord-123456"}
        data["usable_password"] = "true"
        assert client.post(user_url("password_change", target), data).status_code == 404
        assert client.post(user_url("delete", target), {"post": "yes"}).status_code == 404
        target.refresh_from_db()
        assert (target.username, target.is_active) == (username, True)
        assert powers(target) == before


def test_a_forged_add_form_makes_a_plain_venue_staff_account(client, accounts):
    client.force_login(accounts["secretary"])
    data = forged(
        {
            "username": "ny-koordinator",
            "usable_password": "true",
            "password1": "et-langt-kodeord-2026",
            "password2": "et-langt-kodeord-2026",
        }
    )
    response = client.post(user_url("add"), data)
    assert response.status_code == 302
    assert_plain(User.objects.get(username="ny-koordinator"))


def test_the_secretariat_sets_a_venue_staff_password_and_deactivates_the_account(client, accounts):
    client.force_login(accounts["secretary"])
    target = accounts["venue_staff"]
    data = {
        "usable_password": "true",
        "password1": "et-langt-kodeord-2026",
        "password2": "et-langt-kodeord-2026",
    }
    assert client.post(user_url("password_change", target), data).status_code == 302
    target.refresh_from_db()
    assert target.check_password("et-langt-kodeord-2026")
    data = {
        "username": target.username,
        "first_name": target.first_name,
        "email": target.email,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }  # is_active left out: unticked
    assert client.post(user_url("change", target), data).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert_plain(target)


def test_the_secretariat_deletes_venue_staff_accounts_and_no_other(client, accounts):
    # The privacy page promises that the secretariat closes or deletes an account on request.
    client.force_login(accounts["secretary"])
    target = accounts["venue_staff"]
    assert client.post(user_url("delete", target), {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=target.pk).exists()
    # The bulk action with forged ids: only the venue-staff account among them goes.
    others = [accounts[name].pk for name in ("colleague", "superuser", "secretary")]
    response = client.post(
        user_url("changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [accounts["other_venue_staff"].pk, *others],
        },
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=accounts["other_venue_staff"].pk).exists()
    assert User.objects.filter(pk__in=others).count() == 3


def test_a_venue_staff_member_cannot_post_to_the_user_admin(client, accounts):
    user = accounts["venue_staff"]
    client.force_login(user)
    data = forged({"username": user.username, "is_active": "on"})
    response = client.post(user_url("change", user), data)
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)
    assert_plain(user)


# --- Groups and permissions -----------------------------------------------------------------


def test_the_secretariat_cannot_open_or_change_groups(client, accounts):
    client.force_login(accounts["secretary"])
    group = Group.objects.get(name="Sekretariat")
    before = sorted(group.permissions.values_list("pk", flat=True))
    for url in [
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_add"),
        reverse("admin:auth_group_change", args=[group.pk]),
        reverse("admin:auth_group_history", args=[group.pk]),
        reverse("admin:auth_group_delete", args=[group.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    every_permission = list(Permission.objects.values_list("pk", flat=True))
    url = reverse("admin:auth_group_change", args=[group.pk])
    data = {"name": "Sekretariat", "permissions": every_permission}
    assert client.post(url, data).status_code == 403
    data = {"name": "Alt", "permissions": every_permission}
    assert client.post(reverse("admin:auth_group_add"), data).status_code == 403
    assert sorted(group.permissions.values_list("pk", flat=True)) == before
    assert not Group.objects.filter(name="Alt").exists()


def test_permissions_have_no_admin_page(client, accounts):
    client.force_login(accounts["secretary"])
    assert client.get("/admin/auth/permission/").status_code == 404
    assert client.get("/admin/auth/").status_code == 200  # users only, no groups
    client.force_login(accounts["superuser"])
    assert client.get("/admin/auth/permission/").status_code == 404


def test_the_venue_staff_picker_offers_the_secretariat_only_venue_staff_accounts(client, accounts):
    client.force_login(accounts["secretary"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "municipalities", "model_name": "venue", "field_name": "staff", "term": ""},
    )
    assert response.status_code == 200
    names = {row["text"] for row in response.json()["results"]}
    assert names == {"koordinator", "frivillig"}


# --- Staff accounts through the venue admin -------------------------------------------------


def venue_form(venue, staff):
    return {
        "name": venue.name,
        "municipality": venue.municipality.pk,
        "is_active": "on",
        "street_address": venue.street_address,
        "postal_code": venue.postal_code,
        "city": venue.city,
        "staff": staff,
    }


def test_a_forged_staff_id_in_the_venue_form_does_not_add_a_staff_account(client, accounts):
    client.force_login(accounts["secretary"])
    venue = accounts["venue_staff"].venues.get()
    url = reverse("admin:municipalities_venue_change", args=[venue.pk])
    keep = [accounts["venue_staff"].pk, accounts["other_venue_staff"].pk]
    for name in ("superuser", "colleague", "secretary"):
        response = client.post(url, venue_form(venue, [*keep, accounts[name].pk]))
        assert response.status_code == 200
        assert "staff" in response.context["adminform"].form.errors
    assert set(venue.staff.values_list("pk", flat=True)) == set(keep)
    # Venue-staff accounts are saved as before.
    assert client.post(url, venue_form(venue, keep[:1])).status_code == 302
    assert list(venue.staff.values_list("pk", flat=True)) == keep[:1]


def test_a_staff_account_already_on_a_venue_does_not_block_its_form(client, accounts):
    venue = accounts["venue_staff"].venues.get()
    venue.staff.add(accounts["colleague"])
    client.force_login(accounts["secretary"])
    url = reverse("admin:municipalities_venue_change", args=[venue.pk])
    staff = [accounts["venue_staff"].pk, accounts["colleague"].pk]
    assert client.post(url, venue_form(venue, staff)).status_code == 302
    assert set(venue.staff.values_list("pk", flat=True)) == set(staff)


def test_the_superuser_may_put_any_account_on_a_venue(client, accounts):
    venue = accounts["venue_staff"].venues.get()
    client.force_login(accounts["superuser"])
    url = reverse("admin:municipalities_venue_change", args=[venue.pk])
    assert client.post(url, venue_form(venue, [accounts["colleague"].pk])).status_code == 302
    assert list(venue.staff.all()) == [accounts["colleague"]]


def test_the_secretariat_cannot_invite_a_staff_or_superuser_address(
    client, accounts, mailoutbox, django_capture_on_commit_callbacks
):
    accounts["superuser"].email = "root@example.org"
    accounts["superuser"].save()
    venue = accounts["venue_staff"].venues.get()
    client.force_login(accounts["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:municipalities_venue_changelist"),
            {
                "action": "invite_staff",
                "_selected_action": [venue.pk],
                "name": "Root",
                "email": "ROOT@example.org",
            },
        )
    assert response.status_code == 200
    assert "administrator" in response.content.decode() or "administrator" in str(
        response.context["form"].errors
    )
    assert not venue.staff.filter(pk=accounts["superuser"].pk).exists()
    assert mailoutbox == []
