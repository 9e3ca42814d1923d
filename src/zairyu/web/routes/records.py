"""Events, evidence, decisions and reminders of a case."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, Field, model_validator

from zairyu import clock
from zairyu.model.strict import StrictRequest as Strict
from zairyu.services.records import add_record
from zairyu.store.access import Actor, InvalidRequestError
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE, REMINDERS, RecordKind
from zairyu.web.fields import Flag, IsoDate
from zairyu.web.security import CurrentActor, Found

router = APIRouter()


class EventKind(StrEnum):
    entry = "entry"  # 入国
    status_change = "status_change"  # 在留資格の変更・喪失
    deportation_order = "deportation_order"  # 退去強制令書の発付
    provisional_release = "provisional_release"  # 仮放免
    supervision = "supervision"  # 監理措置
    detention = "detention"  # 収容
    application_filed = "application_filed"  # 在留特別許可の申請
    interview = "interview"  # 面接・聴取
    decision = "decision"  # 処分の告知
    other = "other"


class EventDetails(Strict):
    description: str | None = Field(default=None, max_length=5000)
    conditions: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Conditions of provisional release or supervision (reporting, residence...).",
    )
    status_of_residence: str | None = Field(default=None, max_length=100)


class EventIn(Strict):
    kind: EventKind
    occurred_on: IsoDate
    person_ids: list[str] = Field(
        default_factory=list, max_length=50, description="Ids of members of the case's household."
    )
    details: EventDetails = Field(default_factory=EventDetails)


class EventOut(BaseModel):
    id: str
    case_id: str
    kind: str
    occurred_on: date
    person_ids: list[str]
    details: dict[str, Any]
    created_at: datetime
    created_by: str


class EvidenceKind(StrEnum):
    document = "document"
    certificate = "certificate"
    photo = "photo"
    statement = "statement"
    other = "other"


class Proof(Strict):
    person_id: str | None = Field(
        default=None, max_length=64, description="A member of the case's household."
    )
    fact: str = Field(
        min_length=1,
        max_length=200,
        description="The fact proven: a household field of the fact registry (`date_of_birth`, "
        "`school.enrolments`), a person-table column, or a condition id.",
    )


class EvidenceIn(Strict):
    title: str = Field(min_length=1, max_length=300)
    kind: EvidenceKind
    received_on: IsoDate | None = None
    proves: list[Proof] = Field(default_factory=list, max_length=100)
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    note: str | None = Field(default=None, max_length=5000)


class EvidenceOut(BaseModel):
    id: str
    case_id: str
    title: str
    kind: str
    received_on: date | None
    proves: list[dict[str, Any]]
    sha256: str | None
    note: str | None
    created_at: datetime
    created_by: str


class DecisionIn(Strict):
    """A decision is a human act: who decided, when, and what."""

    outcome: Literal["granted", "refused"]
    person_ids: list[str] = Field(
        min_length=1, max_length=50, description="Ids of members of the case's household."
    )
    status_of_residence: str | None = Field(default=None, max_length=100)
    period_months: int | None = Field(default=None, ge=1, le=120)
    reasons: str | None = Field(default=None, max_length=10000)
    decided_by: str = Field(min_length=1, max_length=200, description="The authority or official.")
    decided_on: IsoDate = Field(description="The day it was decided: today or earlier.")

    @model_validator(mode="after")
    def _fields_for_outcome(self) -> DecisionIn:
        if self.outcome == "granted" and (
            self.status_of_residence is None or self.period_months is None
        ):
            raise ValueError("a grant needs status_of_residence and period_months")
        if self.outcome == "refused" and not self.reasons:
            raise ValueError("a refusal needs reasons")
        return self


class DecisionOut(BaseModel):
    id: str
    case_id: str
    outcome: str
    person_ids: list[str]
    status_of_residence: str | None
    period_months: int | None
    reasons: str | None
    decided_by: str
    decided_on: date
    created_at: datetime
    created_by: str


class ReminderKind(StrEnum):
    reporting = "reporting"  # 出頭日
    deadline = "deadline"
    other = "other"


class ReminderIn(Strict):
    kind: ReminderKind
    due_on: IsoDate
    title: str = Field(min_length=1, max_length=300)


class ReminderChange(Strict):
    done: Flag


class ReminderOut(BaseModel):
    id: str
    case_id: str
    kind: str
    due_on: date
    title: str
    done: bool
    created_at: datetime
    created_by: str


def _added(
    found: Found, actor: Actor, kind: RecordKind, case_id: str, fields: dict[str, Any]
) -> dict[str, Any]:
    """The record stored after the checks of ``services.records`` (today read once, here);
    their problems named by the path of the request's field."""
    try:
        return add_record(found.records, actor, kind, case_id, fields, clock.today())
    except InvalidRequestError as error:
        problems = [p | {"path": f"body.{p['path']}"} for p in error.problems]
        raise InvalidRequestError(problems) from None


