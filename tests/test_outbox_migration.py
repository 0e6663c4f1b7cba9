"""The old outbox's e-mails survive its replacement by django-post-office's queue (core 0003):
same number, subject, text, recipients and times; failed stays failed (for the secretariat
to queue again), sent stays sent, the last error becomes a delivery attempt."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("core", "0002_moved_from_kulturmetropolen")]
AFTER = [("core", "0003_outbox_to_post_office")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_outbox_rows_move_into_the_queue():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OutgoingEmail = old_apps.get_model("core", "OutgoingEmail")
    long_ago = timezone.now() - timedelta(days=3)
    failed = OutgoingEmail.objects.create(
        subject="Nyt arrangement til godkendelse: Korkoncert",
        body="Se køen.",
        recipients="sekretariat@ishoj.example\nandre@ishoj.example",
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    OutgoingEmail.objects.filter(pk=failed.pk).update(created_at=long_ago)
    sent = OutgoingEmail.objects.create(
        subject="Sendt", body="Tekst", recipients="a@example.org", status="sent", sent_at=long_ago
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    try:
        new_apps = executor.loader.project_state(AFTER).apps
        Email = new_apps.get_model("post_office", "Email")
        moved = Email.objects.get(pk=failed.pk)
        assert moved.subject == "Nyt arrangement til godkendelse: Korkoncert"
        assert moved.message == "Se køen."
        assert moved.to == ["sekretariat@ishoj.example", "andre@ishoj.example"]
        assert moved.status == 1  # failed
        assert moved.number_of_retries == 2
        assert moved.created == long_ago
        (log,) = moved.logs.all()
        assert log.exception_type == "ConnectionRefusedError"
        assert "Connection refused" in log.message
        assert Email.objects.get(pk=sent.pk).status == 0  # sent
        # The id sequence follows: a new e-mail does not collide with a moved one.
        assert Email.objects.create(from_email="a@b.dk", to=["c@d.dk"], subject="Ny").pk > sent.pk
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        assert "core_outgoingemail" not in tables
    finally:
        call_command("migrate", verbosity=0)
