"""The editable text pages: about, accessibility statement, privacy."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """An editable text page: about, accessibility statement, privacy."""

    class Kind(models.TextChoices):
        ABOUT = "om", _("About")
        ACCESSIBILITY = "tilgaengelighed", _("Accessibility statement")
        PRIVACY = "privatliv", _("Privacy")

    slug = models.CharField(_("page"), max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), max_length=50_000, help_text=_("Plain text. Empty line between paragraphs.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=50_000, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"page_{self.slug}")
