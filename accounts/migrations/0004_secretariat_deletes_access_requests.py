"""The Sekretariat group may delete access requests, as the privacy page promises (a person's
right to erasure, GDPR art. 17, of the name and e-mail they sent)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["delete_accessrequest"]


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
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_moved_from_municipalities"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
