"""The text pages moved from the app ``kulturmetropolen`` to ``pages``: the content type is
renamed (permissions and admin history follow) and the table (with its
text indexes) gets the new app's name."""

from django.db import migrations

from core.migrations_support import move_content_type, rename_like_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_privacy_text"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]
    operations = [
        move_content_type("kulturmetropolen", "pages", "page"),
        migrations.AlterModelTable(name="page", table=None),
        rename_like_indexes("pages", "Page", "kulturmetropolen_page"),
    ]
