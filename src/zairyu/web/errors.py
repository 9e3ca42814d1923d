"""Every error as JSON that names what went wrong, never a traceback, never personal data.

Validation errors list the path of every bad field (``body.household.members.1.role``) with a
message; the offending values are not echoed back or logged.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from zairyu.store.access import ConflictError, ForbiddenError, InvalidRequestError, NotFoundError

log = logging.getLogger("zairyu.web")


def _path(loc: Any) -> str:
    return ".".join(str(part) for part in loc)


def invalid(problems: list[dict[str, str]]) -> JSONResponse:
    return JSONResponse(
        {"detail": "the request is not valid; see problems", "problems": problems}, 422
    )


async def _validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [{"path": _path(e["loc"]), "message": e["msg"]} for e in error.errors()]
    return invalid(problems)


async def _invalid_request(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidRequestError)
    return invalid(error.problems)


async def _not_found(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotFoundError)
    return JSONResponse({"detail": f"{error.entity} not found"}, 404)


async def _forbidden(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, 403)


async def _conflict(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ConflictError)
    return JSONResponse(
        {
            "detail": "the case was changed by someone else; review the current version and retry",
            "current_version": error.current_version,
            "current": jsonable_encoder(error.current),
        },
        409,
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    route = getattr(request.scope.get("route"), "path", "?")
    log.error("unexpected %s on %s %s", type(error).__name__, request.method, route)
    return JSONResponse({"detail": "internal error; it has been logged without your data"}, 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InvalidRequestError, _invalid_request)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ForbiddenError, _forbidden)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(Exception, _unexpected)
