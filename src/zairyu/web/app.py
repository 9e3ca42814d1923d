"""The FastAPI application: ``create_app(settings)`` wires store, security and routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from zairyu.web import api_docs, errors, pages
from zairyu.web.answers import COMMON
from zairyu.web.headers import SecurityHeaders
from zairyu.web.limits import BodyLimit, NoNulCharacters
from zairyu.web.requests import RequestLog
from zairyu.web.routes import (
    assessments,
    audit,
    cases,
    documents,
    measures,
    records,
    session,
    users,
)
from zairyu.web.services import Services
from zairyu.web.settings import Settings

API = "/api/v1"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    found = Services.build(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        found.db.dispose()

    if settings.upgrade_on_start:
        found.db.upgrade()
    found.db.check_writable()  # a read-only store is refused now, not at the first change
    app = FastAPI(
        title="zairyu",
        version="1",
        summary="Case management and assessment for special permission to stay (在留特別許可)",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; api_docs serves a page of our own
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = found
    errors.install(app)
    app.include_router(session.router, prefix=API)
    for router in (
        cases.router,
        records.router,
        assessments.router,
        users.router,
        audit.router,
        measures.router,  # measures, due list, calendar feeds
        documents.router,  # the memo, checklist and sheet of a stored assessment
    ):
        app.include_router(router, prefix=API, responses=COMMON)
    app.include_router(api_docs.router, prefix=API)
    pages.install(app)
    app.add_middleware(NoNulCharacters)  # inside BodyLimit: sees only bodies within the limit
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestLog)
    app.add_middleware(SecurityHeaders)
    return app


def serving_app() -> FastAPI:
    """The app ``zairyu serve`` runs in each worker; the schema was upgraded before they started."""
    return create_app(Settings(upgrade_on_start=False))
