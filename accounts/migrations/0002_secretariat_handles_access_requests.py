"""The Sekretariat group may view and decide access requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_accessrequest", "change_accessrequest"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Sekretariat")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Sekretariat"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="accounts", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    replaces = [("municipalities", "0004_secretariat_handles_access_requests")]
    dependencies = [
        ("accounts", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
