"""The listing's checkbox groups are written without a template per checkbox, and give the
same HTML as Django's widget rendering in every state: nothing chosen, some chosen, an
unknown value (an error), and in the staff form's groups."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from events.filters import OccurrenceFilter
from events.models import Occurrence

pytestmark = pytest.mark.django_db

FAST = Template(
    "{% load choices %}{% for c in field|checkbox_choices %}"
    '<label for="{{ c.id }}">{{ c.tag }} {{ c.label }}</label>{% endfor %}'
)
DJANGO = Template(
    "{% for c in field %}"
    '<label for="{{ c.id_for_label }}">{{ c.tag }} {{ c.choice_label }}</label>{% endfor %}'
)
GROUPS = ("municipality", "focus_area", "audience", "accessibility")


def form(query):
    filterset = OccurrenceFilter(
        RequestFactory().get("/arrangementer/", query).GET, queryset=Occurrence.objects.all()
    )
    filterset.is_valid()
    return filterset.form


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"municipality": ["koege", "roskilde"], "audience": "boern", "accessibility": "teleslynge"},
        {"municipality": "nowhere", "focus_area": "musik"},  # an error: aria-invalid
        {"focus_area": ['"><script>x</script>']},
    ],
)
def test_filter_checkboxes_are_what_django_renders(query):
    bound = form(query)
    for name in GROUPS:
        field = bound[name]
        fast = FAST.render(Context({"field": field}))
        assert fast == DJANGO.render(Context({"field": field}))
        assert fast.count('type="checkbox"') == len(field.field.choices) > 0


def test_chosen_boxes_are_checked_and_named_by_their_label():
    html = FAST.render(Context({"field": form({"municipality": ["koege"]})["municipality"]}))
    assert 'value="koege" id="id_municipality_6" checked>' in html
    assert '<label for="id_municipality_6">' in html
    assert html.count(" checked") == 1


def test_listing_form_shows_the_chosen_municipality_checked(client):
    response = client.get("/arrangementer/", {"municipality": "koege"})
    html = response.content.decode()
    assert (
        '<label for="id_municipality_6"><input type="checkbox" name="municipality" '
        'value="koege" id="id_municipality_6" checked> Køge</label>'
    ) in html
    assert html.count('name="municipality"') == 9


def test_staff_form_groups_are_unchanged(venue_staff):
    from events.forms import EventForm
    from events.models import Audience

    _venue, user = venue_staff
    audience = Audience.objects.order_by("pk").first()
    for bound in (EventForm(user=user), EventForm({"audiences": [audience.pk]}, user=user)):
        for name in ("focus_areas", "audiences", "accessibility_features"):
            field = bound[name]
            fast = FAST.render(Context({"field": field}))
            assert fast == DJANGO.render(Context({"field": field}))
            assert 'type="checkbox"' in fast
