"""The small, seeded vocabularies that classify events: focus areas, audiences and
accessibility features."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from municipalities.models import Venue


class Classification(models.Model):
    """Shared shape of the small, seeded vocabularies."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class FocusArea(Classification):
    """One of the agreement's three focus areas (music, youth culture, culture and health)."""

    class Meta(Classification.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def get_absolute_url(self):
        return reverse("focus_areas:detail", kwargs={"slug": self.slug})


class Audience(Classification):
    """Whom an event is for: children, families, young people, adults, seniors."""

    class Meta(Classification.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class AccessibilityFeature(Classification):
    """What a venue or an event offers: step-free access, hearing loop, …"""

    # Declared here, not on Venue, so that events depends on municipalities and never
    # the other way round. ``venue.accessibility_features`` is the reverse accessor.
    venues = models.ManyToManyField(
        Venue,
        blank=True,
        related_name="accessibility_features",
        verbose_name=_("venues"),
    )

    class Meta(Classification.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")
