"""Organisations, users, passwords, API tokens and browser sessions.

Passwords are argon2 hashes. Tokens and session cookies are random; only their SHA-256 is
stored, so a copy of the database does not let anyone sign in. Repeated failed logins are
slowed, then the account is locked for a while.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.store import audit
from zairyu.store.access import ADMINS, Actor, InvalidRequestError, NotFoundError, UserRole
from zairyu.store.database import Database
from zairyu.store.tables import ApiToken, BrowserSession, Organisation, User, utc_now


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class LoginPolicy:
    """How failed logins are slowed and when an account locks."""

    max_failures: int = 5
    lock_minutes: int = 15
    delay_per_failure_s: float = 0.25
    max_delay_s: float = 2.0
    session_hours: int = 12

    def delay(self, failures: int) -> float:
        return min(self.max_delay_s, self.delay_per_failure_s * failures)


@dataclass(frozen=True)
class LoginResult:
    actor: Actor | None
    locked: bool = False
    failures: int = 0


def actor_for(user: User, remote: str | None = None) -> Actor:
    return Actor(user.id, user.username, user.org_id, UserRole(user.role), remote)


class Accounts:
    """Everything about who may sign in. Organisation-scoped calls take an ``Actor``."""

    def __init__(
        self,
        db: Database,
        hasher: PasswordHasher | None = None,
        policy: LoginPolicy | None = None,
    ) -> None:
        self.db = db
        self.hasher = hasher or PasswordHasher()
        self.policy = policy or LoginPolicy()

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
        with self.db.transaction() as s:
            if s.scalar(select(User).where(User.username == username)) is not None:
                raise InvalidRequestError(
                    [{"path": "username", "message": "this username is taken"}]
                )
            user = User(
                org_id=org_id,
                username=username,
                role=role.value,
                password_hash=self.hasher.hash(password) if password else None,
                active=True,
                failed_logins=0,
            )
            s.add(user)
            s.flush()
            audit.record(s, by, "create", "user", user.id, org_id=org_id, tracked=True)
            return user.id

    # --- signing in ---

    def login(self, username: str, password: str, remote: str | None) -> LoginResult:
        now = utc_now()
        with self.db.transaction() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None or not user.active or user.password_hash is None:
                self.hasher.hash(password)  # same cost whether or not the user exists
                return LoginResult(None)
            if user.locked_until is not None and user.locked_until > now:
                return LoginResult(None, locked=True, failures=user.failed_logins)
            try:
                self.hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                user.failed_logins += 1
                if user.failed_logins >= self.policy.max_failures:
                    user.locked_until = now + timedelta(minutes=self.policy.lock_minutes)
                audit.record(s, None, "login_failed", "user", user.id, org_id=user.org_id)
                return LoginResult(None, failures=user.failed_logins)
            user.failed_logins = 0
            user.locked_until = None
            actor = actor_for(user, remote)
            audit.record(s, actor, "login", "user", user.id)
            return LoginResult(actor)

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

    def session_actor(self, cookie: str, remote: str | None) -> tuple[Actor, str] | None:
        """The actor and CSRF token behind a session cookie, if it is live."""
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
            return actor_for(user, remote), session.csrf_token

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
        with self.db.reading() as s:
            row = s.execute(
                select(ApiToken, User)
                .join(User, User.id == ApiToken.user_id)
                .where(ApiToken.token_hash == digest(token))
            ).first()
            if row is None:
                return None
            api_token, user = row
            expired = api_token.expires_at is not None and api_token.expires_at <= utc_now()
            if api_token.revoked or expired or not user.active:
                return None
            return actor_for(user, remote)

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
            if role is not None:
                user.role = role.value
            if active is not None:
                user.active = active
            audit.record(s, actor, "update", "user", user_id, tracked=True)
            return user_view(user)

    def set_password(self, actor: Actor, user_id: str, password: str) -> None:
        if actor.user_id != user_id:
            actor.require(ADMINS)
        with self.db.transaction() as s:
            user = self._user(s, actor, user_id)
            user.password_hash = self.hasher.hash(password)
            user.failed_logins = 0
            user.locked_until = None
            audit.record(s, actor, "set_password", "user", user_id, tracked=True)


def user_view(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "active": user.active,
        "created_at": user.created_at,
    }


def _token_view(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.id,
        "name": token.name,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked": token.revoked,
    }
