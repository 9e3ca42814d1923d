"""Who is calling: a personal API token (``Authorization: Bearer``) or a browser session.

A browser session is a random cookie (HttpOnly, Secure, SameSite=Strict); every request that
changes something must also carry the session's CSRF token in ``X-CSRF-Token``. Token requests
need no CSRF token: a browser never adds the header on its own.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from zairyu.store.access import Actor
from zairyu.web.services import Services, services

SESSION_COOKIE = "zairyu_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(auto_error=False, description="A personal API token")
cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="A browser session")


def set_session_cookie(response: Response, value: str, found: Services) -> None:
    """The browser session's cookie, as the API's and the pages' sign-in both set it."""
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=found.settings.login.session_hours * 3600,
        httponly=True,
        secure=found.settings.secure_cookies,
        samesite="strict",
        path="/",
    )


def remote_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _unauthenticated() -> HTTPException:
    return HTTPException(
        401, "sign in, or send a personal API token", {"WWW-Authenticate": "Bearer"}
    )


def current_actor(
    request: Request,
    found: Annotated[Services, Depends(services)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session_cookie: Annotated[str | None, Depends(cookie)],
) -> Actor:
    remote = remote_address(request)
    if credentials is not None:
        actor = found.accounts.token_actor(credentials.credentials, remote)
        if actor is None:
            raise _unauthenticated()
        request.state.actor = actor
        return actor
    if session_cookie:
        session = found.accounts.session_actor(session_cookie, remote)
        if session is None:
            raise _unauthenticated()
        actor, csrf = session.actor, session.csrf
        request.state.actor = actor
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not secrets.compare_digest(sent.encode(), csrf.encode()):
                raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
        return actor
    raise _unauthenticated()


CurrentActor = Annotated[Actor, Depends(current_actor)]
Found = Annotated[Services, Depends(services)]
