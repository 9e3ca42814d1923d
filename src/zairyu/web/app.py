"""The FastAPI application: ``create_app(settings)`` wires store, security and routers."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zairyu.web import errors, pages
from zairyu.web.limits import BodyLimit, NoNulCharacters
from zairyu.web.routes import assessments, cases, documents, measures, records, session, users
from zairyu.web.services import Services
from zairyu.web.settings import Settings

API = "/api/v1"
access_log = logging.getLogger("zairyu.web.access")


class AccessLog:
    """Logs method, route template, status and duration: never ids' values, bodies or queries."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 0

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, recording)
        route = getattr(scope.get("route"), "path", "(no route)")
        elapsed_ms = (time.perf_counter() - started) * 1000
        access_log.info("%s %s %d %.1fms", scope["method"], route, status, elapsed_ms)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    found = Services.build(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        found.db.dispose()

    if settings.upgrade_on_start:
        found.db.upgrade()
    app = FastAPI(
        title="zairyu",
        version="1",
        summary="Case management and assessment for special permission to stay (在留特別許可)",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # served by zairyu.web.pages.api_docs from the package, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = found
    errors.install(app)
    for router in (session.router, cases.router, records.router, assessments.router, users.router):
        app.include_router(router, prefix=API)
    app.include_router(measures.router, prefix=API)  # measures, due list, calendar feeds
    pages.install(app)
    app.include_router(documents.router, prefix=API)
    app.add_middleware(NoNulCharacters)  # inside BodyLimit: sees only bodies within the limit
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLog)
    return app


def serving_app() -> FastAPI:
    """The app ``zairyu serve`` runs in each worker; the schema was upgraded before they started."""
    return create_app(Settings(upgrade_on_start=False))
