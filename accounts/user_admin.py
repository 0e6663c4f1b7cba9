"""The user admin, by role: superusers get Django's own; everyone else — the secretariat —
manages venue-staff accounts only.

A venue-staff account is a user who is neither ``is_staff`` nor ``is_superuser``. The
secretariat creates such accounts, edits their name and e-mail, deactivates them and sets
their password; it cannot see, change, delete or set the password of a staff or superuser
account (its own included: it changes its own password at the admin's "change password"),
and cannot grant staff or superuser status, groups or permissions. The model permissions
(``auth.add_user``, ``auth.change_user``, ``auth.view_user`` of the «Sekretariat» group) say
*whether* a person reaches the user admin; this class says *which accounts and fields*.

The limit is enforced on the server, not only in the form shown: the restricted form has
only the fields below, so a forged ``is_superuser=on``, ``is_staff=on``, ``groups=…`` or
``user_permissions=…`` is ignored; the queryset leaves out staff accounts, so their change,
password, history and delete pages answer 404 (the same answer as for an id no row has, so
nothing tells which ids are staff). The full matrix is in ``docs/roles.md``.

Why a role check on ``is_superuser`` and not on the group: granting staff status, groups or
permissions is the power to give oneself any other power, so only a superuser may do it,
whatever groups a person is in. (The OWASP ASVS, V4.1.3, asks for least privilege and V4.2.1
for protection against this kind of privilege escalation.)
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

User = get_user_model()

#: The change form of a venue-staff account as the secretariat sees it. ``password`` is the
#: read-only hash display with the link to the "set password" page.
VENUE_STAFF_FIELDSETS = (
    (None, {"fields": ("username", "password")}),
    (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
    (_("Access"), {"fields": ("is_active",)}),
    (_("Important dates"), {"fields": ("last_login", "date_joined")}),
)


def manages_every_account(user) -> bool:
    """Whether ``user`` gets the full user admin (staff status, groups, permissions, every
    account): superusers only."""
    return user.is_active and user.is_superuser


class UserAdmin(DjangoUserAdmin):
    """Django's user admin for superusers; for everyone else, venue-staff accounts only
    (see the module docstring)."""

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if manages_every_account(request.user):
            return users
        return users.filter(is_staff=False, is_superuser=False)

    def get_object(self, request, object_id, from_field=None):
        """The account, or — for a person who may not manage every account — 404 when it
        is not one of theirs to see (a staff or superuser account, or no such id): the
        change, password, history and delete pages all open the account through here."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not manages_every_account(request.user):
            raise Http404(_("No such venue-staff account."))
        return obj

    def get_fieldsets(self, request, obj=None):
        if obj is None or manages_every_account(request.user):
            return super().get_fieldsets(request, obj)
        return VENUE_STAFF_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        if obj is None or manages_every_account(request.user):
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def get_list_display(self, request):
        if manages_every_account(request.user):
            return super().get_list_display(request)
        return ("username", "email", "first_name", "last_name", "is_active", "last_login")

    def get_list_filter(self, request):
        if manages_every_account(request.user):
            return super().get_list_filter(request)
        return ("is_active",)

    def lookup_allowed(self, lookup, value, request=None):
        """Superusers may filter by anything Django allows; everyone else only by the
        account's own fields (no ``groups__…`` or ``user_permissions__…``, which would tell
        which groups and permissions exist)."""
        restricted = request is not None and not manages_every_account(request.user)
        if restricted and lookup.split("__", 1)[0] in ("groups", "user_permissions"):
            return False
        return super().lookup_allowed(lookup, value, request)


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
