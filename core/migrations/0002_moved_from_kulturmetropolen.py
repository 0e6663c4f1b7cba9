"""The outbox moved from the app ``kulturmetropolen`` to ``core``: the content type is
renamed (permissions and admin history follow) and the table (with its
text indexes) gets the new app's name."""

from django.db import migrations

from core.migrations_support import move_content_type, rename_like_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]
    operations = [
        move_content_type("kulturmetropolen", "core", "outgoingemail"),
        migrations.AlterModelTable(name="outgoingemail", table=None),
        rename_like_indexes("core", "OutgoingEmail", "kulturmetropolen_outgoingemail"),
    ]
