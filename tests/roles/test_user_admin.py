"""The role matrix of the user admin (docs/roles.md): who may open which page of
``/admin/auth/user/`` for which kind of account, and that forged forms change nothing.

Roles: anonymous, venue staff, the secretariat (``is_staff`` and the «Sekretariat» group)
and a superuser. Accounts: a venue-staff account, another secretariat member (staff), a
superuser, and the secretariat member's own account.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
OBJECT_VIEWS = ("change", "password_change", "history", "delete")


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
