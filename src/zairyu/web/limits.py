"""Request limits: bodies larger than the configured limit (413), NUL characters (422)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
        # No trustworthy length: read the body (at most the limit) before the app sees it.
        messages: list[Message] = []
        received, more = 0, True
        while more:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
            more = message.get("more_body", False)

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, max_bytes: int) -> None:
    await respond(send, 413, {"detail": f"the request body is larger than {max_bytes} bytes"})


async def respond(send: Send, status: int, payload: Mapping[str, object]) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _has_nul(body: bytes) -> bool:
    """A NUL character in JSON text (raw, or as an unescaped \\u0000 escape)."""
    return b"\x00" in body or _ESCAPED_NUL.search(body) is not None


class NoNulCharacters:
    """Refuse a NUL character (U+0000) anywhere in the path, the query or the body with 422.

    No field of zairyu may hold one, and PostgreSQL cannot store one in text: refusing it at the
    door gives the caller a clear error instead of a failed transaction.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        where = None
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            where = "path or query"
        messages: list[Message] = []
        more = True
        while more and where is None:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            more = message.get("more_body", False)
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        if where is None and _has_nul(body):
            where = "body"
        if where is not None:
            detail = [{"path": where, "message": "may not contain the NUL character (U+0000)"}]
            problems = {"detail": "the request is not valid; see problems", "problems": detail}
            await respond(send, 422, problems)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
