"""Refused requests go into the audit trail: status, reason and route template, no personal data.

Another organisation's id (404), a role that may not (403), a bad token or session (401), a
missing CSRF token (403), a throttled sign-in (429). The entry names the caller if known, the
address, and the case id when the route has one and it looks like an id (never free text).
"""

from __future__ import annotations

import logging
import uuid

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from zairyu.store import audit
from zairyu.store.access import Actor
from zairyu.web.security import remote_address
from zairyu.web.services import Services

log = logging.getLogger("zairyu.web")


def route_of(request: Request) -> str:
    return getattr(request.scope.get("route"), "path", "(no route)")


def _case_id(request: Request) -> str | None:
    value = request.path_params.get("case_id")
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) and len(value) == 36 else None
    except ValueError:
        return None


async def record_refusal(request: Request, status: int, reason: str) -> None:
    found: Services = request.app.state.services
    actor: Actor | None = getattr(request.state, "actor", None)
    route, remote, case_id = route_of(request), remote_address(request), _case_id(request)
    detail = f"{request.method} {route}"

    def write() -> None:
        with found.db.transaction() as s:
            audit.refusal(
                s,
                actor,
                status=status,
                reason=reason,
                route=detail,
                remote=remote,
                case_id=case_id,
            )

    try:
        await run_in_threadpool(write)
    except Exception as error:  # the answer goes out even if the trail cannot be written now
        log.warning("refusal not audited (%s) on %s", type(error).__name__, detail)
