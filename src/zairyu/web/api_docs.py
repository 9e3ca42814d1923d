"""The API's reference page, for signed-in users, built from the OpenAPI document here.

It loads nothing from another host and runs no script: one HTML page listing every operation
with its parameters, body and answers, linking the OpenAPI document itself. (FastAPI's Swagger
UI would load its scripts and styles from a CDN.)
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zairyu.web.security import CurrentActor

router = APIRouter()


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return f"list of {name}" if "items" in schema else name
    return str(schema.get("type", ""))


def _operation(path: str, method: str, op: dict[str, Any]) -> str:
    params = "".join(
        f"<li><code>{escape(p['name'])}</code> ({escape(p['in'])}"
        f"{', required' if p.get('required') else ''})</li>"
        for p in op.get("parameters", [])
    )
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    answers = ", ".join(escape(code) for code in op.get("responses", {}))
    return (
        f"<section><h3><code>{method.upper()} {escape(path)}</code></h3>"
        f"<p>{escape(op.get('summary', ''))}</p>"
        + (f"<p>Parameters:</p><ul>{params}</ul>" if params else "")
        + (f"<p>Body: <code>{escape(_schema_name(body.get('schema')))}</code></p>" if body else "")
        + f"<p>Answers: {answers}</p></section>"
    )


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request, _actor: CurrentActor) -> HTMLResponse:
    document = request.app.openapi()
    sections = "".join(
        _operation(path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
    )
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(document['info']['title'])} API</title></head><body>"
        f"<h1>{escape(document['info']['title'])} API {escape(document['info']['version'])}</h1>"
        f"<p>{escape(document['info'].get('summary', ''))}</p>"
        '<p>The machine-readable document: <a href="openapi.json">'
        "openapi.json</a>.</p>"
        f"{sections}</body></html>"
    )
    return HTMLResponse(page)
