"""The Sekretariat group manages every event source and decides on imported duplicates
(docs/roles.md): add, change, delete and view sources; view and change imported events
(merge, "not a duplicate"); view imported dates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_eventsource",
    "change_eventsource",
    "delete_eventsource",
    "view_eventsource",
    "change_sourceitem",
    "view_sourceitem",
    "view_sourceitemdate",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("imports")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Sekretariat")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="imports", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Sekretariat"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="imports", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
