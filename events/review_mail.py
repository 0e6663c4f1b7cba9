"""The e-mails of the review: to the secretariat when something waits for review, and to
the venue when the secretariat decides. Sent by ``events.moderation`` after the transaction
commits, through the queued mail of ``core.mail``; a mail server that is down never undoes
or blocks a decision."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.mail import send_templated_mail

from .models import Event, EventRevision


def notify_secretariat(event_pk, revision=False):
    """Tell the secretariat (``SECRETARIAT_EMAIL``) that an event or a pending change to
    one (``revision=True``) waits for review."""
    event = Event.objects.select_related("venue", "submitted_by").filter(pk=event_pk).first()
    if event is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if revision:
            subject = _("Changes to review: %(title)s") % {"title": event.title}
        else:
            subject = _("New event to review: %(title)s") % {"title": event.title}
        send_templated_mail(
            subject,
            "events/emails/review_needed.txt",
            {
                "event": event,
                "revision": revision,
                "queue_url": settings.SITE_URL + reverse("admin:events_event_changelist"),
            },
            [settings.SECRETARIAT_EMAIL],
        )


#: The outcomes the venue is told about, with the e-mail's subject.
SUBJECTS = {
    "approved": gettext_lazy("Your event is published: %(title)s"),
    "rejected": gettext_lazy("Your event was not approved: %(title)s"),
    "unpublished": gettext_lazy("Your event is no longer public: %(title)s"),
    "revision_approved": gettext_lazy("Your changes are published: %(title)s"),
    "revision_rejected": gettext_lazy("Your changes were not approved: %(title)s"),
}


def notify_submitter(event_pk, outcome, revision_pk=None):
    """Tell the venue the secretariat's decision (``outcome``, a key of ``SUBJECTS``): the
    person who sent the event or the change, else the venue's own e-mail address."""
    event = Event.objects.select_related("submitted_by", "venue").filter(pk=event_pk).first()
    if event is None:
        return
    revision = EventRevision.objects.filter(pk=revision_pk).select_related("submitted_by").first()
    person = (revision.submitted_by if revision else None) or event.submitted_by
    address = person.email if person is not None and person.email else event.venue.email
    if not address:
        return
    with translation.override(settings.LANGUAGE_CODE):
        send_templated_mail(
            str(SUBJECTS[outcome]) % {"title": event.title},
            "events/emails/review_outcome.txt",
            {
                "event": event,
                "outcome": outcome,
                "revision": revision,
                "person": person,
                "event_url": settings.SITE_URL + event.get_absolute_url(),
                "edit_url": settings.SITE_URL + reverse("staff:edit", args=[event.pk]),
            },
            [address],
        )


def notify_imported(source, event_pks):
    """Tell the secretariat in one e-mail that a run of the source named ``source`` brought
    the events ``event_pks`` (a list of ids), all waiting for review."""
    events = list(Event.objects.filter(pk__in=event_pks).select_related("venue").order_by("pk"))
    if not events:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(count)s imported events to review from %(source)s") % {
            "count": len(events),
            "source": source,
        }
        send_templated_mail(
            subject,
            "events/emails/imported_to_review.txt",
            {
                "events": events,
                "source": source,
                "queue_url": settings.SITE_URL + reverse("admin:events_event_changelist"),
            },
            [settings.SECRETARIAT_EMAIL],
        )
