"""The review queue's counts for the admin index."""

from django import template

from ..models import Event, EventRevision

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_review(context):
    """How many events await review and how many changes wait, for a user who may review
    them; ``None`` for anyone else. Two queries, however many rows wait."""
    user = context["request"].user
    if not user.has_perm("events.change_event"):
        return None
    return {
        "events": Event.objects.filter(status=Event.Status.SUBMITTED).count(),
        "revisions": EventRevision.objects.filter(status=EventRevision.Status.PENDING).count(),
    }
