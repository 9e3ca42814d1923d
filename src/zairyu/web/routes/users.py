"""Users of the caller's organisation, the caller's own API tokens and interface language.

A username is unique in its organisation only: an admin adding a user learns whether the name
is taken in their own organisation, and nothing about any other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from zairyu.i18n import Lang
from zairyu.model.strict import StrictRequest as Strict
from zairyu.store.access import ADMINS, UserRole
from zairyu.web.fields import Flag, Instant
from zairyu.web.security import CurrentActor, Found

router = APIRouter(tags=["users"])

Username = Field(min_length=2, max_length=100, pattern=r"^[A-Za-z0-9_.@\-]+$")


class UserIn(Strict):
    username: str = Username
    role: UserRole
    password: str = Field(min_length=12, max_length=1000)


class UserChange(Strict):
    role: UserRole | None = None
    active: Flag | None = None


class PasswordChange(Strict):
    password: str = Field(
        min_length=12,
        max_length=1000,
        description="At least 12 characters; not the username, not a common password.",
    )
    current_password: str | None = Field(
        default=None, max_length=1000, description="Needed to change your own password."
    )


class UserOut(BaseModel):
    id: str
    username: str
    role: str
    active: bool
    created_at: datetime
    lang: Lang | None = Field(
        description="The interface language the user chose (null: not chosen yet)."
    )


class LanguageIn(Strict):
    lang: Lang = Field(description="ja or en: the language of every page and web document.")


class TokenIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    expires_at: Instant | None = None


class TokenOut(BaseModel):
    id: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked: bool


class IssuedToken(BaseModel):
    id: str
    token: str = Field(description="Shown once; only its hash is stored.")


@router.get("/users", response_model=list[UserOut])
def list_users(actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.accounts.list_users(actor)


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def add_user(body: UserIn, actor: CurrentActor, found: Found) -> dict[str, Any]:
    actor.require(ADMINS)
    user_id = found.accounts.add_user(actor.org_id, body.username, body.role, body.password, actor)
    return found.accounts.get_user(actor, user_id)


@router.get("/users/me", response_model=UserOut)
def get_me(actor: CurrentActor, found: Found) -> dict[str, Any]:
    return found.accounts.get_user(actor, actor.user_id)


@router.put("/users/me/language", response_model=UserOut)
def set_language(body: LanguageIn, actor: CurrentActor, found: Found) -> dict[str, Any]:
    """Remember your interface language: the pages use it after you sign in, in any browser."""
    found.accounts.set_language(actor, body.lang)
    return found.accounts.get_user(actor, actor.user_id)


@router.get("/users/me/tokens", response_model=list[TokenOut])
def list_tokens(actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.accounts.list_tokens(actor)


@router.post("/users/me/tokens", status_code=status.HTTP_201_CREATED, response_model=IssuedToken)
def issue_token(body: TokenIn, actor: CurrentActor, found: Found) -> dict[str, str]:
    token_id, token = found.accounts.issue_token(actor, body.name, body.expires_at)
    return {"id": token_id, "token": token}


@router.delete("/users/me/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token_id: str, actor: CurrentActor, found: Found) -> None:
    found.accounts.revoke_token(actor, token_id)


@router.get("/users/{user_id}", response_model=UserOut)
def get_user(user_id: str, actor: CurrentActor, found: Found) -> dict[str, Any]:
    return found.accounts.get_user(actor, user_id)


@router.patch("/users/{user_id}", response_model=UserOut)
def change_user(
    user_id: str, body: UserChange, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.accounts.update_user(actor, user_id, body.role, body.active)


@router.put("/users/{user_id}/password", status_code=status.HTTP_204_NO_CONTENT)
def set_password(user_id: str, body: PasswordChange, actor: CurrentActor, found: Found) -> None:
    """Your own needs `current_password`; an admin may set a colleague's. Other sessions end."""
    found.accounts.set_password(actor, user_id, body.password, body.current_password)
