"""The event: what happens, where, for whom, at what price, and its review status."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import opaque_slug
from municipalities.models import Venue

from .. import media, renditions
from ..querysets import EventQuerySet
from ..search.fold import fold
from .vocabularies import AccessibilityFeature, Audience, FocusArea

#: The folded texts :meth:`Event.set_search_fields` keeps (a bulk update names them).
SEARCH_FIELDS = ("search_text", "search_names")


class Event(models.Model):
    """What happens, at which venue, for whom and at what price; public once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    teaser = models.CharField(
        _("teaser"), max_length=300, blank=True, help_text=_("One or two sentences for lists.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(20_000)],
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, related_name="events", verbose_name=_("focus areas")
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="events", verbose_name=_("venue")
    )
    organizer = models.CharField(
        _("organizer"), max_length=200, blank=True, help_text=_("Leave empty if it is the venue.")
    )
    # schema.org Event.performer: who is on stage, when the event names someone.
    performer = models.CharField(
        _("performer"),
        max_length=200,
        blank=True,
        help_text=_("The artist, band, ensemble or speaker, if the event names one."),
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="events", verbose_name=_("audiences")
    )
    accessibility_features = models.ManyToManyField(
        AccessibilityFeature,
        blank=True,
        related_name="events",
        verbose_name=_("accessibility features"),
        help_text=_("Only what this event adds to the venue's own features."),
    )
    image = models.ImageField(_("image"), upload_to="events/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    # The stored image's size in px, set when it is saved (see ``events.renditions``): the
    # templates' width/height and srcset come from these, without reading the file.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_free = models.BooleanField(_("free admission"), default=False)
    price_text = models.CharField(
        _("price"), max_length=150, blank=True, help_text=_("For example «100–150 kr.»")
    )
    price_min = models.DecimalField(
        _("lowest price (DKK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_max = models.DecimalField(
        _("highest price (DKK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    ticket_url = models.URLField(_("ticket link"), blank=True, max_length=500)
    info_url = models.URLField(_("more information"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    # The calendar an import brought it from (``imports.EventSource.name``), shown on its
    # page; "" for events entered here.
    imported_from = models.CharField(
        _("imported from"), max_length=200, blank=True, default="", editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_events",
        verbose_name=_("submitted by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_events",
        verbose_name=_("reviewed by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    # Title, teaser, description, organizer, venue and city folded for search
    # (events.search.fold: koge = Køge), and the names alone (title, organizer, venue) for
    # word parts and typos; kept by save() and by the venue signal. On PostgreSQL a trigger
    # keeps ``search_vector`` (Danish full text, names weighted A) from both, GIN-indexed,
    # and a trigram GIN index serves ``search_names`` (migration 0012_search_folding).
    search_text = models.TextField(editable=False, blank=True, default="")
    search_names = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # Raised by one on every save (in SQL, so two saves never share a number): a reviewer's
    # approval names the version they read, and ``events.moderation`` refuses any other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The one-time token of the staff form that created the event: the same form posted
    # twice finds this row instead of making a second event.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(
                fields=["venue"],
                condition=models.Q(status="published"),
                name="event_published_venue_idx",
            ),
            models.Index(
                fields=["-updated_at"],
                condition=models.Q(status="published", is_featured=True),
                name="event_featured_idx",
            ),
            models.Index(fields=["status", "-updated_at"], name="event_status_idx"),
            # The event sitemap's files: counted and paged by id from the index alone.
            models.Index(
                fields=["id"],
                include=["slug", "updated_at"],
                condition=models.Q(status="published"),
                name="event_sitemap_idx",
            ),
            # The listing's filters on the events (venue, municipality, free admission) read
            # from the index alone when several are combined (events.filters).
            models.Index(
                fields=["venue", "id"],
                include=["is_free"],
                condition=models.Q(status="published"),
                name="event_filter_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_max__gte=models.F("price_min")),
                name="event_price_range_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "published", "rejected"]),
                name="event_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        image_changed = self._image_changed() and (fields is None or "image" in fields)
        if image_changed:
            # Renditions are made now, once (events.renditions); an upload is stored here
            # rather than in the field's pre_save so that its pixels are still at hand.
            self.image_width, self.image_height = renditions.prepare(self.image)
        if not self.slug:
            # Opaque, not counted: a "-2" would tell that an unpublished event holds the
            # bare slug (core.text.opaque_slug). A slug, once given, is kept: links last.
            self.slug = opaque_slug(Event, self.title, max_length=220)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.set_search_fields()
        update_fields = kwargs.get("update_fields")
        bump = not self._state.adding and kwargs.get("force_insert") is not True
        if bump:
            self.version = models.F("version") + 1
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_FIELDS, "slug", "published_at"}
            if image_changed:
                kwargs["update_fields"] |= {"image_width", "image_height"}
            if bump:
                kwargs["update_fields"].add("version")
        super().save(*args, **kwargs)
        if bump:
            self.refresh_from_db(fields=["version"])
        if image_changed:
            if self._stored_image is not None:
                media.release(self._stored_image)  # deleted after commit unless still in use
            self._stored_image = self.image.name or ""

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    #: The image name the row had when loaded ("" for a new event; None when not loaded).
    _stored_image = ""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_image = instance.__dict__.get("image")
        # The status as stored: a change to an event that is not and was not published
        # leaves the cached public pages alone (events.signals).
        if "status" in instance.__dict__:
            instance._stored_status = instance.__dict__["status"]
        return instance

    def _image_changed(self) -> bool:
        if "image" in self.get_deferred_fields():
            return False
        return not self.image._committed or (self.image.name or "") != (self._stored_image or "")

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_max < self.price_min
        ):
            errors["price_max"] = _("The highest price cannot be lower than the lowest price.")
        if errors:
            raise ValidationError(errors)

    def build_search_text(self, venue=None) -> str:
        """Title, teaser, description, organizer, venue name and city, folded for search."""
        venue = venue or self.venue
        parts = [
            self.title,
            self.teaser,
            self.description,
            self.organizer,
            self.performer,
            venue.name,
            venue.city,
        ]
        return fold(" ".join(p for p in parts if p))

    def build_search_names(self, venue=None) -> str:
        """Title, organizer, performer and venue name, folded: what word parts and typos are
        matched in."""
        venue = venue or self.venue
        names = (self.title, self.organizer, self.performer, venue.name)
        return fold(" ".join(p for p in names if p))

    def set_search_fields(self, venue=None):
        """Refresh the folded :data:`SEARCH_FIELDS` from the texts (``venue``: a renamed
        venue, not yet read through ``self.venue``)."""
        self.search_text = self.build_search_text(venue)
        self.search_names = self.build_search_names(venue)

    @property
    def picture(self):
        """The image's renditions for a ``<picture>`` (``events.renditions.Picture``), or
        None without an image."""
        return renditions.picture(self.image, self.image_width, self.image_height)

    @property
    def organizer_name(self) -> str:
        return self.organizer or self.venue.name

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def edits_need_review(self) -> bool:
        """Whether staff edits wait for the secretariat as a pending change
        (``EventRevision``) instead of applying at once: the event is public and its venue
        is not trusted. The one rule used by the staff view, its template and
        ``events.moderation``."""
        return self.status == self.Status.PUBLISHED and not self.venue.is_trusted

    def copy_as_draft(self, user):
        """A new draft with this event's texts, classification and image, without dates."""
        copy = Event.objects.get(pk=self.pk)
        copy.pk = copy.id = None
        copy.slug = ""
        copy._state.adding = True
        copy.status = Event.Status.DRAFT
        copy.is_featured = False
        copy.published_at = copy.submitted_at = copy.reviewed_at = None
        copy.reviewed_by = None
        copy.rejection_reason = ""
        copy.version = 1
        copy.submission_token = None
        copy.submitted_by = user
        copy.save()
        copy.focus_areas.set(self.focus_areas.all())
        copy.audiences.set(self.audiences.all())
        copy.accessibility_features.set(self.accessibility_features.all())
        return copy

    def effective_accessibility(self):
        """The venue's features plus the event's own, without duplicates, in order.

        Uses prefetched relations when the view prefetched them.
        """
        features = {f.pk: f for f in self.venue.accessibility_features.all()}
        features.update({f.pk: f for f in self.accessibility_features.all()})
        return sorted(features.values(), key=lambda f: (f.position, f.name))
