"""The text pages. Until the structure change the model belonged to the app
``kulturmetropolen``: this migration replaces that app's, and keeps its table name until
``0005_moved_from_kulturmetropolen`` renames it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    replaces = [("kulturmetropolen", "0001_initial")]

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Page',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.CharField(choices=[('om', 'About'), ('tilgaengelighed', 'Accessibility statement'), ('privatliv', 'Privacy')], max_length=30, unique=True, verbose_name='page')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('body', models.TextField(help_text='Plain text. Empty line between paragraphs.', max_length=50000, verbose_name='text')),
                ('title_en', models.CharField(blank=True, max_length=200, verbose_name='title (English)')),
                ('body_en', models.TextField(blank=True, max_length=50000, verbose_name='text (English)')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'page',
                'verbose_name_plural': 'pages',
                'ordering': ['slug'],
                'db_table': 'kulturmetropolen_page',
            },
        ),
    ]
