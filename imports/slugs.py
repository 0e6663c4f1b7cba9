"""Slugs for many new events at once, in the form ``core.text.opaque_slug`` gives one: the
title slugified (æ→ae, ø→oe, å→aa) and a random suffix no event has — checked with one query
per batch instead of one per event."""

from django.utils.crypto import get_random_string

from core.text import SUFFIX_ALPHABET, danish_slugify
from events.models import Event

SUFFIX_LENGTH = 6


def opaque_slugs(titles, *, max_length=220) -> list[str]:
    """A unique slug for each of ``titles`` (a list of str), in order."""
    bases = [danish_slugify(t)[: max_length - SUFFIX_LENGTH - 1].strip("-") or "x" for t in titles]
    slugs = [None] * len(bases)
    todo = list(range(len(bases)))
    while todo:
        for i in todo:
            slugs[i] = f"{bases[i]}-{get_random_string(SUFFIX_LENGTH, SUFFIX_ALPHABET)}"
        wanted = [slugs[i] for i in todo]
        taken = set(Event.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        seen, again = set(), []
        for i in todo:
            if slugs[i] in taken or slugs[i] in seen:
                again.append(i)
            seen.add(slugs[i])
        todo = again
    return slugs
