"""The places: the nine municipalities of the agreement and the venues in them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kulturmetropolen.text import unique_slug


class MunicipalityQuerySet(models.QuerySet):
    def with_venue_count(self):
        return self.annotate(
            venue_count=models.Count("venues", filter=models.Q(venues__is_active=True))
        )


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


class VenueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managed_by(self, user):
        """The venues whose events ``user`` may submit and maintain."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(staff=user)


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


class AccessRequest(models.Model):
    """Someone at a venue asks for an account to submit its events (the public form at
    /konto/adgang/); the secretariat approves (which invites them) or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("venue"),
        help_text=_(
            "The venue the person gets access to. For a new venue, create it first and "
            "choose it here before approving."
        ),
    )
    new_venue_name = models.CharField(_("new venue: name"), max_length=200, blank=True)
    new_venue_address = models.CharField(_("new venue: address"), max_length=300, blank=True)
    new_venue_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new venue: municipality"),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="accessrequest_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def venue_display(self):
        """The chosen venue, or the new venue as the person described it."""
        if self.venue_id:
            return str(self.venue)
        return _("New: %(name)s") % {"name": self.new_venue_name}
