"""The home-made outbox gives way to django-post-office's queue.

Every row of ``core.OutgoingEmail`` becomes a ``post_office.Email`` with the same subject,
text, recipients, times and number (so an old admin link leads to the same message): a failed one stays *failed* (the secretariat sees it in the admin
and can queue it again), a sent one *sent*; its last error becomes a delivery-attempt log.
The Sekretariat group gets the same rights on the queue as it had on the outbox (see, queue
again); then the outbox table is dropped, with its content type and permissions. Undoing the migration recreates the empty table and
leaves the queue as it is.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.core.management.color import no_style
from django.db import migrations

FAILED, SENT = 1, 0  # post_office.models.STATUS
MEDIUM = 1  # post_office.models.PRIORITY


def outbox_to_queue(apps, schema_editor):
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    Email = apps.get_model("post_office", "Email")
    Log = apps.get_model("post_office", "Log")
    for old in OutgoingEmail.objects.order_by("pk").iterator():
        recipients = [line.strip() for line in old.recipients.splitlines() if line.strip()]
        email = Email.objects.create(
            pk=old.pk,  # the same number: old admin links lead to the same message
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
            subject=" ".join(old.subject.split())[:989],
            message=old.body,
            status=SENT if old.status == "sent" else FAILED,
            priority=MEDIUM,
            number_of_retries=max(0, old.attempts - 1),
        )
        # auto_now / auto_now_add: the original times are set afterwards.
        Email.objects.filter(pk=email.pk).update(
            created=old.created_at, last_updated=old.sent_at or old.last_attempt_at
        )
        if old.last_error:
            log = Log.objects.create(
                email=email,
                status=FAILED,
                exception_type=old.last_error.partition(":")[0][:255],
                message=old.last_error,
            )
            Log.objects.filter(pk=log.pk).update(date=old.last_attempt_at)
    # Rows inserted with their own ids leave PostgreSQL's id sequence behind.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Email]):
            cursor.execute(sql)


def let_the_secretariat_see_the_queue(apps, schema_editor):
    """See every e-mail and its delivery attempts, and queue failed ones again."""
    app_config = apps.get_app_config("post_office")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Sekretariat")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="post_office",
            codename__in=["view_email", "change_email", "view_log"],
        )
    )


def forget_the_outbox(apps, schema_editor):
    """The outbox's content type, and with it its permissions, goes with its table."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="outgoingemail").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_moved_from_kulturmetropolen"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(outbox_to_queue, migrations.RunPython.noop),
        migrations.RunPython(let_the_secretariat_see_the_queue, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutgoingEmail"),
        migrations.RunPython(forget_the_outbox, migrations.RunPython.noop),
    ]
