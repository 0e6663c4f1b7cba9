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
                    "parameters": operation.get("parameters", []),
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
