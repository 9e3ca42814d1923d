"""The API's documentation page (Swagger UI), served from the package: no CDN."""

from __future__ import annotations

from fastapi import Request, Response

from zairyu.web.pages.rendering import render
from zairyu.web.pages.routing import page_router

router = page_router()


@router.get("/api/v1/docs")
def api_docs(request: Request) -> Response:
    return render(request, "api_docs.html", {})
