"""The answers every operation may give besides its own, as documented in the OpenAPI document.

Each error body is ``{"detail": ...}``; a 422 adds ``problems`` (the path and message of every
bad field, never its value); a 409 about a case adds the version it is at now.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    detail: str


class Problem(BaseModel):
    path: str
    message: str


class InvalidOut(ErrorOut):
    problems: list[Problem]


class ConflictOut(ErrorOut):
    current_version: int | None = None
    current: dict[str, Any] | None = None


def _error(description: str, model: type[BaseModel] = ErrorOut) -> dict[str, Any]:
    return {"description": description, "model": model}


COMMON: dict[int | str, dict[str, Any]] = {
    401: _error("Not signed in: no valid session or personal API token"),
    403: _error("Your role may not do this, or the X-CSRF-Token header is missing"),
    404: _error("Not found in your organisation (exactly as if it did not exist)"),
    409: _error("It collides with a change stored at the same time", ConflictOut),
    413: _error("The body is larger than the limit"),
    422: _error("The request is not valid: every bad field is named", InvalidOut),
    503: _error("The database is busy, read-only, full or unreachable; nothing was changed"),
}
SIGN_IN: dict[int | str, dict[str, Any]] = {
    401: _error(
        "Wrong organisation, username or password (the same answer for an unknown "
        "organisation or username)"
    ),
    413: COMMON[413],
    422: COMMON[422],
    429: _error("Too many failed sign-ins for this name from this address, or from it"),
    503: COMMON[503],
}
