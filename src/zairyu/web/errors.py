"""Every error as JSON that names what went wrong, never a traceback, never personal data.

Validation errors list the path of every bad field (``body.household.members.1.role``) with a
message; the offending values are not echoed back or logged. A database that is locked,
read-only, full or unreachable is a 503 that says so; two writes that collide are a 409. Every
error is logged as one line: the request id, the error's class and the route template, never
the exception's text (it can hold record data) and never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from starlette.exceptions import HTTPException

from zairyu.model.relations import RelationError
from zairyu.store.access import ConflictError, ForbiddenError, InvalidRequestError, NotFoundError
from zairyu.store.audit_key import AuditKeyError
from zairyu.store.database import StoreUnavailable, unavailable_reason
from zairyu.web.refusals import record_refusal, route_of

log = logging.getLogger("zairyu.web")


def request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", "-"))


def log_error(request: Request, error: BaseException, status: int) -> None:
    log.error(
        "request %s: %s on %s %s (answered %d)",
        request_id(request),
        type(error).__name__,
        request.method,
        route_of(request),
        status,
    )


def _path(loc: Any) -> str:
    return ".".join(str(part) for part in loc)


def invalid(problems: list[dict[str, str]]) -> JSONResponse:
    return JSONResponse(
        {"detail": "the request is not valid; see problems", "problems": problems}, 422
    )


async def _validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = []
    for e in error.errors():
        cause = e.get("ctx", {}).get("error")
        if isinstance(cause, RelationError):  # relations name their own member and field
            base = _path(e["loc"])
            problems += [
                {"path": f"{base}.members.{p.index}.{p.field}", "message": p.message}
                for p in cause.problems
            ]
        else:
            problems.append({"path": _path(e["loc"]), "message": e["msg"]})
    return invalid(problems)


async def _invalid_request(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidRequestError)
    return invalid(error.problems)


async def _not_found(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotFoundError)
    await record_refusal(request, 404, f"{error.entity} not found")
    return JSONResponse({"detail": f"{error.entity} not found"}, 404)


async def _forbidden(request: Request, error: Exception) -> JSONResponse:
    await record_refusal(request, 403, "role")
    return JSONResponse({"detail": str(error)}, 403)


async def _http(request: Request, error: Exception) -> Any:
    assert isinstance(error, HTTPException)
    if error.status_code in (401, 403, 429):
        reasons = {401: "no valid credentials", 403: "csrf", 429: "throttled"}
        await record_refusal(request, error.status_code, reasons[error.status_code])
    return await http_exception_handler(request, error)


async def _conflict(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ConflictError)
    return JSONResponse(
        {
            "detail": f"the {error.entity} was changed by someone else; review the current "
            "version and retry",
            "current_version": error.current_version,
            "current": jsonable_encoder(error.current),
        },
        409,
    )


def unavailable(reason: str) -> JSONResponse:
    return JSONResponse(
        {"detail": f"{reason}; nothing was changed, try again later"},
        503,
        headers={"Retry-After": "5"},
    )


async def _database(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DBAPIError)
    if isinstance(error, IntegrityError):
        log_error(request, error, 409)
        return JSONResponse(
            {"detail": "this collides with a record stored at the same time; reload and retry"},
            409,
        )
    if isinstance(error, DataError):
        log_error(request, error, 422)
        return invalid([{"path": "body", "message": "a value is out of the range that is stored"}])
    log_error(request, error, 503)
    return unavailable(unavailable_reason(error))


async def _store_unavailable(request: Request, error: Exception) -> JSONResponse:
    log_error(request, error, 503)
    if isinstance(error, AuditKeyError):
        return unavailable("the audit key is missing; an administrator must restore it")
    return unavailable(str(error))


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InvalidRequestError, _invalid_request)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ForbiddenError, _forbidden)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(DBAPIError, _database)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    app.add_exception_handler(AuditKeyError, _store_unavailable)
