"""Sign in, sign out, and the language of the pages.

A user signs in with their organisation's name, their username and their password: usernames
are unique per organisation only. An unknown organisation, an unknown username and a wrong
password get the same page, with the same words and status, after the same password check and
the same delay. The sign-in form is protected against cross-site posting by a double-submit
token: a random cookie set with the form, echoed in a hidden field.

The language chosen in the page header is kept with the account of a signed-in user (so it
follows them to every page, every browser and the documents they print), and in a cookie for
the browser, which is the choice before sign-in. Storing it for a user is a change, so that
form then carries the session's CSRF token.
"""

from __future__ import annotations

import secrets
import time
from typing import Annotated

from fastapi import Form, Request, Response
from fastapi.responses import RedirectResponse

from zairyu.i18n import LANGS
from zairyu.web.pages.rendering import LANG_COOKIE, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import BadFormToken, Changer, Found
from zairyu.web.security import SESSION_COOKIE, remote_address, set_session_cookie

router = page_router()
SIGNIN_COOKIE = "zairyu_signin"
ONE_YEAR = 365 * 24 * 3600


def _form(
    request: Request, found: Found, message: str = "", status: int = 200, organisation: str = ""
) -> Response:
    token = secrets.token_urlsafe(24)
    context = {"signin_token": token, "message": message, "organisation": organisation}
    response = render(request, "signin.html", context, status)
    response.set_cookie(
        SIGNIN_COOKIE,
        token,
        max_age=900,
        httponly=True,
        secure=found.settings.secure_cookies,
        samesite="strict",
        path="/sign-in",
    )
    return response


@router.get("/sign-in")
def sign_in_page(request: Request, found: Found) -> Response:
    return _form(request, found)


@router.post("/sign-in")
def sign_in(
    request: Request,
    found: Found,
    organisation: Annotated[str, Form(max_length=200)] = "",
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    signin_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    expected = request.cookies.get(SIGNIN_COOKIE, "")
    if not expected or not secrets.compare_digest(signin_token.encode(), expected.encode()):
        message = "This form has expired. Go back, reload and retry."
        return _form(request, found, message, 403, organisation)
    result = found.accounts.login(organisation, username, password, remote_address(request))
    if result.locked:
        message = "Too many failed sign-ins; try again later."
        return _form(request, found, message, 429, organisation)
    if result.actor is None:
        time.sleep(found.settings.login.delay(max(result.failures, 1)))
        message = "Wrong organisation, username or password."
        return _form(request, found, message, 401, organisation)
    value, _csrf = found.accounts.open_session(result.actor)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, value, found)
    response.delete_cookie(SIGNIN_COOKIE, path="/sign-in")
    return response


@router.post("/sign-out")
def sign_out(request: Request, user: Changer, found: Found) -> Response:
    found.accounts.close_session(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/language")
def choose_language(
    request: Request,
    found: Found,
    lang: Annotated[str, Form(max_length=5)] = "",
    back: Annotated[str, Form(max_length=300)] = "/",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Kept with the signed-in user's account, and in this browser's cookie for a year."""
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    cookie = request.cookies.get(SESSION_COOKIE)
    session = found.accounts.session_actor(cookie, remote_address(request)) if cookie else None
    if session is not None:
        if not secrets.compare_digest(csrf_token.encode(), session.csrf.encode()):
            raise BadFormToken
        if lang in LANGS:
            found.accounts.set_language(session.actor, lang)
    if lang in LANGS:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=ONE_YEAR,
            httponly=True,
            secure=found.settings.secure_cookies,
            samesite="lax",
            path="/",
        )
    return response
