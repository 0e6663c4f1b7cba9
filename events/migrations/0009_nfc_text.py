"""Stored text in Unicode NFC: the rows saved before text was normalised on save."""

from django.db import migrations

from core.migrations_support import normalize_text_to_nfc


class Migration(migrations.Migration):
    dependencies = [("events", "0008_event_performer")]

    operations = [
        normalize_text_to_nfc(
            "events", "Event", "FocusArea", "Audience", "AccessibilityFeature"
        )
    ]
