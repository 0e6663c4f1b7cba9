"""The venue staff's pages under /mine-arrangementer/: their events, create, edit, submit,
duplicate, and the status of a single date.

Every row is reached through a queryset scoped to the user's venues, so a forged id in a URL
or a form is a 404.
"""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from municipalities.models import Venue

from .. import images, moderation, review_diff
from ..forms import EventForm, OccurrenceFormSet, OccurrenceStatusForm, RepeatForm
from ..models import Event, EventRevision, Occurrence
from ..periods import overlap
from .tokens import as_uuid, hold_token

logger = logging.getLogger(__name__)

#: Empty date rows the "add more dates" button adds.
MORE_ROWS = 3


def as_id(value):
    """``value`` as a number when it is plain digits (0-9), else None. ``str.isdigit`` alone
    lets through «²» and «①», which ``int`` refuses."""
    return int(value) if value.isascii() and value.isdigit() else None


class StaffMixin(LoginRequiredMixin):
    """Logged-in venue staff; every query goes through the user's venues."""

    def venues(self):
        return Venue.objects.managed_by(self.request.user)


def with_next_status(events, now=None):
    """``events`` (a queryset annotated by ``with_next_date``) also annotated with
    ``next_status``: the ``Occurrence.Status`` of that next date (same order: start, then
    id), so a list can say «Aflyst» as the public pages do; one subquery, no extra query."""
    now = now or timezone.now()
    first = Occurrence.objects.filter(overlap(now), event=OuterRef("pk")).order_by("start", "pk")
    return events.annotate(next_status=Subquery(first.values("status")[:1]))


class DashboardView(StaffMixin, ListView):
    template_name = "staff/dashboard.html"
    context_object_name = "events"

    def get_queryset(self):
        pending = EventRevision.objects.filter(
            event=OuterRef("pk"), status=EventRevision.Status.PENDING
        )
        events = (
            Event.objects.managed_by(self.request.user)
            .select_related("venue")
            .with_next_date()
            .annotate(has_pending_revision=Exists(pending))
            .order_by("next_start", "title")
        )
        return with_next_status(events)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {key: [] for key in ("rejected", "draft", "submitted", "published", "past")}
        for event in context["events"]:
            if event.status == Event.Status.PUBLISHED and event.next_start is None:
                groups["past"].append(event)
            else:
                groups[event.status].append(event)
        titles = {
            "rejected": _("Rejected"),
            "draft": _("Drafts"),
            "submitted": _("Awaiting review"),
            "published": _("Published"),
            "past": _("Past"),
        }
        context["groups"] = [
            {"key": key, "title": titles[key], "events": events} for key, events in groups.items()
        ]
        context["venues"] = list(self.venues())
        return context


