"""Signing in without leaking who has an account, and without letting anyone lock a user out.

A user is named by organisation and username (usernames are unique per organisation only).
Each attempt is counted first, atomically (an upsert that returns the new count), for the pair
(organisation and username as typed, address) and for the address alone; the password is
checked only if neither count is over its limit, so 40 parallel guesses are all counted and at
most ``max_failures`` of them are checked. A pair over its limit is refused (429) until its
window ends; the owner signing in from another address is not affected. Counts are kept under
an HMAC of the names and address, and a name that exists is counted exactly like one that does
not, in an organisation that exists or not: one query looks up both, and both miss alike.

The three steps are separate so that the password hash is checked outside any transaction:
``begin`` (count, read the stored hash), ``check`` (argon2, no database), ``finish`` (record).
For an unknown organisation or name, an inactive user or a user without password, ``check``
verifies against a dummy hash, so the answer takes as long as for a real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Table, case, delete, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from zairyu.store import audit
from zairyu.store.access import Actor, UserRole
from zairyu.store.audit_key import sign
from zairyu.store.database import Database
from zairyu.store.tables import Organisation, SignInThrottle, User, UTCDateTime, utc_now


@dataclass(frozen=True)
class LoginPolicy:
    """How failed sign-ins are slowed and when they are refused."""

    max_failures: int = 5  # per (username, address) in a window
    max_failures_per_address: int = 50  # per address, whatever the names, in a window
    window_minutes: int = 15
    delay_per_failure_s: float = 0.25
    max_delay_s: float = 2.0
    session_hours: int = 12

    def delay(self, failures: int) -> float:
        return min(self.max_delay_s, self.delay_per_failure_s * failures)


@dataclass(frozen=True)
class Attempt:
    organisation: str
    username: str
    remote: str | None
    failures: int  # of the pair, this attempt included
    throttled: bool
    user: Actor | None = None  # None for an unknown, inactive or password-less user
    password_hash: str | None = None


def _throttle_keys(
    key: bytes, organisation: str, username: str, remote: str | None
) -> tuple[str, str]:
    address = remote or "-"
    who = f"{organisation.casefold()}\n{username.casefold()}"
    return (
        sign(key, f"sign-in pair\n{who}\n{address}"),
        sign(key, f"sign-in address\n{address}"),
    )


def _count(s: Session, key: str, now: datetime, window: timedelta) -> int:
    """Add one to the count under ``key`` (restarting an expired window); the new count."""
    table: Table = SignInThrottle.__table__  # type: ignore[assignment]
    insert = postgresql_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    expired = table.c.window_started_at < literal(now - window, UTCDateTime())
    statement = (
        insert(table)
        .values(key=key, failures=1, window_started_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((expired, 1), else_=table.c.failures + 1),
                "window_started_at": case(
                    (expired, literal(now, UTCDateTime())), else_=table.c.window_started_at
                ),
            },
        )
        .returning(table.c.failures)
    )
    count: int = s.execute(statement).scalar_one()
    return count


class SignIn:
    def __init__(self, db: Database, hasher: PasswordHasher, policy: LoginPolicy) -> None:
        self.db, self.hasher, self.policy = db, hasher, policy

    @cached_property
    def dummy_hash(self) -> str:
        return self.hasher.hash("a password nobody has: for names that do not exist")

    def begin(self, organisation: str, username: str, remote: str | None) -> Attempt:
        now, window = utc_now(), timedelta(minutes=self.policy.window_minutes)
        pair_key, address_key = _throttle_keys(self.db.audit_key(), organisation, username, remote)
        with self.db.transaction() as s:
            pair = _count(s, pair_key, now, window)
            address = _count(s, address_key, now, window)
            user = s.scalar(
                select(User)
                .join(Organisation, Organisation.id == User.org_id)
                .where(Organisation.name == organisation, User.username == username)
            )
            throttled = (
                pair > self.policy.max_failures or address > self.policy.max_failures_per_address
            )
            if throttled:
                _refused(s, user, remote, "throttled")
                return Attempt(organisation, username, remote, pair, True)
            if user is None or not user.active or user.password_hash is None:
                return Attempt(organisation, username, remote, pair, False)
            actor = Actor(user.id, user.username, user.org_id, UserRole(user.role), remote)
            return Attempt(organisation, username, remote, pair, False, actor, user.password_hash)

    def check(self, attempt: Attempt, password: str) -> bool:
        """Argon2, outside any transaction; as slow for an unknown name as for a real one."""
        try:
            self.hasher.verify(attempt.password_hash or self.dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        return attempt.user is not None

    def finish(self, attempt: Attempt, correct: bool) -> Actor | None:
        pair_key, address_key = _throttle_keys(
            self.db.audit_key(), attempt.organisation, attempt.username, attempt.remote
        )
        with self.db.transaction() as s:
            user = s.get(User, attempt.user.user_id) if attempt.user is not None else None
            if not correct or user is None or not user.active:
                _refused(s, user, attempt.remote, "wrong password or unknown name")
                return None
            s.execute(delete(SignInThrottle).where(SignInThrottle.key == pair_key))
            s.execute(
                update(SignInThrottle)
                .where(SignInThrottle.key == address_key, SignInThrottle.failures > 0)
                .values(failures=SignInThrottle.failures - 1)
            )
            user.failed_logins = 0
            actor = Actor(user.id, user.username, user.org_id, UserRole(user.role), attempt.remote)
            audit.record(s, actor, "login", "user", user.id)
            return actor

    def login(self, organisation: str, username: str, password: str, remote: str | None) -> Attempt:
        """All three steps, for callers that are not serving requests (commands, tests)."""
        attempt = self.begin(organisation, username, remote)
        if attempt.throttled:
            return attempt
        actor = self.finish(attempt, self.check(attempt, password))
        return Attempt(organisation, username, remote, attempt.failures, False, actor)


def _refused(s: Session, user: User | None, remote: str | None, why: str) -> None:
    """A refused sign-in: counted on the user atomically, audited without the name typed."""
    if user is not None:
        s.execute(
            update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1)
        )
    audit.record(
        s,
        None,
        "sign_in_refused",
        "user",
        user.id if user is not None else None,
        org_id=user.org_id if user is not None else None,
        remote=remote,
        detail=why,
    )
