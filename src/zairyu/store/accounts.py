"""Organisations, users, passwords, API tokens and browser sessions.

Passwords are argon2 hashes, computed outside any transaction. Tokens and session cookies are
random; only their SHA-256 is stored, so a copy of the database does not let anyone sign in.
A token is checked with one Core ``select`` on its hash (no ORM objects), and a live one is
then trusted for a few seconds without a lookup (``token_cache``: a revocation through this
``Accounts`` is immediate, one made elsewhere takes effect within the cache's lifetime, 5 s by
default).
Signing in (counting, throttling, checking) is ``signin``; weak passwords are ``passwords``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zairyu.i18n import LANGS, Lang
from zairyu.store import audit
from zairyu.store.access import (
    ADMINS,
    Actor,
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    UserRole,
)
from zairyu.store.database import Database
from zairyu.store.passwords import weakness
from zairyu.store.signin import LoginPolicy, SignIn
from zairyu.store.tables import ApiToken, BrowserSession, Organisation, User, utc_now
from zairyu.store.token_cache import TOKEN_CACHE_SECONDS, LiveToken, TokenCache

__all__ = ["Accounts", "LiveSession", "LoginPolicy", "LoginResult", "actor_for", "digest"]


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class LiveSession(NamedTuple):
    actor: Actor
    csrf: str
    lang: Lang | None  # the language the user chose, if they did


@dataclass(frozen=True)
class LoginResult:
    actor: Actor | None
    locked: bool = False
    failures: int = 0


def actor_for(user: User, remote: str | None = None, credential: str | None = None) -> Actor:
    return Actor(user.id, user.username, user.org_id, UserRole(user.role), remote, credential)


def _taken() -> InvalidRequestError:
    """A name already used in the same organisation (other organisations are never looked at)."""
    return InvalidRequestError(
        [{"path": "username", "message": "this username is taken in your organisation"}]
    )


def _named(org_id: str, username: str) -> Select[User]:
    return select(User).where(User.org_id == org_id, User.username == username)


_TOKENS, _USERS = ApiToken.__table__.c, User.__table__.c
# Core, on the tables' columns: no ORM object is built for a request's token check.
_TOKEN_LOOKUP = (
    select(
        _TOKENS.id,
        _TOKENS.expires_at,
        _TOKENS.revoked,
        _USERS.id,
        _USERS.username,
        _USERS.org_id,
        _USERS.role,
        _USERS.active,
    )
    .join_from(ApiToken.__table__, User.__table__, _USERS.id == _TOKENS.user_id)
    .where(_TOKENS.token_hash == bindparam("token_hash"))
)


def _check_password(password: str, username: str) -> None:
    why = weakness(password, username)
    if why is not None:
        raise InvalidRequestError([{"path": "password", "message": f"the password {why}"}])


class Accounts:
    """Everything about who may sign in. Organisation-scoped calls take an ``Actor``."""

    def __init__(
        self,
        db: Database,
        hasher: PasswordHasher | None = None,
        policy: LoginPolicy | None = None,
        tokens: TokenCache | None = None,
    ) -> None:
        self.db = db
        self.hasher = hasher or PasswordHasher()
        self.policy = policy or LoginPolicy()
        self.signin = SignIn(db, self.hasher, self.policy)
        self.tokens = tokens if tokens is not None else TokenCache(TOKEN_CACHE_SECONDS)

    # --- set-up (command line) ---

    def add_org(self, name: str) -> str:
        with self.db.transaction() as s:
            if s.scalar(select(Organisation).where(Organisation.name == name)) is not None:
                raise InvalidRequestError(
                    [{"path": "name", "message": f"organisation {name!r} exists"}]
                )
            org = Organisation(name=name)
            s.add(org)
            s.flush()
            audit.record(s, None, "create", "organisation", org.id, org_id=org.id, tracked=True)
            return org.id

    def org_id(self, name: str) -> str:
        with self.db.transaction() as s:
            org = s.scalar(select(Organisation).where(Organisation.name == name))
            if org is None:
                raise NotFoundError("organisation")
            return org.id

    def add_user(
        self,
        org_id: str,
        username: str,
        role: UserRole,
        password: str | None,
        by: Actor | None = None,
    ) -> str:
        if password is not None:
            _check_password(password, username)
        hashed = self.hasher.hash(password) if password else None  # before the lock is taken
        try:
            with self.db.transaction() as s:
                if s.scalar(_named(org_id, username)) is not None:
                    raise _taken()
                user = User(
                    org_id=org_id,
                    username=username,
                    role=role.value,
                    password_hash=hashed,
                    active=True,
                    failed_logins=0,
                )
                s.add(user)
                s.flush()
                audit.record(s, by, "create", "user", user.id, org_id=org_id, tracked=True)
                return user.id
        except IntegrityError:
            with self.db.reading() as s:  # the same name, added at the same moment?
                if s.scalar(_named(org_id, username)) is not None:
                    raise _taken() from None
            raise

    # --- signing in ---

    def login(
        self, organisation: str, username: str, password: str, remote: str | None
    ) -> LoginResult:
        """Sign in as ``username`` of the organisation named ``organisation``."""
        attempt = self.signin.login(organisation, username, password, remote)
        return LoginResult(attempt.user, locked=attempt.throttled, failures=attempt.failures)

    def find_user(self, organisation: str, username: str) -> Actor:
        """The user of that name in that organisation (for commands run by the operator)."""
        with self.db.reading() as s:
            user = s.scalar(
                select(User)
                .join(Organisation, Organisation.id == User.org_id)
                .where(Organisation.name == organisation, User.username == username)
            )
            if user is None:
                raise NotFoundError("user")
            return actor_for(user)

    def open_session(self, actor: Actor) -> tuple[str, str]:
        """Returns the cookie value and the CSRF token of a new browser session."""
        cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.db.transaction() as s:
            row = BrowserSession(
                user_id=actor.user_id,
                token_hash=digest(cookie),
                csrf_token=csrf,
                expires_at=utc_now() + timedelta(hours=self.policy.session_hours),
            )
            s.add(row)
            s.flush()
            audit.record(s, actor, "open", "session", row.id, tracked=True)
        return cookie, csrf

    def session_actor(self, cookie: str, remote: str | None) -> LiveSession | None:
        """The actor, CSRF token and chosen language behind a session cookie, if it is live."""
        with self.db.reading() as s:
            row = s.execute(
                select(BrowserSession, User)
                .join(User, User.id == BrowserSession.user_id)
                .where(BrowserSession.token_hash == digest(cookie))
            ).first()
            if row is None:
                return None
            session, user = row
            if session.expires_at <= utc_now() or not user.active:
                return None
            actor = actor_for(user, remote, f"session:{session.id}")
            return LiveSession(actor, session.csrf_token, _lang(user.lang))

    def close_session(self, cookie: str) -> None:
        with self.db.transaction() as s:
            row = s.scalar(
                select(BrowserSession).where(BrowserSession.token_hash == digest(cookie))
            )
            if row is not None:
                s.delete(row)
                s.flush()
                user = s.get(User, row.user_id)
                actor = actor_for(user) if user is not None else None
                audit.record(s, actor, "close", "session", row.id, tracked=True)

    # --- API tokens ---

    def issue_token(
        self, actor: Actor, name: str, expires_at: datetime | None = None
    ) -> tuple[str, str]:
        """Returns the token id and the token itself, which is never stored."""
        token = "zt_" + secrets.token_urlsafe(32)
        with self.db.transaction() as s:
            row = ApiToken(
                user_id=actor.user_id,
                name=name,
                token_hash=digest(token),
                expires_at=expires_at,
                revoked=False,
            )
            s.add(row)
            s.flush()
            audit.record(s, actor, "create", "api_token", row.id, tracked=True)
            return row.id, token

    def token_actor(self, token: str, remote: str | None) -> Actor | None:
        """Who a personal API token acts for, if it is live (not revoked, not expired, its user
        active): from the token cache, or else one Core ``select`` on the token's hash."""
        token_hash = digest(token)
        live = self.tokens.get(token_hash)
        if live is None:
            generation = self.tokens.generation()
            live = self._look_up_token(token_hash)
            if live is None:
                return None
            self.tokens.put(token_hash, live, generation)
        if live.expires_at is not None and live.expires_at <= utc_now():
            return None
        role = UserRole(live.role)
        return Actor(
            live.user_id, live.username, live.org_id, role, remote, f"token:{live.token_id}"
        )

    def _look_up_token(self, token_hash: str) -> LiveToken | None:
        with self.db.reading_rows() as connection:
            row = connection.execute(_TOKEN_LOOKUP, {"token_hash": token_hash}).first()
        if row is None:
            return None
        token_id, expires_at, revoked, user_id, username, org_id, role, active = row
        if revoked or not active:
            return None
        return LiveToken(token_id, user_id, username, org_id, role, expires_at)

    def list_tokens(self, actor: Actor) -> list[dict[str, object]]:
        with self.db.transaction() as s:
            rows = s.scalars(select(ApiToken).where(ApiToken.user_id == actor.user_id))
            return [_token_view(t) for t in rows]

    def revoke_token(self, actor: Actor, token_id: str) -> None:
        with self.db.transaction() as s:
            row = s.scalar(
                select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == actor.user_id)
            )
            if row is None:
                raise NotFoundError("token")
            row.revoked = True
            audit.record(s, actor, "revoke", "api_token", row.id, tracked=True)
        self.tokens.forget_user(actor.user_id)

    # --- users of the actor's organisation ---

    def _user(self, s: Session, actor: Actor, user_id: str) -> User:
        user = s.scalar(select(User).where(User.id == user_id, User.org_id == actor.org_id))
        if user is None:
            raise NotFoundError("user")
        return user

    def list_users(self, actor: Actor) -> list[dict[str, object]]:
        with self.db.transaction() as s:
            rows = s.scalars(
                select(User).where(User.org_id == actor.org_id).order_by(User.username)
            )
            views = [user_view(u) for u in rows]
            audit.record(s, actor, "list", "user", None)
            return views

    def set_language(self, actor: Actor, lang: str) -> None:
        """Remember the interface language the actor chose (every page and document after)."""
        if lang not in LANGS:
            raise InvalidRequestError([{"path": "lang", "message": "must be 'ja' or 'en'"}])
        with self.db.transaction() as s:
            user = self._user(s, actor, actor.user_id)
            user.lang = lang
            audit.record(s, actor, "set_language", "user", user.id, detail=lang, tracked=True)

    def get_user(self, actor: Actor, user_id: str) -> dict[str, object]:
        with self.db.transaction() as s:
            view = user_view(self._user(s, actor, user_id))
            audit.record(s, actor, "read", "user", user_id)
            return view

    def update_user(
        self, actor: Actor, user_id: str, role: UserRole | None, active: bool | None
    ) -> dict[str, object]:
        actor.require(ADMINS)
        with self.db.transaction() as s:
            user = self._user(s, actor, user_id)
            losing_admin = user.role == UserRole.admin.value and user.active
            if losing_admin and ((role is not None and role != UserRole.admin) or active is False):
                _keep_an_admin(s, user)
            if role is not None:
                user.role = role.value
            if active is not None:
                user.active = active
            audit.record(s, actor, "update", "user", user_id, tracked=True)
            view = user_view(user)
        self.tokens.forget_user(user_id)  # its tokens act with the role and state it has now
        return view

    def set_password(
        self, actor: Actor, user_id: str, password: str, current: str | None = None
    ) -> None:
        """Change a password: one's own with the current one, or another's as an admin.

        Every other session and token of the user ends (the caller's own stays).
        """
        if actor.user_id != user_id:
            actor.require(ADMINS)
        with self.db.reading() as s:
            user = self._user(s, actor, user_id)
            username, stored = user.username, user.password_hash
        if actor.user_id == user_id and not self._matches(stored, current or ""):
            raise InvalidRequestError(
                [{"path": "current_password", "message": "is missing or wrong"}]
            )
        _check_password(password, username)
        hashed = self.hasher.hash(password)  # outside the transaction
        with self.db.transaction() as s:
            user = self._user(s, actor, user_id)
            user.password_hash = hashed
            user.failed_logins = 0
            audit.record(s, actor, "set_password", "user", user_id, tracked=True)
            _end_other_credentials(s, actor, user_id)
        self.tokens.forget_user(user_id)

    def _matches(self, stored: str | None, password: str) -> bool:
        try:
            return stored is not None and self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


