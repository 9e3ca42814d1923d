"""The tables of measures between decisions: supervision measures and provisional release,
their events, the reminders computed from them, and the calendar feeds that show reminders.

On the same declarative ``Base`` as ``store.tables``; every row carries ``org_id``. Reminders
hold dates and rule ids only, never names: the words shown come from the rules file.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from zairyu.store.tables import Base, CaseRecord, new_id, utc_now


class MeasureRecord(CaseRecord, Base):
    """Supervision measures or provisional release, as decided. ``version`` is the lock."""

    __tablename__ = "measures"

    kind: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[str | None] = mapped_column(String(64), default=None)
    decided_on: Mapped[date] = mapped_column()
    release_period_ends_on: Mapped[date | None] = mapped_column(default=None)
    conditions: Mapped[dict[str, Any]] = mapped_column()
    supervisor: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(100))


class MeasureEventRecord(CaseRecord, Base):
    """An event that starts or stops a clock of a measure. ``version`` is the lock."""

    __tablename__ = "measure_events"

    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column()
    refers_to: Mapped[str | None] = mapped_column(String(36), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(100))


class MeasureReminder(CaseRecord, Base):
    """A computed deadline kept as a reminder. ``key`` names the rule and the fact it starts
    from, so that a changed fact moves the reminder instead of adding one; a reminder whose
    fact is gone is ``withdrawn``, never deleted."""

    __tablename__ = "measure_reminders"
    __table_args__ = (UniqueConstraint("measure_id", "key"),)

    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    rule_id: Mapped[str] = mapped_column(String(80))
    event_id: Mapped[str | None] = mapped_column(String(36), default=None)
    start_fact: Mapped[str] = mapped_column(String(80))  # e.g. "event learned_illegal_work"
    start_on: Mapped[date] = mapped_column()  # the day the clock started
    due_on: Mapped[date] = mapped_column()
    moved_from: Mapped[date | None] = mapped_column(default=None)
    fulfilled_by: Mapped[str | None] = mapped_column(String(36), default=None)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_by: Mapped[str | None] = mapped_column(String(100), default=None)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


Index("ix_measure_reminders_org_due", MeasureReminder.org_id, MeasureReminder.due_on)


# The tables of records attached to a case, parents first (exported and imported with it).
CASE_TABLES: tuple[type[Base], ...] = (MeasureRecord, MeasureEventRecord, MeasureReminder)


class CalendarFeed(Base):
    """A user's iCalendar feed. Its secret URL is a bearer credential: only its SHA-256 is
    stored; the secret is shown once."""

    __tablename__ = "calendar_feeds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    personal_titles: Mapped[bool] = mapped_column(Boolean, default=False)
    lang: Mapped[str] = mapped_column(String(2), default="ja")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
