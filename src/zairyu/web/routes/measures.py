"""Measures between decisions (supervision measures, provisional release), their events and
the deadlines computed from them; the organisation's due list and calendar feeds are in
``reminders`` and included here, so the app includes one router.

``today`` is a query parameter (``YYYY-MM-DD`` or ``today``), resolved once per request by
``zairyu.clock``. zairyu sends nothing anywhere: these endpoints only show what is due.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, status
from pydantic import Field

from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import EventKind
from zairyu.deadlines.service import MeasureService
from zairyu.model.strict import StrictRequest as Strict
from zairyu.store.measures import EventFields, Measures
from zairyu.web.routes import reminders
from zairyu.web.routes.reminders import Today
from zairyu.web.security import CurrentActor, Found
from zairyu.web.services import Services

router = APIRouter()
router.include_router(reminders.router)
TAGS: list[str | Any] = ["measures"]


def service(found: Services) -> MeasureService:
    return MeasureService(Measures(found.db))


class MeasureChange(Strict):
    version: int = Field(ge=1, description="The version read; a stale one is refused (409).")
    measure: Measure


class MeasureEventIn(Strict):
    kind: EventKind
    day: date = Field(description="The day it happened, was learned of, or is planned.")
    refers_to: str | None = Field(
        default=None, max_length=64, description="The event a notice or a permission answers."
    )
    note: str | None = Field(default=None, max_length=2000)

    def fields(self) -> EventFields:
        return EventFields(self.kind, self.day, self.refers_to, self.note)


class MeasureEventChange(MeasureEventIn):
    version: int = Field(ge=1, description="The version read; a stale one is refused (409).")


class DeadlineMark(Strict):
    done: bool


@router.post("/cases/{case_id}/measures", tags=TAGS, status_code=status.HTTP_201_CREATED)
def create_measure(
    case_id: str, body: Measure, actor: CurrentActor, found: Found, today: Today
) -> dict[str, Any]:
    return service(found).create(actor, case_id, body, today)


@router.get("/cases/{case_id}/measures", tags=TAGS)
def list_measures(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return Measures(found.db).list(actor, case_id)


@router.get("/cases/{case_id}/measures/{measure_id}", tags=TAGS)
def get_measure(
    case_id: str, measure_id: str, actor: CurrentActor, found: Found, today: Today
) -> dict[str, Any]:
    return service(found).get(actor, case_id, measure_id, today)


@router.patch("/cases/{case_id}/measures/{measure_id}", tags=TAGS)
def change_measure(
    case_id: str,
    measure_id: str,
    body: MeasureChange,
    actor: CurrentActor,
    found: Found,
    today: Today,
) -> dict[str, Any]:
    return service(found).change(actor, case_id, measure_id, body.version, body.measure, today)


@router.post(
    "/cases/{case_id}/measures/{measure_id}/events",
    tags=TAGS,
    status_code=status.HTTP_201_CREATED,
)
def add_measure_event(
    case_id: str, measure_id: str, body: MeasureEventIn, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return service(found).add_event(actor, case_id, measure_id, body.fields())


@router.get("/cases/{case_id}/measures/{measure_id}/events", tags=TAGS)
def list_measure_events(
    case_id: str, measure_id: str, actor: CurrentActor, found: Found
) -> list[dict[str, Any]]:
    return Measures(found.db).events(actor, case_id, measure_id)


@router.get("/cases/{case_id}/measures/{measure_id}/events/{measure_event_id}", tags=TAGS)
def get_measure_event(
    case_id: str, measure_id: str, measure_event_id: str, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return Measures(found.db).get_event(actor, case_id, measure_id, measure_event_id)


@router.patch("/cases/{case_id}/measures/{measure_id}/events/{measure_event_id}", tags=TAGS)
def change_measure_event(
    case_id: str,
    measure_id: str,
    measure_event_id: str,
    body: MeasureEventChange,
    actor: CurrentActor,
    found: Found,
) -> dict[str, Any]:
    """Change an event; ``version`` is the one read (409 with the current event if stale)."""
    return service(found).change_event(
        actor, case_id, measure_id, measure_event_id, body.version, body.fields()
    )


@router.get("/cases/{case_id}/measures/{measure_id}/deadlines", tags=TAGS)
def list_deadlines(
    case_id: str, measure_id: str, actor: CurrentActor, found: Found, today: Today
) -> list[dict[str, Any]]:
    return service(found).deadlines(actor, case_id, measure_id, today)


@router.patch("/cases/{case_id}/measures/{measure_id}/deadlines/{deadline_id}", tags=TAGS)
def mark_deadline(
    case_id: str,
    measure_id: str,
    deadline_id: str,
    body: DeadlineMark,
    actor: CurrentActor,
    found: Found,
    today: Today,
) -> dict[str, Any]:
    return service(found).mark(actor, case_id, measure_id, deadline_id, body.done, today)
