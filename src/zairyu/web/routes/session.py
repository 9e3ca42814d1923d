"""Browser sign-in, answered the same for a name that exists and one that does not.

A user is named by their organisation's name and their username (usernames are unique per
organisation only). An unknown organisation, an unknown username and a wrong password get the
same 401, with the same words, after the same password check and the same delay.

Neither the password check nor the delay after a failure holds a database lock or a worker
thread: the attempt is counted in one short transaction, argon2 runs in a small pool of its own
(at most ``HASHING`` at once, so a flood of sign-ins cannot take the threads other requests
need), the delay is an ``asyncio.sleep``, and the outcome is recorded in another short
transaction.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from zairyu.web.answers import SIGN_IN
from zairyu.web.security import (
    SESSION_COOKIE,
    CurrentActor,
    Found,
    cookie,
    remote_address,
    set_session_cookie,
)

router = APIRouter(tags=["session"])
HASHING = anyio.CapacityLimiter(2)


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organisation: str = Field(
        min_length=1, max_length=200, description="The name of your organisation."
    )
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class SessionOut(BaseModel):
    username: str
    role: str
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header on every change.")


def _refusal(status_code: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code)


@router.post("/session", response_model=SessionOut, responses=SIGN_IN)
async def sign_in(body: Credentials, request: Request, found: Found) -> Any:
    signin = found.accounts.signin
    attempt = await run_in_threadpool(
        signin.begin, body.organisation, body.username, remote_address(request)
    )
    if attempt.throttled:
        return _refusal(429, "too many failed sign-ins from here; try again later")
    correct = await anyio.to_thread.run_sync(signin.check, attempt, body.password, limiter=HASHING)
    actor = await run_in_threadpool(signin.finish, attempt, correct)
    if actor is None:
        await asyncio.sleep(found.settings.login.delay(attempt.failures))
        return _refusal(401, "wrong organisation, username or password")
    value, csrf = await run_in_threadpool(found.accounts.open_session, actor)
    response = JSONResponse({"username": actor.username, "role": actor.role, "csrf_token": csrf})
    set_session_cookie(response, value, found)
    return response


@router.get("/session", response_model=SessionOut, responses={401: SIGN_IN[401], 404: {}})
def current_session(
    request: Request,
    actor: CurrentActor,
    found: Found,
    session_cookie: Annotated[str | None, Depends(cookie)],
) -> dict[str, Any]:
    found_session = found.accounts.session_actor(session_cookie or "", remote_address(request))
    if found_session is None:
        raise HTTPException(404, "no browser session (an API token has none)")
    return {"username": actor.username, "role": actor.role, "csrf_token": found_session.csrf}


@router.delete(
    "/session", status_code=status.HTTP_204_NO_CONTENT, responses={401: SIGN_IN[401], 403: {}}
)
def sign_out(
    actor: CurrentActor,
    found: Found,
    session_cookie: Annotated[str | None, Depends(cookie)],
) -> Response:
    if session_cookie:
        found.accounts.close_session(session_cookie)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
