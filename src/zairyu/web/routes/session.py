"""Browser sign-in. Failed attempts are slowed, then the account is locked for a while."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from zairyu.web.security import SESSION_COOKIE, CurrentActor, Found, cookie, remote_address

router = APIRouter(tags=["session"])


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    username: str
    role: str
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header on every change.")


@router.post("/session", response_model=SessionOut, responses={401: {}, 429: {}})
def sign_in(
    body: Credentials, request: Request, response: Response, found: Found
) -> dict[str, Any]:
    result = found.accounts.login(body.username, body.password, remote_address(request))
    if result.locked:
        raise HTTPException(429, "too many failed sign-ins; try again later")
    if result.actor is None:
        time.sleep(found.settings.login.delay(max(result.failures, 1)))
        raise HTTPException(401, "wrong username or password")
    value, csrf = found.accounts.open_session(result.actor)
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=found.settings.login.session_hours * 3600,
        httponly=True,
        secure=found.settings.secure_cookies,
        samesite="strict",
        path="/",
    )
    return {"username": result.actor.username, "role": result.actor.role, "csrf_token": csrf}


@router.get("/session", response_model=SessionOut)
def current_session(
    request: Request,
    actor: CurrentActor,
    found: Found,
    session_cookie: Annotated[str | None, Depends(cookie)],
) -> dict[str, Any]:
    found_session = found.accounts.session_actor(session_cookie or "", remote_address(request))
    if found_session is None:
        raise HTTPException(404, "no browser session (an API token has none)")
    return {"username": actor.username, "role": actor.role, "csrf_token": found_session[1]}


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT)
def sign_out(
    response: Response,
    actor: CurrentActor,
    found: Found,
    session_cookie: Annotated[str | None, Depends(cookie)],
) -> None:
    if session_cookie:
        found.accounts.close_session(session_cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
