"""The language of event content: ``{% content_lang %}`` marks Danish content on English pages.

Events, venues, municipalities and focus areas are entered in Danish only. On the English
pages that text is marked ``lang="da"`` so that screen readers pronounce it as Danish
(WCAG 2.1 SC 3.1.2, Language of Parts); on the Danish pages it needs no mark.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = "da"


@register.simple_tag(takes_context=True)
def content_lang(context):
    """`` lang="da"`` (with its leading space, to follow an element's name or last attribute)
    when the page's language — ``LANGUAGE_CODE`` in the context, else the active language —
    is not Danish; the empty string on Danish pages. Usage: ``<h1{% content_lang %}>``."""
    language = context.get("LANGUAGE_CODE") or get_language() or ""
    if language.split("-")[0].lower() == CONTENT_LANGUAGE:
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')
