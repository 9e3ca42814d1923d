"""Administration: the organisation's users and roles (for its admins), and everyone's own
API tokens (issue with an expiry, list, revoke). Over the store's own functions and checks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from zairyu.i18n import gettext
from zairyu.store.access import ADMINS, InvalidRequestError, UserRole
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer
from zairyu.web.routes.users import UserIn

router = page_router()


def _context(found: Found, user: PageUser, **extra: Any) -> dict[str, Any]:
    is_admin = user.actor.role in ADMINS
    return {
        "user": user,
        "csrf": user.csrf,
        "is_admin": is_admin,
        "users": found.accounts.list_users(user.actor) if is_admin else [],
        "tokens": found.accounts.list_tokens(user.actor),
        "roles": [r.value for r in UserRole],
        "issued": None,
        "problems": [],
        **extra,
    }


@router.get("/admin")
def admin_page(request: Request, user: Viewer, found: Found) -> Response:
    return render(request, "admin.html", _context(found, user))


@router.post("/admin/users")
def add_user(
    request: Request,
    user: Changer,
    found: Found,
    username: Annotated[str, Form(max_length=100)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    user.actor.require(ADMINS)
    try:
        body = UserIn.model_validate({"username": username, "role": role, "password": password})
        found.accounts.add_user(
            user.actor.org_id, body.username, body.role, body.password, user.actor
        )
    except ValidationError as error:
        problems = [f"{e['loc'][0]}: {e['msg']}" for e in error.errors()]
        return render(request, "admin.html", _context(found, user, problems=problems), 422)
    except InvalidRequestError as error:  # the store's words, in the page's language
        lang = page_lang(request)
        problems = [gettext(lang, "web", p["message"]) for p in error.problems]
        return render(request, "admin.html", _context(found, user, problems=problems), 422)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{user_id}")
def change_user(
    user_id: str,
    user: Changer,
    found: Found,
    role: Annotated[UserRole | None, Form()] = None,
    active: Annotated[str, Form(pattern="^(|yes|no)$")] = "",
) -> Response:
    is_active = {"yes": True, "no": False}.get(active)
    found.accounts.update_user(user.actor, user_id, role, is_active)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/tokens")
def issue_token(
    request: Request,
    user: Changer,
    found: Found,
    name: Annotated[str, Form(min_length=1, max_length=100)],
    expires_on: Annotated[date | None, Form()] = None,
) -> Response:
    expires = datetime.combine(expires_on, time(23, 59), UTC) if expires_on else None
    _token_id, token = found.accounts.issue_token(user.actor, name, expires)
    return render(request, "admin.html", _context(found, user, issued=token))


@router.post("/admin/tokens/{token_id}/revoke")
def revoke_token(token_id: str, user: Changer, found: Found) -> Response:
    found.accounts.revoke_token(user.actor, token_id)
    return RedirectResponse("/admin", status_code=303)
