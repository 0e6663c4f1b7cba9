"""The role matrix beyond the user admin's own pages (docs/roles.md): the group admin and
permissions, and staff accounts reached through the venue admin (its staff field, its
"invite a staff member" action)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