class EventFormView(StaffMixin, TemplateView):
    """Create or edit an event and its dates in one form.

    Buttons: save (a draft, or the published event's changes), submit, add more date rows,
    and make repeating dates. The last two re-render the form with the rows added: nothing is
    saved until the person saves.
    """

    template_name = "staff/event_form.html"
    object = None

    def get_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        if self.object is None and not self.venues().exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # --- building the forms

    def get_forms(self, data=None, files=None):
        user = self.request.user
        instance = self.object or Event()
        form = EventForm(data, files, instance=instance, user=user)
        formset = OccurrenceFormSet(
            data,
            instance=instance,
            prefix="dates",
            queryset=Occurrence.objects.order_by("start"),
        )
        if self.object is None and data is None:
            formset.extra = 3
        repeat = RepeatForm(data if data and "repeat" in data else None, prefix="repeat")
        self.forms = (form, formset, repeat)
        return form, formset, repeat

    def get(self, request, *args, **kwargs):
        form, formset, repeat = self.get_forms()
        return self.render(form, formset, repeat)

    def render(self, form, formset, repeat, status=200, **extra):
        context = self.get_context_data(
            form=form,
            formset=formset,
            repeat=repeat,
            event=self.object,
            submit_publishes=self.submit_publishes(),
            **extra,
        )
        return self.render_to_response(context, status=status)

    def submit_publishes(self):
        """Whether the submit button publishes at once (a trusted venue), for its label:
        True, False, or None when it depends on the venue chosen in the form."""
        if self.object is not None:
            return self.object.venue.is_trusted
        trusted = set(self.venues().values_list("is_trusted", flat=True))
        return trusted.pop() if len(trusted) == 1 else None

    def check_forged_ids(self, data):
        """A venue or date id the form never offered is a forged request: 404."""
        venue = data.get("venue")
        if venue and not self.venues().filter(pk=as_id(venue)).exists():
            raise Http404
        own = set(self.object.occurrences.values_list("pk", flat=True)) if self.object else set()
        for key, value in data.items():
            is_date_id = key.startswith("dates-") and key.endswith("-id")
            if is_date_id and value and as_id(value) not in own:
                raise Http404

    def post(self, request, *args, **kwargs):
        self.check_forged_ids(request.POST)
        try:
            return self.save_or_show(request)
        except OSError:
            response = self.image_not_stored()
            if response is None:
                raise
            return response

    def image_not_stored(self):
        """Storage could not write the uploaded image (a full disk, say): the transaction is
        rolled back and a partly written file removed; say so on the form, not with a 500."""
        if getattr(self, "forms", None) is None:
            return None
        form, formset, repeat = self.forms
        upload = getattr(form, "cleaned_data", {}).get("image")
        if not isinstance(upload, File):
            return None  # not the image: a real error
        logger.exception("Could not store the uploaded image of «%s»", form.instance.title)
        images.discard_partial(form.instance, upload)
        form.add_error("image", images.STORAGE_FAILED)
        return self.render(form, formset, repeat, status=400)

    def save_or_show(self, request):
        if "add_dates" in request.POST or "repeat" in request.POST:
            return self.add_rows(request)
        token = None
        if self.object is None:
            token = as_uuid(request.POST.get("submission_token", ""))
            if token is None:
                return self.token_missing(request)
            done = self.already_saved(token)
            if done is not None:
                return done
        form, formset, repeat = self.get_forms(request.POST, request.FILES)
        submitting = "submit" in request.POST
        previewing = "preview" in request.POST
        formset.require_dates = submitting or previewing
        if not (form.is_valid() and formset.is_valid()):
            form.keep_image()
            return self.render(form, formset, repeat, status=400)
        if previewing:
            form.keep_image()
            preview = review_diff.presentable(review_diff.preview_data(form, formset))
            return self.render(form, formset, repeat, preview=preview)
        form.instance.submission_token = token
        try:
            with transaction.atomic():
                if token is not None:
                    # A second post of the same form waits here for the first to commit,
                    # then finds its event.
                    hold_token(token)
                    done = self.already_saved(token)
                    if done is not None:
                        return done
                outcome = moderation.save_from_staff(
                    form, formset, request.user, submitting=submitting
                )
        except IntegrityError:
            if token is None:
                raise
            # The same form posted twice at once: the other post made the event. A token
            # another account used is no answer for this one: a fresh form instead.
            return self.already_saved(token) or self.token_missing(request)
        if outcome == "revision":
            messages.success(
                request,
                _(
                    "Your changes are sent to the secretariat. The public sees the event as it "
                    "was until they are approved."
                ),
            )
        else:
            messages.success(request, self.success_message(form.instance, submitting))
        return redirect("staff:dashboard")

    def already_saved(self, token):
        """The answer to a second post of a form whose first post made an event: what the
        first post said, not a second event."""
        event = Event.objects.managed_by(self.request.user).filter(submission_token=token).first()
        if event is None:
            return None
        messages.info(self.request, self.success_message(event, submitting=False))
        return redirect("staff:dashboard")

    def token_missing(self, request):
        """A create form without its one-time token (an old page, a hand-made request): shown
        again with a new token, nothing saved."""
        data = request.POST.copy()
        data["submission_token"] = str(uuid.uuid4())
        form, formset, repeat = self.get_forms(data, request.FILES)
        form.is_valid()
        form.keep_image()
        messages.error(
            request, _("The form was out of date. Check it and send it again: nothing is saved.")
        )
        return self.render(form, formset, repeat, status=400)

    def success_message(self, event, submitting):
        if event.status == Event.Status.PUBLISHED:
            return _("«%(title)s» is published.") % {"title": event.title}
        if event.status == Event.Status.SUBMITTED:
            return _("«%(title)s» is sent to the secretariat for review.") % {"title": event.title}
        return _("«%(title)s» is saved as a draft.") % {"title": event.title}

    def add_rows(self, request):
        """Re-render with more empty date rows, or with the repeating dates filled in."""
        data = request.POST.copy()
        total = min(as_id(data.get("dates-TOTAL_FORMS", "")) or 0, 500)
        repeat = None
        added = MORE_ROWS
        dates_added = 0
        if "repeat" in data:
            repeat = RepeatForm(data, prefix="repeat")
            added = 0
            if repeat.is_valid():
                pairs = repeat.dates()
                # Fill the empty rows first (the form offers some), then add rows.
                empty = [
                    i
                    for i in range(total)
                    if not any(data.get(f"dates-{i}-{key}") for key in ("id", "start", "end"))
                ]
                rows = empty + list(range(total, total + max(0, len(pairs) - len(empty))))
                for i, (start, end) in zip(rows, pairs, strict=False):
                    local_start = timezone.localtime(start)
                    data[f"dates-{i}-start"] = local_start.strftime("%Y-%m-%dT%H:%M")
                    data[f"dates-{i}-end"] = (
                        timezone.localtime(end).strftime("%Y-%m-%dT%H:%M") if end else ""
                    )
                    data[f"dates-{i}-open_end"] = "" if end else "on"
                added = max(0, len(pairs) - len(empty))
                dates_added = len(pairs)  # said next to the rows (#dates), where the page goes
                repeat = RepeatForm(prefix="repeat")
        data["dates-TOTAL_FORMS"] = str(min(total + added, 500))
        form, formset, blank_repeat = self.get_forms(data, request.FILES)
        repeat = repeat or blank_repeat
        # Adding rows is not an attempt to save: show what was typed, without errors — but
        # an image that was chosen is kept (or its error shown: the file field comes back empty).
        form.keep_image()
        image_errors = form.errors.get("image")
        form._errors = ErrorDict()
        if image_errors:
            form._errors["image"] = image_errors
        for row in formset.forms:
            row._errors = ErrorDict()
        formset._errors = [row._errors for row in formset.forms]
        formset._non_form_errors = ErrorList()
        status = 400 if repeat.is_bound and repeat.errors else 200
        return self.render(
            form, formset, repeat, status=status, rows_added=True, dates_added=dates_added
        )


