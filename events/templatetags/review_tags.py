"""The review queue's counts for the admin index."""

from django import template

from core.mail import unsent

from ..models import Event, EventRevision

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_review(context):
    """How many events await review and how many changes wait, for a user who may review
    them, and how many e-mails the mail server has not taken (failed, or waiting for a
    retry); ``None`` for anyone else. Three queries, however many rows wait."""
    user = context["request"].user
    if not user.has_perm("events.change_event"):
        return None
    return {
        "events": Event.objects.filter(status=Event.Status.SUBMITTED).count(),
        "revisions": EventRevision.objects.filter(status=EventRevision.Status.PENDING).count(),
        "unsent_mail": (unsent().count() if user.has_perm("post_office.view_email") else 0),
    }
