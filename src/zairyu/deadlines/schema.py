"""The shape of the deadline rules file (YAML), checked when it is loaded.

A rule says what must be done, by whom, by when (a start and an offset), what happens when the
day falls on an administrative holiday, what event fulfils it, and where the law says so.
Texts and citations are those of the policy files (``zairyu.policies.schema``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from zairyu.deadlines.kinds import EventKind, MeasureKind, Party
from zairyu.model.strict import Strict
from zairyu.policies.schema import Citation, Identifier, Text


class MeasureField(StrEnum):
    """The dated facts of a measure a rule may start from."""

    decided_on = "decided_on"  # 決定日（監理措置に付された日）
    deposit_due_on = "deposit_due_on"  # 保証金の納付期限
    release_period_ends_on = "release_period_ends_on"  # 仮放免期間の末日


class Start(Strict):
    """Where the clock starts. Exactly one of:

    - ``event``: one deadline per event of these kinds, from the event's date;
    - ``field``: one deadline per measure, from that dated fact;
    - ``latest``: one deadline per measure, from the latest of these events and field
      (e.g. the last report, or the placement when there is none).
    """

    event: list[EventKind] | None = None
    field: MeasureField | None = None
    latest: Latest | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Start:
        given = [k for k in ("event", "field", "latest") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of event, field, latest (given: {given or 'none'})")
        return self


class Latest(Strict):
    events: list[EventKind]
    field: MeasureField


class Offset(Strict):
    """Whole days or whole months; months by the calendar (Civil Code art. 143)."""

    days: int = 0
    months: Annotated[int, Field(ge=0)] = 0


class HolidayRule(StrEnum):
    as_is = "as_is"  # a designated date: it stays where it is
    next_open_day = "next_open_day"  # a statutory period: moves to the next open day
    previous_open_day = "previous_open_day"  # the office is closed: the last open day before


class Holiday(Strict):
    """What happens when the day is an administrative holiday, with its source."""

    rule: HolidayRule
    citation: Citation
    reading: Text | None = None


class Match(StrEnum):
    any = "any"  # any event of the kind fulfils it
    same_day = "same_day"  # an event of the kind on the due date itself
    refers_to = "refers_to"  # an event of the kind that refers to the starting event


class Fulfilment(Strict):
    events: list[EventKind]
    match: Match


class Severity(StrEnum):
    deadline = "deadline"  # a date the law sets
    warning = "warning"  # zairyu's warning that a date is missing


class Rule(Strict):
    id: Identifier
    family: Identifier
    title: Text
    text: Text
    party: Party
    applies_to: list[MeasureKind]
    start: Start
    offset: Offset = Offset()
    unless_later: list[EventKind] = Field(
        default=[], description="No deadline if an event of these kinds is dated after the start."
    )
    holiday: Holiday
    fulfilled_by: Fulfilment | None = None
    severity: Severity = Severity.deadline
    consequence: Text | None = None
    citation: Citation
    reading: Text | None = None
    effective_from: date
    effective_to: date | None = None

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class Notice(Strict):
    """A fact to show beside the deadlines (never advice)."""

    id: Identifier
    text: Text
    citation: Citation


class RuleSet(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, Field(min_length=1)]
    title: Text
    disclaimer: Text
    sources: list[str]
    rules: list[Rule]
    notices: list[Notice] = Field(default_factory=list)
    not_formalised: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id '{rule.id}' is used twice")
            seen.add(rule.id)
        return self

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def notice(self, notice_id: str) -> Notice | None:
        return next((n for n in self.notices if n.id == notice_id), None)


Start.model_rebuild()
