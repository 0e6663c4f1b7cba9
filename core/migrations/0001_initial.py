"""The outbox of unsent e-mails. Until the structure change the model belonged to the app
``kulturmetropolen``: this migration replaces that app's, and keeps its table name until
``0002_moved_from_kulturmetropolen`` renames it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def let_the_secretariat_see_unsent_mail(apps, schema_editor):
    """The secretariat reads, resends and deletes the e-mails the mail server did not take."""
    app_config = apps.get_app_config("core")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Sekretariat")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            codename__in=["view_outgoingemail", "change_outgoingemail", "delete_outgoingemail"],
        )
    )


class Migration(migrations.Migration):

    initial = True
    replaces = [("kulturmetropolen", "0004_outgoing_email")]
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(max_length=500, verbose_name='subject')),
                ('body', models.TextField(verbose_name='text')),
                ('recipients', models.TextField(help_text='One address per line.', verbose_name='recipients')),
                ('status', models.CharField(choices=[('failed', 'Not sent'), ('sent', 'Sent')], db_index=True, default='failed', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=1, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_attempt_at', models.DateTimeField(auto_now=True, verbose_name='last attempt')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
            ],
            options={
                'verbose_name': 'unsent e-mail',
                'verbose_name_plural': 'unsent e-mails',
                'ordering': ['-created_at'],
                'db_table': 'kulturmetropolen_outgoingemail',
            },
        ),
        migrations.RunPython(let_the_secretariat_see_unsent_mail, migrations.RunPython.noop),
    ]
