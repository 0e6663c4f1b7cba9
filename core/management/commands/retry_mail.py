"""Send again the e-mails the mail server did not take (run it from cron every few minutes)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.mail import MAX_ATTEMPTS, resend
from core.models import OutgoingEmail

# Sent messages are kept this long for the secretariat's overview, then deleted.
KEEP_SENT = timedelta(days=30)


class Command(BaseCommand):
    help = "Retry the unsent e-mails and delete those sent more than 30 days ago."

    def handle(self, *args, **options):
        waiting = OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.FAILED, attempts__lt=MAX_ATTEMPTS
        ).order_by("created_at")
        sent = failed = 0
        for message in waiting.iterator():
            if resend(message):
                sent += 1
            else:
                failed += 1
        purged, _ = OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.SENT, sent_at__lt=timezone.now() - KEEP_SENT
        ).delete()
        self.stdout.write(f"{sent} sent, {failed} still unsent, {purged} old sent deleted")
        if failed:
            # A non-zero exit, so that cron (or monitoring) notices a mail server that stays down.
            raise CommandError(f"{failed} e-mails could not be sent")
