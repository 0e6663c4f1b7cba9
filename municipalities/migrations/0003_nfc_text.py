"""Stored text in Unicode NFC: the rows saved before text was normalised on save."""

from django.db import migrations

from core.migrations_support import normalize_text_to_nfc


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0002_the_nine_municipalities")]

    operations = [normalize_text_to_nfc("municipalities", "Municipality", "Venue")]
