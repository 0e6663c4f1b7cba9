"""The API's answers and its OpenAPI document agree, kind by kind: JSON 404s under /api/,
page numbers and sizes, the allowed values of the slug filters, nested objects with their
properties, and every always-present field required."""

import pytest
import yaml

from tests.factories import EventFactory, OccurrenceFactory, VenueFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/occurrences/%C2%84/",
        "/api/v1/venues/%C2%84/",
        "/api/v1/events/findes-ikke/",
        "/api/v1/findes-ikke/",
        "/api/v2/",
        "/api/",
    ],
)
def test_an_address_under_api_that_does_not_exist_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_a_nul_character_under_api_is_a_json_400(client):
    response = client.get("/api/v1/events/?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("page", ["0", "-1", "99", "abc", ""])
@pytest.mark.parametrize("endpoint", ["occurrences", "events", "venues", "municipalities"])
def test_a_page_that_does_not_exist_is_a_json_404(client, endpoint, page):
    response = client.get(f"/api/v1/{endpoint}/?page={page}")
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "query",
    ["page_size=10&page_size=20", "page=1&page=1", "page_size=0", "page_size=201", "page_size=x"],
)
@pytest.mark.parametrize("endpoint", ["occurrences", "events", "venues"])
def test_a_bad_or_repeated_page_parameter_is_a_400_naming_it(client, endpoint, query):
    response = client.get(f"/api/v1/{endpoint}/?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_page_size_in_range_is_taken(client):
    venue = VenueFactory()
    for _ in range(3):
        OccurrenceFactory(event=EventFactory(venue=venue))
    assert len(client.get("/api/v1/occurrences/?page_size=2").json()["results"]) == 2


def test_a_date_to_before_date_from_is_an_empty_list(client):
    OccurrenceFactory()
    response = client.get("/api/v1/occurrences/?date_from=2026-12-10&date_to=2026-12-01")
    assert response.status_code == 200
    assert response.json()["results"] == []


def _parameters(document, path):
    return {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}


def test_the_slug_filters_list_their_allowed_values(document):
    venue = VenueFactory(municipality=municipality("koege"))
    parameters = _parameters(document, "/api/v1/occurrences/")
    municipalities = parameters["municipality"]["schema"]["items"]["enum"]
    assert {"koege", "roskilde", "roedovre", ""} <= set(municipalities)
    assert len(municipalities) == 10  # the nine and "" (not set)
    assert parameters["municipality"]["explode"] is True
    assert "musik" in parameters["focus_area"]["schema"]["items"]["enum"]
    assert parameters["audience"]["schema"]["items"]["enum"][0] == ""
    assert parameters["accessibility"]["schema"]["items"]["enum"][1:]
    assert "" in parameters["period"]["schema"]["enum"]
    assert set(parameters["free"]["schema"]["enum"]) >= {"", "on", "true", "false"}
    assert venue.slug not in parameters["venue"]["schema"]["enum"]  # read at request time


def test_the_slug_filters_include_a_new_venue_at_once(client):
    venue = VenueFactory()
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert venue.slug in _parameters(document, "/api/v1/occurrences/")["venue"]["schema"]["enum"]


def test_page_parameters_are_bounded_and_errors_documented(document):
    for path, operations in document["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "404", "429"} <= set(responses), path
        for code in ("400", "404", "429"):
            assert "application/json" in responses[code]["content"], (path, code)
        parameters = _parameters(document, path)
        if "page" in parameters:
            assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
            assert parameters["page_size"]["schema"]["maximum"] == 200


def test_nested_objects_have_their_properties(document):
    components = document["components"]["schemas"]
    dates = components["EventDetail"]["properties"]["dates"]["items"]
    date = components[dates["$ref"].rsplit("/", 1)[1]] if "$ref" in dates else dates
    assert set(date["properties"]) == {"id", "start", "end", "all_day", "open_end", "status"}
    assert date["properties"]["end"]["nullable"] is True


@pytest.mark.parametrize(
    "component", ["Occurrence", "EventSummary", "EventDetail", "Venue", "Municipality", "FocusArea"]
)
def test_every_field_that_is_always_present_is_required(client, document, component):
    schema = document["components"]["schemas"][component]
    assert set(schema["required"]) == set(schema["properties"])


def test_the_documentation_page_lists_the_allowed_values(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "<code>koege</code>" in html and "<code>musik</code>" in html
    assert "<td>date</td>" in html
