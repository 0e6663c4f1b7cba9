"""A documentation page rendered on the server from the OpenAPI schema (no remote scripts)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from .views import API_COUNT_CAP


def _fields(schema, component):
    properties = schema["components"]["schemas"].get(component, {}).get("properties", {})
    return [
        {
            "name": name,
            "type": spec.get("type") or spec.get("$ref", "").rsplit("/", 1)[-1] or "object",
            "format": spec.get("format", ""),
            "description": spec.get("description", ""),
        }
        for name, spec in properties.items()
    ]


def _parameter(parameter):
    """A parameter as the page shows it: name, where, a type in words, the allowed values
    (without the empty "not set") and the description."""
    schema = parameter.get("schema", {})
    if "anyOf" in schema:  # a date, or "" for not set
        kind = next((s.get("format") for s in schema["anyOf"] if s.get("format")), "string")
    elif schema.get("type") == "array":
        kind = f"array ({schema.get('items', {}).get('type', '')})"
        schema = schema.get("items", {})
    else:
        kind = schema.get("type", "")
    return {
        "name": parameter["name"],
        "in": parameter.get("in", ""),
        "type": kind,
        "values": [value for value in schema.get("enum", []) if value],
        "description": parameter.get("description", ""),
    }


@require_safe
def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in {"get"}:
                continue
            response = operation["responses"]["200"]["content"]["application/json"]["schema"]
            ref = response.get("$ref", "")
            endpoints.append(
                {
                    "path": path,
                    "summary": operation.get("description", ""),
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                    "component": ref.rsplit("/", 1)[-1],
                }
            )
    components = {
        name: _fields(schema, name)
        for name in schema["components"]["schemas"]
        if not name.startswith("Paginated")
    }
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints,
            "components": components,
            "title": schema["info"]["title"],
            "count_cap": API_COUNT_CAP,
        },
    )