def _keep_an_admin(s: Session, user: User) -> None:
    """Refuse to leave an organisation without an active admin."""
    others = s.scalars(
        select(User.id)
        .where(
            User.org_id == user.org_id,
            User.id != user.id,
            User.role == UserRole.admin.value,
            User.active.is_(True),
        )
        .with_for_update()
    ).all()
    if not others:
        raise ForbiddenError(
            "the organisation's only admin cannot be demoted or deactivated: "
            "make another user admin first"
        )


def _end_other_credentials(s: Session, actor: Actor, user_id: str) -> None:
    kept = actor.credential if actor.user_id == user_id else None
    sessions = select(BrowserSession.id).where(BrowserSession.user_id == user_id)
    tokens = select(ApiToken.id).where(ApiToken.user_id == user_id, ApiToken.revoked.is_(False))
    if kept and kept.startswith("session:"):
        sessions = sessions.where(BrowserSession.id != kept.removeprefix("session:"))
    if kept and kept.startswith("token:"):
        tokens = tokens.where(ApiToken.id != kept.removeprefix("token:"))
    for session_id in s.scalars(sessions).all():
        s.execute(delete(BrowserSession).where(BrowserSession.id == session_id))
        audit.record(s, actor, "close", "session", session_id, tracked=True)
    for token_id in s.scalars(tokens).all():
        s.execute(update(ApiToken).where(ApiToken.id == token_id).values(revoked=True))
        audit.record(s, actor, "revoke", "api_token", token_id, tracked=True)


def user_view(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "active": user.active,
        "created_at": user.created_at,
        "lang": _lang(user.lang),
    }


def _lang(stored: str | None) -> Lang | None:
    return next((lang for lang in LANGS if lang == stored), None)


def _token_view(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.id,
        "name": token.name,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked": token.revoked,
    }
