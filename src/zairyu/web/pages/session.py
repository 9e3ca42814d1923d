"""Who is signed in on a page, and the CSRF check of every form that changes something.

Pages use the same browser sessions as the JSON API (``zairyu_session`` cookie, kept in the
store). A form cannot send a header, so it carries the session's CSRF token in a hidden field
``csrf_token``; htmx sends the same field. Without a session the page redirects to sign-in.

A signed-in user's language is the one they chose (kept with their account), on every page
and in the documents linked from them; it is put on ``request.state.lang`` for
``rendering.page_lang``. Before sign-in, or until they choose, the browser's choice applies.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request

from zairyu.i18n import Lang
from zairyu.store.access import Actor
from zairyu.web.security import SESSION_COOKIE, remote_address
from zairyu.web.services import Services, services


class SignInRequired(Exception):
    """No live browser session: the page sends the browser to the sign-in page."""


class BadFormToken(Exception):
    """A form arrived without the CSRF token of its session."""


@dataclass(frozen=True)
class PageUser:
    actor: Actor
    csrf: str
    lang: Lang | None = None  # chosen by the user; None: the browser's choice


def page_user(request: Request, found: Annotated[Services, Depends(services)]) -> PageUser:
    cookie = request.cookies.get(SESSION_COOKIE)
    session = found.accounts.session_actor(cookie, remote_address(request)) if cookie else None
    if session is None:
        raise SignInRequired
    if session.lang is not None:
        request.state.lang = session.lang
    return PageUser(session.actor, session.csrf, session.lang)


def form_user(
    user: Annotated[PageUser, Depends(page_user)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> PageUser:
    """The signed-in user of a form that changes something, once its CSRF token is checked."""
    if not secrets.compare_digest(csrf_token.encode(), user.csrf.encode()):
        raise BadFormToken
    return user


Viewer = Annotated[PageUser, Depends(page_user)]
Changer = Annotated[PageUser, Depends(form_user)]
Found = Annotated[Services, Depends(services)]
