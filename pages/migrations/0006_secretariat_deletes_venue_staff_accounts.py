"""The Sekretariat group may delete user accounts, as the privacy page promises («skriv til
sekretariatet, som lukker eller sletter den»; GDPR art. 17). The user admin
(``accounts.user_admin``) lets anyone but a superuser reach only venue-staff accounts, so
this reaches no staff or superuser account."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("auth")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Sekretariat")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="delete_user")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Sekretariat"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="auth", codename="delete_user")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_moved_from_kulturmetropolen"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
