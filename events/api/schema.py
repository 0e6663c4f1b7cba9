"""What the OpenAPI document says beyond what drf-spectacular reads from the views: the
allowed values of the filter parameters (slugs of the current vocabularies), the error
answers every operation can give, and the form of each error body.

Hooked in as a drf-spectacular postprocessing hook (``SPECTACULAR_SETTINGS``), after its own
enum hook. The document is built per request, so a new venue is an allowed value at once.
"""

from django.db import DatabaseError, transaction

from ..filterfields import FREE_OFF, FREE_ON
from ..filters import EARLIEST_DATE, LATEST_DATE
from ..vocabulary import vocabularies

#: The filters that take slugs, and whether they repeat (``?municipality=a&municipality=b``).
SLUG_FILTERS = {
    "municipality": True,
    "focus_area": True,
    "audience": True,
    "accessibility": True,
    "venue": False,
}

DESCRIPTIONS = {
    "municipality": "Municipality slugs (repeat for several: any of them).",
    "focus_area": "Focus area slugs (repeat for several: any of them).",
    "audience": "Audience slugs (repeat for several: any of them).",
    "accessibility": "Accessibility feature slugs (repeat for several: all of them).",
    "venue": "A venue's slug.",
    "free": "on, true or 1: free admission only; off, false, 0 or empty: any price.",
}

ERROR = {
    "type": "object",
    "description": "Why the request could not be answered.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "By parameter name, why its value could not be used.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _json(ref, description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _date_schema():
    # An empty value means "not set"; otherwise a date in the years the site knows.
    years = "|".join(str(y)[:3] for y in range(EARLIEST_DATE.year, LATEST_DATE.year + 1, 10))
    return {
        "anyOf": [
            {"type": "string", "format": "date", "pattern": f"^({years})[0-9]-"},
            {"type": "string", "enum": [""]},
        ]
    }


def _terms():
    """The current vocabularies, or ``None`` when the database cannot be read: the system
    check (``check --deploy``) builds the document too, possibly before ``migrate``."""
    try:
        with transaction.atomic():
            return vocabularies()
    except DatabaseError:
        return None


def _parameter_schemas():
    """The schema of each filter parameter of the occurrence list, by name."""
    terms = _terms()
    schemas = {}
    for name, repeats in SLUG_FILTERS.items():
        values = {"type": "string"}
        if terms is not None:
            # "" is accepted and means "not set" (a select's «Alle»).
            values["enum"] = ["", *(t.slug for t in terms[name])]
        schemas[name] = {"type": "array", "items": values} if repeats else values
    schemas["free"] = {"type": "string", "enum": ["", *sorted(FREE_ON), *sorted(FREE_OFF)]}
    schemas["period"] = None  # drf-spectacular gives the enum; "" is added below
    # No NUL character (PostgreSQL text cannot hold one) and at most 200 characters.
    schemas["q"] = {"type": "string", "maxLength": 200, "pattern": "^[^\\x00]*$"}
    schemas["date_from"] = schemas["date_to"] = _date_schema()
    return schemas


def error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: enums and patterns of the filter parameters,
    and the 400, 404 and 429 answers (JSON) of every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    components["ValidationError"] = VALIDATION_ERROR
    parameter_schemas = None
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method != "get":
                continue
            responses = operation.setdefault("responses", {})
            responses["404"] = _json(
                "Error", "No such object, or a page that does not exist (0, beyond the last)."
            )
            responses["429"] = _json("Error", "Too many requests: wait as Retry-After says.")
            responses["400"] = {
                "description": (
                    "A parameter that could not be used (a filter value, page_size out of "
                    "range, page or page_size given twice), by name; or a request carrying a "
                    'NUL character ({"detail": …}).'
                ),
                "content": {
                    "application/json": {
                        "schema": {
                            "anyOf": [
                                {"$ref": "#/components/schemas/ValidationError"},
                                {"$ref": "#/components/schemas/Error"},
                            ]
                        }
                    }
                },
            }
            names = {p["name"] for p in operation.get("parameters", [])}
            if "municipality" not in names:
                continue
            parameter_schemas = parameter_schemas or _parameter_schemas()
            for parameter in operation["parameters"]:
                name = parameter["name"]
                if name == "period":
                    parameter["schema"]["enum"] = ["", *parameter["schema"]["enum"]]
                elif name in parameter_schemas:
                    parameter["schema"] = parameter_schemas[name]
                    parameter.setdefault("description", DESCRIPTIONS.get(name, ""))
                    if parameter_schemas[name].get("type") == "array":
                        parameter["style"], parameter["explode"] = "form", True
    return result
