"""The tables of the case store.

Every row that belongs to a case carries ``org_id``, so the data-access layer can refuse any row
of another organisation with one filter. People are recorded by username in ``*_by`` columns,
so history survives a user being deactivated and an export can be re-imported elsewhere.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    """A random, unguessable identifier."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


def storable_instant(value: datetime) -> datetime:
    """``value`` in UTC if a UTC column holds it; a ValueError naming the range if not.

    Both databases store years 1900 to 9000 safely, and a time at the edge of Python's range
    (0001-01-01 at +03:00) cannot even be turned into UTC.
    """
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise ValueError("must be between the years 1900 and 9000") from None
    if not 1900 <= utc.year <= 9000:
        raise ValueError("must be between the years 1900 and 9000")
    return utc


class UTCDateTime(TypeDecorator[datetime]):
    """A UTC instant, stored naive (SQLite keeps no zone) and always read back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        date: Date,
        dict[str, Any]: JSON,
    }


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class User(Base):
    """A person who signs in, known by a username that is unique in their organisation only.

    So an admin choosing a name learns nothing about other organisations, and signing in names
    the organisation too. ``lang`` is the interface language the user chose (None: not chosen,
    the browser's choice applies).
    """

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("org_id", "username", name="uq_users_org_id_username"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    username: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    lang: Mapped[str | None] = mapped_column(String(2), default=None)


class ApiToken(Base):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class BrowserSession(Base):
    """A signed-in browser. Only the SHA-256 of the cookie value is stored."""

    __tablename__ = "browser_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime] = mapped_column()


class Case(Base):
    """A family followed over time. ``version`` is the optimistic lock."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    reference: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="open")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(100))


class CaseVersion(Base):
    """One version of a case's household facts; never updated, never deleted."""

    __tablename__ = "case_versions"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    household: Mapped[dict[str, Any]] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100))


class CaseRecord:
    """Columns shared by every record attached to a case."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100))


class Event(CaseRecord, Base):
    """Something that happened: entry, status change, order, release, filing, interview..."""

    __tablename__ = "events"

    kind: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date] = mapped_column()
    person_ids: Mapped[list[str]] = mapped_column(JSON)
    details: Mapped[dict[str, Any]] = mapped_column()


class Evidence(CaseRecord, Base):
    """A document or other proof, tied to the facts or factors it proves."""

    __tablename__ = "evidence"

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    received_on: Mapped[date | None] = mapped_column(default=None)
    proves: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{person_id, fact}]
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class AssessmentRecord(CaseRecord, Base):
    """An assessment of one version of a case, kept with the policies that produced it."""

    __tablename__ = "assessments"

    case_version: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date] = mapped_column()
    policies: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{policy_id, policy_version}]
    result: Mapped[dict[str, Any]] = mapped_column()


class Decision(CaseRecord, Base):
    """A decision: a human act, recorded with who made it and when."""

    __tablename__ = "decisions"

    person_ids: Mapped[list[str]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(20))
    status_of_residence: Mapped[str | None] = mapped_column(String(100), default=None)
    period_months: Mapped[int | None] = mapped_column(Integer, default=None)
    reasons: Mapped[str | None] = mapped_column(Text, default=None)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_on: Mapped[date] = mapped_column()


class Reminder(CaseRecord, Base):
    """A date not to miss: a reporting date, a deadline."""

    __tablename__ = "reminders"

    kind: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date] = mapped_column()
    title: Mapped[str] = mapped_column(String(300))
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """One append-only line of the audit trail, chained to the one before by an HMAC."""

    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column()
    org_id: Mapped[str | None] = mapped_column(String(36), index=True)
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    remote: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[str | None] = mapped_column(String(300))
    case_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    # HMAC of the record as this change left it ("deleted" if it removed it); None for reads.
    state: Mapped[str | None] = mapped_column(String(64), default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row naming the last entry; updating it serialises appends."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class SignInThrottle(Base):
    """Failed sign-ins counted per (username, address) pair and per address.

    ``key`` is an HMAC of what is counted, so neither usernames nor addresses are stored; a
    name that exists and one that does not are counted alike.
    """

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_started_at: Mapped[datetime] = mapped_column()


Index("ix_audit_entity", AuditEntry.entity, AuditEntry.entity_id)
