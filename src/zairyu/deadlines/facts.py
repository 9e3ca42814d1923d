"""A measure's facts and its events, as the deadline engine reads them (validated, with
errors that name the field)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from zairyu.deadlines.kinds import EventKind, MeasureKind
from zairyu.model.strict import Strict

Short = Annotated[str, Field(min_length=1, max_length=300)]


class Supervisor(Strict):
    """The supervisor (監理人) and how to reach them."""

    name: Short
    contact: Annotated[str, Field(max_length=300)] | None = None
    organisation_staff: bool = Field(
        default=False, description="The supervisor is a member of this organisation's staff."
    )


class WorkPermission(Strict):
    """Permission for paid work under supervision (報酬を受ける活動の許可)."""

    employer: Short
    limit: Annotated[str, Field(max_length=300)] | None = Field(
        default=None, description="The limit as the permission states it (e.g. a monthly cap)."
    )


class Conditions(Strict):
    """The conditions printed on the decision notice."""

    designated_residence: Annotated[str, Field(max_length=300)] | None = None
    movement_area: Annotated[str, Field(max_length=300)] | None = None
    duty_to_appear: bool | None = None
    deposit_yen: Annotated[int, Field(ge=0, le=100_000_000)] | None = None
    deposit_due_on: date | None = None
    work: WorkPermission | None = None
    other: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default=[], max_length=50
    )


class Measure(Strict):
    """Supervision measures or provisional release, as decided."""

    kind: MeasureKind
    decided_on: date
    person_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    conditions: Conditions = Conditions()
    supervisor: Supervisor | None = None
    release_period_ends_on: date | None = None

    @model_validator(mode="after")
    def _facts_of_the_kind(self) -> Measure:
        if self.kind.is_supervision:
            if self.release_period_ends_on is not None:
                raise ValueError(
                    "release_period_ends_on is a fact of provisional release, not of supervision"
                )
            return self
        if self.supervisor is not None:
            raise ValueError("a provisional release has a guarantor, not a supervisor")
        if self.conditions.work is not None:
            raise ValueError("provisional release permits no work (policy-facts 3.7)")
        if self.conditions.deposit_due_on is not None:
            raise ValueError(
                "conditions.deposit_due_on is a fact of supervision; a provisional-release "
                "deposit is paid before release"
            )
        return self


class MeasureEvent(Strict):
    """An event that starts or stops a clock: ``day`` is when it happened (or is planned)."""

    id: Annotated[str, Field(min_length=1, max_length=64)]
    kind: EventKind
    day: date
    refers_to: Annotated[str, Field(max_length=64)] | None = Field(
        default=None, description="The event this one answers (a notice, a permission)."
    )
    note: Annotated[str, Field(max_length=2000)] | None = None
