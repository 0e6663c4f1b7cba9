"""The review screen: one submission or one pending change at a time, as citizens will see
it, with Approve and Reject-with-reason, and on to the next in the queue.

The page carries the version it shows; the decision goes through ``events.moderation``,
which refuses it when the content was saved again since (``ContentChanged``): the screen is
shown again, with what changed, and nothing is published.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import moderation, review_diff
from ..models import Event, EventRevision, ModerationEntry
from . import calendar_state

Action = ModerationEntry.Action


def who(entry, event) -> str:
    """The name to show for ``entry``'s author: the user's full name or username; a step the
    import of ``event``'s source took (no user) is «Import fra <kilde>»; else «—»."""
    user = entry.user if entry is not None else None
    if user is not None:
        return user.get_full_name() or user.username
    if event.imported_from:
        return _("Import from %(source)s") % {"source": event.imported_from}
    return "—"


def with_authors(entries, event) -> list:
    """``entries`` (``ModerationEntry``) with ``who`` set on each (see :func:`who`)."""
    entries = list(entries)
    for entry in entries:
        entry.who = who(entry, event)
    return entries


class DecisionForm(forms.Form):
    """The reviewer's decision on the version they read; a reason only to reject."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # For a pending change: the version of the event its diff was drawn against.
    event_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting (the venue is told)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Write the reason: the venue is told."))
        return data


class ReviewScreen:
    """What the two review screens share; ``EventReview`` and ``RevisionReview`` say what is
    reviewed, how it is shown and decided, and which is next in the queue."""

    template_name = "admin/events/review.html"

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def __call__(self, request, pk):
        obj = self.get_object(pk)
        if not self.model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method != "POST":
            return self.render(request, obj, DecisionForm(initial=self.versions(obj)))
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render(request, obj, form, status=400)
        data = form.cleaned_data
        again = DecisionForm(initial={**self.versions(obj), "reason": data["reason"]})
        try:
            if data["decision"] == "approve":
                done = self.approve(obj, request.user, data["version"], data["event_version"])
            else:
                done = self.reject(obj, request.user, data["reason"].strip(), data["version"])
        except moderation.ContentChanged as changed:
            obj = self.get_object(pk)
            decided = self.decided_by_another(obj, data["version"], request.user)
            if decided is not None:
                return self.render_decided(request, obj, decided)
            return self.render(
                request,
                obj,
                DecisionForm(initial={**self.versions(obj), "reason": data["reason"]}),
                status=409,
                changed=self.changes_since(obj, changed.seen),
            )
        except moderation.NotSubmitted as refused:
            obj = self.get_object(pk)
            decided = self.decided_by_another(obj, data["version"], request.user)
            if decided is not None:
                return self.render_decided(request, obj, decided)
            label = Event.Status(refused.status).label
            messages.error(
                request,
                _(
                    "Only an event awaiting review can be approved or rejected; this one is "
                    "«%(status)s». Nothing changed."
                )
                % {"status": label},
            )
            return self.render(request, obj, again, status=409)
        if not done:
            obj = self.get_object(pk)
            decided = self.decided_by_another(obj, data["version"], request.user)
            if decided is not None:
                return self.render_decided(request, obj, decided)
        if done:
            messages.success(request, self.done_message(obj, data["decision"]))
        else:
            messages.warning(request, _("It was reviewed already: nothing changed."))
        following = self.next_pk(obj)
        if following is None:
            messages.info(request, _("The queue is empty."))
            return redirect(self.queue_url())
        return redirect(self.url(following))

    def decided_by_another(self, obj, seen, user):
        """The decision (a ``ModerationEntry``) someone else took on ``obj`` after the
        reviewer read it at version ``seen``; None when there is none or it is still
        waiting."""
        if self.is_pending(obj):
            return None
        entry = (
            self.decisions(obj)
            .filter(version__gte=seen)
            .exclude(user=user)
            .select_related("user")
            .order_by("-at", "-pk")
            .first()
        )
        return entry

    def render_decided(self, request, obj, entry):
        """The race loser's page (409): who decided what and when, and the next item."""
        following = self.next_pk(obj)
        return self.render(
            request,
            obj,
            DecisionForm(initial=self.versions(obj)),
            status=409,
            decided=with_authors([entry], self.event(obj))[0],
            next_url=self.url(following) if following is not None else None,
        )

    def versions(self, obj):
        """The versions the page shows, which its decision sends back."""
        return {"version": obj.version, "event_version": self.event(obj).version}

    def render(self, request, obj, form, status=200, changed=None, **extra):
        opts = self.model_admin.model._meta
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": opts,
            "title": _("Review: %(title)s") % {"title": self.event(obj).title},
            "object": obj,
            "event": self.event(obj),
            "form": form,
            "pending": self.is_pending(obj),
            "changed": changed,
            "history": with_authors(
                ModerationEntry.objects.filter(event=self.event(obj))
                .select_related("user")
                .order_by("-at", "-pk")[:20],
                self.event(obj),
            ),
            "queue_url": self.queue_url(),
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            ),
            **self.extra_context(obj),
            **extra,
        }
        return TemplateResponse(request, self.template_name, context, status=status)


