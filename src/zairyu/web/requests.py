"""Each request gets an id; one access line per request; no error ever escapes as a traceback.

The access log names the request id, method, route template, status and duration: never ids'
values, bodies or queries. An exception no handler answered is logged as the request id, its
class and the route (not its text, which can hold record data) and answered 500 here, so the
server never prints it with its traceback.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zairyu.web.limits import respond

access_log = logging.getLogger("zairyu.web.access")
error_log = logging.getLogger("zairyu.web")
REQUEST_ID = "x-request-id"
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID.encode():
            text = str(value.decode("latin-1"))
            if _ACCEPTED_ID.match(text):
                return text
    return uuid.uuid4().hex[:16]


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 0

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, recording)
        except Exception as error:
            route = getattr(scope.get("route"), "path", "(no route)")
            error_log.error(
                "request %s: %s on %s %s (answered 500)",
                rid,
                type(error).__name__,
                scope["method"],
                route,
            )
            if status == 0:
                detail = f"internal error (request {rid}); it has been logged without your data"
                await respond(recording, 500, {"detail": detail})
        route = getattr(scope.get("route"), "path", "(no route)")
        elapsed_ms = (time.perf_counter() - started) * 1000
        access_log.info("%s %s %s %d %.1fms", rid, scope["method"], route, status, elapsed_ms)
