"""Access requests moved from ``municipalities`` to ``accounts``: the content type is renamed
(permissions and admin history follow) and the table (with its
text indexes) gets the new app's name."""

from django.db import migrations

from core.migrations_support import move_content_type, rename_like_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_secretariat_handles_access_requests"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]
    operations = [
        move_content_type("municipalities", "accounts", "accessrequest"),
        migrations.AlterModelTable(name="accessrequest", table=None),
        rename_like_indexes("accounts", "AccessRequest", "municipalities_accessrequest"),
    ]
