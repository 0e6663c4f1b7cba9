"""The listing's links that change one filter: removable chips for the chosen filters, and
the quick choices of a period or a focus area above the results. Each is a plain link to the
same listing with one value taken out or put in, so they work without JavaScript."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from ..periods import PERIOD_CHOICES
from ..templatetags.event_tags import short_date

#: Filters that take several values (``?municipality=koege&municipality=roskilde``).
MULTI_VALUE = ("municipality", "focus_area", "venue", "audience", "accessibility")


def _lists(query) -> dict[str, list[str]]:
    """``query`` (a QueryDict, or what this module made of one) as a plain dict of lists:
    a copy costs a dict and its lists, where a QueryDict's copy is a deep copy."""
    return (
        {name: list(values) for name, values in query.lists()}
        if hasattr(query, "lists")
        else {name: list(values) for name, values in query.items()}
    )


def _url(query) -> str:
    """``?`` and the query without its page, encoded as ``QueryDict.urlencode`` does."""
    encoded = urlencode(
        [(name, value) for name, values in query.items() if name != "page" for value in values]
    )
    return "?" + encoded if encoded else "?"


def _without(query, name, value=None) -> dict[str, list[str]]:
    """``query`` without parameter ``name`` (or only without its value ``value``)."""
    query = _lists(query)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = [v for v in query.get(name, []) if v != value]
    return query


def active_filter_chips(filterset, query) -> list[dict]:
    """One chip per chosen filter value, in the filter form's order: ``{"name", "label",
    "url"}`` (``name``: the filter's parameter; a single day, ``date_from`` equal to
    ``date_to``, is one chip named ``date_from`` that removes both),
    where ``url`` is this listing without that one value (page dropped, other filters and the
    sort kept). Only values the form accepted get a chip; ``[]`` when nothing is chosen."""
    if not filterset.is_bound or not hasattr(filterset.form, "cleaned_data"):
        return []
    data = filterset.form.cleaned_data
    chips = []
    for name in filterset.form.fields:
        value = data.get(name)
        if not value or name == "literal":
            continue
        if name in MULTI_VALUE:
            terms = value if isinstance(value, list) else [value]
            chips += [
                {"name": name, "label": term.name, "url": _url(_without(query, name, term.slug))}
                for term in terms
            ]
            continue
        if name == "q":
            label = f"«{value.strip()}»"
            # The words go, and with them the wish to read them as text.
            query_without = _without(_without(query, "q"), "literal")
            chips.append({"name": name, "label": label, "url": _url(query_without)})
            continue
        elif name == "free":
            label = _("Free")
        elif name == "period":
            label = str(dict(PERIOD_CHOICES)[value])
        elif name == "date_from" and value == data.get("date_to"):
            # One day («i morgen», «lørdag»): one chip for the day, which removes both.
            label = short_date(value)
            chips.append(
                {
                    "name": name,
                    "label": label,
                    "url": _url(_without(_without(query, name), "date_to")),
                }
            )
            continue
        elif name == "date_to" and value == data.get("date_from"):
            continue
        elif name == "date_from":
            label = _("From %(date)s") % {"date": short_date(value)}
        elif name == "date_to":
            label = _("Until %(date)s") % {"date": short_date(value)}
        else:  # pragma: no cover - every field of the FilterSet is named above
            label = str(value)
        chips.append({"name": name, "label": label, "url": _url(_without(query, name))})
    return chips


def chosen_period(filterset) -> str | None:
    """The period the listing shows: ``period``'s value, ``""`` for any time, or None when
    dates of their own are chosen (``date_from``/``date_to`` without a period): then no period
    chip is current, and the «When» select says «Chosen dates» instead of «Any time»."""
    data = filterset.data
    period = data.get("period") or ""
    if period or not (data.get("date_from") or data.get("date_to")):
        return period
    field = filterset.form.fields["period"]
    field.empty_label = _("Chosen dates")  # the choice "" here
    field.choices = PERIOD_CHOICES  # a new iterator, bound to this form's field
    return None


def period_links(query, current) -> list[dict]:
    """Shortcuts above the results: the same filters for any time, today, this weekend, …
    ``{"label", "url", "current"}``; ``current`` is the chosen period's value (``""``: none).
    A shortcut replaces dates of their own too (``date_from``, ``date_to``: as «næste
    weekend» or «lørdag» in the search set them): a period with them could only narrow
    them, or end before it begins."""
    links = []
    undated = _without(_without(query, "date_from"), "date_to")
    for value, label in [("", _("Any time")), *PERIOD_CHOICES]:
        q = _without(undated, "period")
        if value:
            q["period"] = [value]
        links.append({"label": label, "url": _url(q), "current": value == current})
    return links


def focus_area_links(query, focus_areas) -> list[dict]:
    """A toggle per focus area above the results: ``{"label", "slug", "url", "current"}``;
    the link adds the focus area to the filters, or takes it out when it is chosen."""
    chosen = query.getlist("focus_area")
    links = []
    for area in focus_areas:
        current = area.slug in chosen
        q = _without(query, "focus_area", area.slug)
        if not current:
            q.setdefault("focus_area", []).append(area.slug)
        links.append({"label": area.name, "slug": area.slug, "url": _url(q), "current": current})
    return links
