"""``{% event_picture event %}``: an event's image as a ``<picture>`` of its renditions.

WebP ``srcset`` with a JPEG fallback, ``sizes``, intrinsic ``width``/``height`` (no layout
shift), the event's alt text, and ``loading="lazy"`` unless ``eager`` (an image in the first
screen must not wait: the largest one is what the page's largest contentful paint measures).
Nothing is read from storage: the renditions' names and widths follow from the image's name and
its stored size (``events.renditions``).
"""

from django import template

register = template.Library()

#: How wide a card's image is shown: a 6.5rem thumbnail on a phone, at most about 22rem in a
#: grid of cards (``.event-list`` and the "cards" block in site.css).
CARD_SIZES = "(min-width: 36rem) 22rem, 6.5rem"


@register.inclusion_tag("includes/event_picture.html")
def event_picture(event, sizes=CARD_SIZES, eager=False, priority=False, css_class=""):
    """Render ``event``'s image (nothing without one). ``sizes`` is the ``sizes`` attribute;
    ``eager`` drops ``loading="lazy"``; ``priority`` adds ``fetchpriority="high"`` (the first
    screen's largest image)."""
    return {
        "picture": event.picture,
        "alt": event.image_alt,
        "sizes": sizes,
        "eager": eager or priority,
        "priority": priority,
        "css_class": css_class,
    }