class EventReview(ReviewScreen):
    """A new submission (or any event): the event as citizens will see it."""

    def get_object(self, pk):
        event = Event.objects.select_related("venue__municipality").filter(pk=pk).first()
        if event is None:
            raise Http404
        return event

    def event(self, obj):
        return obj

    def is_pending(self, obj):
        return obj.status == Event.Status.SUBMITTED

    def extra_context(self, obj):
        return {
            "preview": review_diff.presentable(review_diff.snapshot(obj)),
            "kind": "event",
            "calendar_says": calendar_state.of(obj),
        }

    def approve(self, obj, user, version, event_version):
        return moderation.approve(obj, user, version=version)

    def reject(self, obj, user, reason, version):
        return moderation.reject(obj, user, reason, version=version)

    def done_message(self, obj, decision):
        if decision == "approve":
            return _("«%(title)s» is published.") % {"title": obj.title}
        return _("«%(title)s» is rejected.") % {"title": obj.title}

    def decisions(self, obj):
        return ModerationEntry.objects.filter(
            event=obj, action__in=[Action.APPROVED, Action.REJECTED, Action.UNPUBLISHED]
        )

    def changes_since(self, obj, seen):
        """The differences between the version the reviewer read (as it was sent) and now."""
        sent = (
            ModerationEntry.objects.filter(event=obj, version=seen, data__isnull=False)
            .values_list("data", flat=True)
            .first()
        )
        if sent is None:
            return []
        return review_diff.diff(sent, review_diff.snapshot(obj))

    def next_pk(self, obj):
        return (
            Event.objects.filter(status=Event.Status.SUBMITTED)
            .exclude(pk=obj.pk)
            .order_by(Coalesce("submitted_at", "created_at"), "title", "pk")
            .values_list("pk", flat=True)
            .first()
        )

    def queue_url(self):
        return reverse("admin:events_event_changelist") + "?status__exact=submitted"

    def url(self, pk):
        return reverse("admin:events_event_review", args=[pk])


class RevisionReview(ReviewScreen):
    """A pending change: every changed field side by side, and the event as it would be."""

    def get_object(self, pk):
        revision = (
            EventRevision.objects.select_related("event__venue__municipality", "submitted_by")
            .filter(pk=pk)
            .first()
        )
        if revision is None:
            raise Http404
        return revision

    def event(self, obj):
        return obj.event

    def is_pending(self, obj):
        return obj.status == EventRevision.Status.PENDING

    def extra_context(self, obj):
        return {
            "preview": review_diff.presentable(obj.data, obj.event),
            "rows": review_diff.revision_diff(obj),
            "kind": "revision",
        }

    def approve(self, obj, user, version, event_version):
        return moderation.apply_revision(obj, user, version=version, event_version=event_version)

    def reject(self, obj, user, reason, version):
        return moderation.reject_revision(obj, user, reason, version=version)

    def done_message(self, obj, decision):
        if decision == "approve":
            return _("The changes to «%(title)s» are published.") % {"title": obj.event.title}
        return _("The changes to «%(title)s» are rejected.") % {"title": obj.event.title}

    def decisions(self, obj):
        return ModerationEntry.objects.filter(
            revision=obj, action__in=[Action.CHANGE_APPROVED, Action.CHANGE_REJECTED]
        )

    def changes_since(self, obj, seen):
        """What the venue changed in the pending change since the reviewer read it (the
        data they were shown at version ``seen`` → the data now); the whole diff against
        the event when that version's data is not in the history."""
        sent = (
            ModerationEntry.objects.filter(revision=obj, version=seen, data__isnull=False)
            .values_list("data", flat=True)
            .first()
        )
        if sent is None:
            return review_diff.revision_diff(obj)
        return review_diff.diff(sent, obj.data)

    def next_pk(self, obj):
        return (
            EventRevision.objects.filter(status=EventRevision.Status.PENDING)
            .exclude(pk=obj.pk)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )

    def queue_url(self):
        return reverse("admin:events_eventrevision_changelist") + "?status__exact=pending"

    def url(self, pk):
        return reverse("admin:events_eventrevision_review", args=[pk])
