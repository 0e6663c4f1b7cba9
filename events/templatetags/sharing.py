"""Tags for what other systems read from a page: canonical and hreflang links, Open Graph
and Twitter cards, JSON-LD, and the addresses of calendar and news feeds."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.paths import local_path, translated_path
from municipalities.models import Municipality, Venue

from ..jsonld import event_structured_data, script_json
from ..models import Event, FocusArea

register = template.Library()

OG_LOCALES = {"da": "da_DK", "en": "en_GB"}
SHARE_DESCRIPTION_LENGTH = 200


def _describe(obj):
    """Title, description and image path of a page's main object, for sharing."""
    if isinstance(obj, Event):
        text = obj.teaser or obj.description
        return obj.title, text, obj.image.url if obj.image else ""
    if isinstance(obj, Venue):
        return obj.name, obj.description or obj.address_line, ""
    if isinstance(obj, Municipality):
        default = _("Culture events and venues in %(name)s.") % {"name": obj.name}
        return obj.name, obj.description or default, ""
    if isinstance(obj, FocusArea):
        return obj.name, obj.description, ""
    return None


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Canonical URL, language alternates and sharing tags for the current page."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return None
    path = local_path(request.path)
    alternates = [
        {"lang": code, "url": request.build_absolute_uri(translated_path(request, path, code))}
        for code, _name in settings.LANGUAGES
    ]
    default = next(a["url"] for a in alternates if a["lang"] == settings.LANGUAGE_CODE)
    meta = {
        "canonical": request.build_absolute_uri(path),
        "alternates": alternates,
        "x_default": default,
        "og_locale": OG_LOCALES.get(get_language() or "", "da_DK"),
        "og_type": "website",
    }
    described = _describe(context.get("object"))
    if described:
        title, description, image = described
        meta.update(
            title=title,
            description=Truncator(" ".join(description.split())).chars(SHARE_DESCRIPTION_LENGTH),
            image=request.build_absolute_uri(image) if image else "",
            image_alt=getattr(context.get("object"), "image_alt", "") if image else "",
        )
    return meta


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, occurrences):
    """The event's schema.org JSON-LD, safe to put inside <script type="application/ld+json">."""
    request = context["request"]
    return script_json(event_structured_data(event, occurrences, request.build_absolute_uri))


@register.simple_tag(takes_context=True)
def feed_links(context, query=""):
    """Addresses of the calendar subscription and the news feeds for a filter query string."""
    request = context["request"]
    suffix = f"?{query}" if query else ""
    calendar = request.build_absolute_uri(reverse("feeds:ics") + suffix)
    return {
        "https": calendar,
        "webcal": "webcal://" + calendar.split("://", 1)[1],
        "rss": reverse("feeds:rss") + suffix,
        "atom": reverse("feeds:atom") + suffix,
    }