@router.post(
    "/cases/{case_id}/events",
    tags=["events"],
    status_code=status.HTTP_201_CREATED,
    response_model=EventOut,
)
def add_event(case_id: str, body: EventIn, actor: CurrentActor, found: Found) -> dict[str, Any]:
    fields = body.model_dump(mode="json") | {"occurred_on": body.occurred_on}
    return _added(found, actor, EVENTS, case_id, fields)


@router.get("/cases/{case_id}/events", tags=["events"], response_model=list[EventOut])
def list_events(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.records.list(actor, EVENTS, case_id)


@router.get("/cases/{case_id}/events/{event_id}", tags=["events"], response_model=EventOut)
def get_event(case_id: str, event_id: str, actor: CurrentActor, found: Found) -> dict[str, Any]:
    return found.records.get(actor, EVENTS, case_id, event_id)


@router.post(
    "/cases/{case_id}/evidence",
    tags=["evidence"],
    status_code=status.HTTP_201_CREATED,
    response_model=EvidenceOut,
)
def add_evidence(
    case_id: str, body: EvidenceIn, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    fields = body.model_dump(mode="json") | {"received_on": body.received_on}
    return _added(found, actor, EVIDENCE, case_id, fields)


@router.get("/cases/{case_id}/evidence", tags=["evidence"], response_model=list[EvidenceOut])
def list_evidence(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.records.list(actor, EVIDENCE, case_id)


@router.get(
    "/cases/{case_id}/evidence/{evidence_id}", tags=["evidence"], response_model=EvidenceOut
)
def get_evidence(
    case_id: str, evidence_id: str, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.get(actor, EVIDENCE, case_id, evidence_id)


@router.post(
    "/cases/{case_id}/decisions",
    tags=["decisions"],
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionOut,
)
def add_decision(
    case_id: str, body: DecisionIn, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return _added(found, actor, DECISIONS, case_id, body.model_dump())


@router.get("/cases/{case_id}/decisions", tags=["decisions"], response_model=list[DecisionOut])
def list_decisions(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.records.list(actor, DECISIONS, case_id)


@router.get(
    "/cases/{case_id}/decisions/{decision_id}", tags=["decisions"], response_model=DecisionOut
)
def get_decision(
    case_id: str, decision_id: str, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.get(actor, DECISIONS, case_id, decision_id)


@router.post(
    "/cases/{case_id}/reminders",
    tags=["reminders"],
    status_code=status.HTTP_201_CREATED,
    response_model=ReminderOut,
)
def add_reminder(
    case_id: str, body: ReminderIn, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.add(actor, REMINDERS, case_id, body.model_dump() | {"done": False})


@router.get("/cases/{case_id}/reminders", tags=["reminders"], response_model=list[ReminderOut])
def list_reminders(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.records.list(actor, REMINDERS, case_id)


@router.get(
    "/cases/{case_id}/reminders/{reminder_id}", tags=["reminders"], response_model=ReminderOut
)
def get_reminder(
    case_id: str, reminder_id: str, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.get(actor, REMINDERS, case_id, reminder_id)


@router.patch(
    "/cases/{case_id}/reminders/{reminder_id}", tags=["reminders"], response_model=ReminderOut
)
def change_reminder(
    case_id: str, reminder_id: str, body: ReminderChange, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.change(actor, REMINDERS, case_id, reminder_id, {"done": body.done})
