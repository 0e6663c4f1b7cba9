"""Event sources and what each run imported from them.

An :class:`EventSource` is where a venue already publishes its programme (an ICS address or
a web page with schema.org ``Event`` JSON-LD). Each event read from it is remembered as a
:class:`SourceItem` (the source's stable ``uid`` → our ``Event``) and each of its dates as a
:class:`SourceItemDate` (the date's ``key`` → our ``Occurrence``), together with the values
the last run imported: a later run compares the event's current value with them to tell a
hand edit here (kept) from a change at the source (applied). ``imports.sync`` writes them.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Audience, Event, FocusArea, Occurrence
from municipalities.models import Venue


class EventSourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """The active sources of active venues whose fetch interval has passed since their
        last run (or that never ran): what ``import_events`` fetches from cron."""
        now = now or timezone.now()
        return [
            source
            for source in self.filter(is_active=True, venue__is_active=True).select_related("venue")
            if source.is_due(now)
        ]


class EventSource(models.Model):
    """A feed of one venue's events, fetched every ``fetch_interval_hours``."""

    class Kind(models.TextChoices):
        ICS = "ics", _("ICS address")
        JSONLD = "jsonld", _("Web page with schema.org events")

    class Outcome(models.TextChoices):
        OK = "ok", _("OK")
        FAILED = "failed", _("Failed")

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="event_sources", verbose_name=_("venue")
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example «Fjordscenens kalender».")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ICS)
    url = models.URLField(
        _("address"),
        max_length=1000,
        blank=True,
        help_text=_("The calendar's ICS address, or the web page listing the events."),
    )
    trusted = models.BooleanField(
        _("publish at once"),
        default=False,
        help_text=_(
            "On: imported events are published at once. Off: they wait for review like any "
            "submission. New sources follow the venue's «trusted» setting."
        ),
    )
    focus_areas = models.ManyToManyField(
        FocusArea,
        related_name="+",
        verbose_name=_("default focus areas"),
        help_text=_("Given to every event whose categories map to no focus area."),
    )
    audiences = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="+",
        verbose_name=_("default audiences"),
        help_text=_("Given to every event whose categories map to no audience."),
    )
    category_map = models.JSONField(
        _("category mapping"),
        default=dict,
        blank=True,
        help_text=_(
            "The source's category words and the slugs of our focus areas and audiences "
            'they mean, e.g. {"Koncert": ["musik"], "Børn": ["boern", "familier"]}. '
            "Upper and lower case do not matter."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    fetch_interval_hours = models.PositiveSmallIntegerField(_("fetch every (hours)"), default=6)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The last run (imports.sync.run): when, how it went, what it did, and why it failed.
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True, editable=False)
    last_outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, editable=False
    )
    last_created = models.PositiveIntegerField(_("created"), default=0, editable=False)
    last_updated = models.PositiveIntegerField(_("updated"), default=0, editable=False)
    last_cancelled = models.PositiveIntegerField(_("cancelled"), default=0, editable=False)
    last_kept = models.PositiveIntegerField(_("kept (edited here)"), default=0, editable=False)
    last_unchanged = models.PositiveIntegerField(_("unchanged"), default=0, editable=False)
    last_errors = models.TextField(_("errors"), blank=True, editable=False)
    # The document the last good run read (SHA-256, with the horizon) and the local day: the
    # same bytes again that day cannot change anything, so they are not read again.
    document_sha256 = models.CharField(max_length=80, blank=True, editable=False)
    document_read_on = models.DateField(null=True, blank=True, editable=False)
    # Set, by one conditional UPDATE, when a run starts and cleared when it ends: a second run
    # of the source meanwhile is refused (imports.run_guard). A run killed midway leaves it
    # set; it is taken over after run_guard.STALE_MINUTES.
    running_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventSourceQuerySet.as_manager()

    class Meta:
        ordering = ["venue__name", "name"]
        verbose_name = _("event source")
        verbose_name_plural = _("event sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["ics", "jsonld"]), name="eventsource_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save, first giving a name another source of the venue already has the address's
        host («Fjordscenens kalender (calendar.google.com)»), so that lists and filters can
        tell the two apart."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "name" in update_fields:
            self.name = self.distinct_name()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:imports_eventsource_change", args=[self.pk])

    @property
    def publishes_at_once(self) -> bool:
        """Whether imported events are published at once: the source is trusted *and* its
        venue still is (revoking the venue's trust takes effect on the next run)."""
        return self.trusted and self.venue.is_trusted

    def distinct_name(self) -> str:
        """``name``, or — when another source of the same venue has that name — ``name``
        followed by the address's host in brackets (cut to the field's 200 characters)."""
        host = self.host
        if not host or host in self.name or self.venue_id is None:
            return self.name
        others = EventSource.objects.filter(venue_id=self.venue_id, name=self.name)
        if not others.exclude(pk=self.pk).exists():
            return self.name
        suffix = f" ({host})"
        return self.name[: 200 - len(suffix)] + suffix

    @property
    def host(self) -> str:
        """The host of ``url`` («calendar.google.com»), or «» without an address."""
        try:
            return urlsplit(self.url).hostname or ""
        except ValueError:
            return ""

    def is_due(self, now=None) -> bool:
        """Whether ``fetch_interval_hours`` has passed since the last run (True when it never
        ran). The interval is measured from run to run, so a slow run does not drift."""
        if self.last_run_at is None:
            return True
        now = now or timezone.now()
        return self.last_run_at + timedelta(hours=self.fetch_interval_hours) <= now


class SourceItem(models.Model):
    """One event of a source (its stable ``uid``) and the ``Event`` it became.

    ``imported`` holds the event's field values as the last run wrote them (by field name,
    JSON-ready; ``image_url`` the image's address): a field whose current value differs
    from it was edited here and is no longer overwritten. ``fingerprint`` is a hash of the
    source event as read, so an unchanged event is recognised without reading our rows.
    """

    class Duplicate(models.TextChoices):
        NONE = "", _("No")
        SUSPECTED = "suspected", _("Possible duplicate")
        MERGED = "merged", _("Merged")
        DISTINCT = "distinct", _("Not a duplicate")

    source = models.ForeignKey(
        EventSource, on_delete=models.CASCADE, related_name="items", verbose_name=_("source")
    )
    uid = models.CharField(_("source id"), max_length=1000)
    # SET_NULL: an event the secretariat deleted stays deleted; the item remembers it.
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_items",
        verbose_name=_("event"),
    )
    sequence = models.PositiveIntegerField(_("SEQUENCE"), default=0)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    imported = models.JSONField(_("last imported values"), default=dict, editable=False)
    # Gone from the source: its future dates were cancelled.
    is_gone = models.BooleanField(_("gone from the source"), default=False)
    duplicate = models.CharField(
        _("duplicate"), max_length=10, choices=Duplicate.choices, default="", blank=True
    )
    duplicate_of = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("same as"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["source", "uid"]
        verbose_name = _("imported event")
        verbose_name_plural = _("imported events")
        constraints = [
            models.UniqueConstraint(fields=["source", "uid"], name="sourceitem_unique_uid"),
            models.CheckConstraint(
                condition=models.Q(duplicate__in=["", "suspected", "merged", "distinct"]),
                name="sourceitem_duplicate_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["source"],
                condition=models.Q(duplicate="suspected"),
                name="sourceitem_suspected_idx",
            ),
        ]

    def __str__(self):
        return self.imported.get("title") or self.uid


class SourceItemDate(models.Model):
    """One date of a source item (its ``key``, see ``imports.items.SourceDate``) and the
    ``Occurrence`` it became, with the values the last run imported."""

    item = models.ForeignKey(
        SourceItem, on_delete=models.CASCADE, related_name="dates", verbose_name=_("item")
    )
    key = models.CharField(_("date id"), max_length=200, blank=True)
    occurrence = models.ForeignKey(
        Occurrence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_dates",
        verbose_name=_("date"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # No longer in the source (inside the reader's window): our date was cancelled.
    is_gone = models.BooleanField(_("gone from the source"), default=False)

    class Meta:
        ordering = ["item", "start"]
        verbose_name = _("imported date")
        verbose_name_plural = _("imported dates")
        constraints = [
            models.UniqueConstraint(fields=["item", "key"], name="sourceitemdate_unique_key"),
        ]

    def __str__(self):
        start = date_format(timezone.localtime(self.start), r"j. F Y \k\l. H.i")
        return f"{self.item} – {start}"