class EventCreateView(EventFormView):
    pass


class EventUpdateView(EventFormView):
    def get_object(self):
        return get_object_or_404(
            Event.objects.managed_by(self.request.user).select_related("venue"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_revision"] = self.object.revisions.filter(
            status=EventRevision.Status.PENDING
        ).first()
        context["occurrences"] = self.object.occurrences.order_by("start")
        return context


class EventDuplicateView(StaffMixin, SingleObjectMixin, TemplateView):
    """Copy an event (texts, classification, image) as a new draft without dates."""

    template_name = "staff/event_duplicate.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.managed_by(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        original = self.object = self.get_object()
        copy = original.copy_as_draft(request.user)
        messages.success(
            request,
            _("This is a copy of «%(title)s». Give it its dates and save it.")
            % {"title": original.title},
        )
        return redirect("staff:edit", pk=copy.pk)


class OccurrenceStatusView(StaffMixin, UpdateView):
    """Cancel, postpone or mark sold out one date. Applies to the public at once."""

    template_name = "staff/occurrence_status.html"
    form_class = OccurrenceStatusForm
    context_object_name = "occurrence"

    def get_queryset(self):
        return Occurrence.objects.managed_by(self.request.user).select_related("event")

    def form_valid(self, form):
        form.save()
        occurrence = self.object
        messages.success(
            self.request,
            _("The date is now marked «%(status)s».") % {"status": occurrence.get_status_display()},
        )
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self):
        return reverse("staff:edit", args=[self.object.event_id])
