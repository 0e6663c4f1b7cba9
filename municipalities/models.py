"""The places: the nine municipalities of the agreement and the venues in them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import unique_slug


class MunicipalityQuerySet(models.QuerySet):
    def with_venue_count(self):
        return self.annotate(
            venue_count=models.Count("venues", filter=models.Q(venues__is_active=True))
        )


#: The administrative region (Danish «region», the level above the municipalities) of the
#: nine, by official municipality code: Køge and Roskilde lie in Region Sjælland, the other
#: seven in Region Hovedstaden (Danmarks Statistik, «Kommuner og regioner»).
REGION_BY_CODE = {
    "165": "Region Hovedstaden",  # Albertslund
    "190": "Region Hovedstaden",  # Furesø
    "260": "Region Hovedstaden",  # Halsnæs
    "163": "Region Hovedstaden",  # Herlev
    "217": "Region Hovedstaden",  # Helsingør
    "183": "Region Hovedstaden",  # Ishøj
    "175": "Region Hovedstaden",  # Rødovre
    "259": "Region Sjælland",  # Køge
    "265": "Region Sjælland",  # Roskilde
}


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("The municipality code has three digits."))],
        help_text=_("The official three-digit municipality code (kommunekode)."),
    )
    website = models.URLField(_("official website"), blank=True)
    description = models.TextField(_("short description"), blank=True, max_length=2000)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipalities:detail", kwargs={"slug": self.slug})

    @property
    def region(self) -> str:
        """The region's official name (:data:`REGION_BY_CODE`), e.g. «Region Sjælland»;
        ``""`` for a code outside the nine."""
        return REGION_BY_CODE.get(self.code, "")


class VenueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managed_by(self, user):
        """The venues whose events ``user`` may submit and maintain: the active venues
        whose staff they are. Marking a venue inactive stops its staff at once — its events
        leave their staff pages, its name leaves the event form's choices — without removing
        them from its staff, so making it active again gives the access back."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(staff=user, is_active=True)


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="venues",
        verbose_name=_("municipality"),
    )
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("A Danish postal code has four digits."))],
    )
    city = models.CharField(_("city"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="venues",
        verbose_name=_("staff"),
        help_text=_("The people who may submit and maintain this venue's events."),
    )
    is_trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Events submitted by this venue's staff are published without review."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        indexes = [models.Index(fields=["municipality", "name"], name="venue_municipality_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="venue_coordinates_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Venue, self.name, instance_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("municipalities:venue", kwargs={"slug": self.slug})

    @property
    def address_line(self):
        return f"{self.street_address}, {self.postal_code} {self.city}"

    @property
    def map_url(self):
        """An OpenStreetMap link: the exact point when known, else a search for the address."""
        from urllib.parse import urlencode

        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address_line})
