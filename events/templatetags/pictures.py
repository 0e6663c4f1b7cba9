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


@register.simple_tag(takes_context=True)
def card_number(context) -> int:
    """The number of this card on the page being rendered: 1, 2, 3 … across every list and
    include of the page (the count lives on the template ``Context``, which includes share).
    Lets a card know it is in the first row without its page template telling it."""
    number = getattr(context, "_event_cards", 0) + 1
    context._event_cards = number
    return number


@register.inclusion_tag("includes/event_picture.html")
def event_picture(event, sizes=CARD_SIZES, eager=False, priority=False, card=None, css_class=""):
    """Render ``event``'s image (nothing without one). ``sizes`` is the ``sizes`` attribute;
    ``eager`` drops ``loading="lazy"``; ``priority`` (or ``card`` 1: the page's first card)
    adds ``fetchpriority="high"`` (the first screen's largest image)."""
    priority = priority or card == 1
    return {
        "picture": event.picture,
        "alt": event.image_alt,
        "sizes": sizes,
        "eager": eager or priority,
        "priority": priority,
        "css_class": css_class,
    }
