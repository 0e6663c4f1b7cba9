"""``{% cached_card … %}…{% end_cached_card %}``: an event card rendered once and reused.

A card (``includes/occurrence_row.html``) costs about 1.5 ms to render and a list page has
twenty; the same cards appear on the front page, the listing under every combination of
filters, and the place pages. Each rendered card is kept in the shared cache under the page
cache's *content version* (:func:`core.pagecache.content_version`), which every public change
bumps, so a card is never older than a cached page would be. The key also holds what the
card's HTML depends on besides the data: the language, today's date (a date in another year
is written with its year), the date's id, whether the date is shown, the heading level and
whether the image is among the first three of the page (eager; the first has priority).

Cards are kept for ``CARD_CACHE_SECONDS`` (default an hour; 0, the default with DEBUG on,
renders every card). They are kept also when the page cache is off: a page the page cache
misses (every new combination of filters) is what they make cheaper.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from core.templatetags.fragments import context_content_version

register = template.Library()


class CachedCardNode(template.Node):
    def __init__(self, nodelist, variables):
        self.nodelist = nodelist
        self.variables = variables

    def render(self, context):
        if settings.CARD_CACHE_SECONDS <= 0:
            return self.nodelist.render(context)
        occurrence, show_date, heading_level, eager, number = (
            variable.resolve(context) for variable in self.variables
        )
        version = context_content_version(context)
        key = ":".join(
            str(part)
            for part in (
                "card",
                version,
                translation.get_language(),
                timezone.localdate().isoformat(),
                occurrence.pk,
                bool(show_date),
                heading_level or 3,
                eager,
                number if number <= 3 else 0,
            )
        )
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, settings.CARD_CACHE_SECONDS)
        return html


@register.tag
def cached_card(parser, token):
    """``{% cached_card occurrence show_date heading_level eager number %}`` … the card …
    ``{% end_cached_card %}``: the enclosed HTML from the cache when it holds it (see the
    module)."""
    bits = token.split_contents()[1:]
    if len(bits) != 5:
        raise template.TemplateSyntaxError(
            "cached_card takes occurrence show_date heading_level eager number"
        )
    nodelist = parser.parse(("end_cached_card",))
    parser.delete_first_token()
    return CachedCardNode(nodelist, [parser.compile_filter(bit) for bit in bits])
