"""Assess a household: per person, the outcome under each policy, why, what is missing, and
what would change it.

An assessment supports a human decision; it is never a decision. Every result carries the
policy's disclaimer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from zairyu.engine.catalogue import Catalogue, default_catalogue
from zairyu.engine.compiled import UNDETERMINED, Plan
from zairyu.engine.counterfactual import Counterfactual, find_counterfactuals
from zairyu.engine.expr import names
from zairyu.engine.law_trace import facts_known_by_law
from zairyu.engine.own_numbers import DecidingNumber, deciding_numbers
from zairyu.engine.presumption import Assumption, presume, presumed_absent
from zairyu.engine.scalar import Fn, ScalarPlan, compile_node
from zairyu.engine.scope import scope_rule
from zairyu.engine.unknown import missing_facts
from zairyu.model.household import Household
from zairyu.model.table import COLUMNS, Row, Value, household_rows
from zairyu.policies.law import LawFact
from zairyu.policies.schema import Condition


@dataclass(frozen=True)
class Fact:
    """A fact of one person: its person-table column and the household field it comes from."""

    person_id: str
    column: str
    field: str = ""
    written: str | None = None  # known only as this month, year or age: the exact date needed


@dataclass(slots=True)
class ConditionResult:
    id: str
    kind: str
    value: bool | None
    text: dict[str, str]
    citation: dict[str, Any]
    inputs: dict[str, Value]
    household_inputs: dict[str, dict[str, Value]] = field(default_factory=dict)
    reading: dict[str, str] | None = None
    composite: bool = False  # built from other conditions (their inputs are listed there)
    applicable: bool = True  # False: holds or fails only vacuously (its premise is false)
    when_false: dict[str, str] | None = None  # what its failure means for the outcome


@dataclass(slots=True)
class Presumptive:
    """The second level: the result on the facts recorded, assuming that nothing unrecorded
    weighs against the person. Never the strict result; always with what it assumes."""

    outcome: str
    outcome_text: dict[str, str]
    assumptions: list[Assumption]
    missing_facts: list[Fact] = field(default_factory=list)  # what it still waits on


@dataclass(slots=True)
class KnownByLaw:
    """A rule of law that settled facts of this person (a person under 14 has no conviction)."""

    id: str
    text: dict[str, str]
    citation: dict[str, Any]
    reading: dict[str, str]


@dataclass(slots=True)
class PersonResult:
    person_id: str
    role: str
    outcome: str
    outcome_text: dict[str, str]
    conditions: list[ConditionResult]
    missing_facts: list[Fact] = field(default_factory=list)
    counterfactuals: list[Counterfactual] = field(default_factory=list)
    presumptive: Presumptive | None = None
    known_by_law: list[KnownByLaw] = field(default_factory=list)
    decided_by: list[DecidingNumber] = field(default_factory=list)  # zairyu's own numbers


@dataclass
class PolicyAssessment:
    policy_id: str
    policy_version: str
    title: dict[str, str]
    disclaimer: dict[str, str]
    outcomes: dict[str, dict[str, str]]
    persons: list[PersonResult]


@dataclass
class HouseholdAssessment:
    household_id: str
    as_of: date
    policies: list[PolicyAssessment]

    def to_json(self) -> bytes:
        """The assessment as JSON (UTF-8 bytes; dates as ISO strings)."""
        return orjson.dumps(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        result: dict[str, Any] = orjson.loads(self.to_json())
        return result

    def person(self, policy_id: str, person_id: str) -> PersonResult:
        for policy in self.policies:
            if policy.policy_id == policy_id:
                for person in policy.persons:
                    if person.person_id == person_id:
                        return person
        raise KeyError((policy_id, person_id))


NO_INPUTS: dict[str, dict[str, Value]] = {}
UNDETERMINED_TEXT = {
    "ja": "現時点では見通しを示せません（必要な事実が不明）",
    "en": "No indication can be given yet (facts are missing)",
}


@dataclass(frozen=True)
class _Static:
    """The parts of a condition's trace that do not depend on the household."""

    id: str
    kind: str
    roles: frozenset[str] | None
    text: dict[str, str]
    citation: dict[str, Any]
    reading: dict[str, str] | None
    own: tuple[str, ...]
    household: tuple[str, ...]
    composite: bool
    premise: Fn | None
    when_false: dict[str, str] | None


def condition_statics(scalar: ScalarPlan) -> list[_Static]:
    """The household-independent parts of every condition's trace (compiled once per plan)."""
    statics: list[_Static] | None = scalar.cache.get("statics")
    if statics is None:
        statics = scalar.cache["statics"] = _statics(scalar.plan)
    return statics


def _statics(plan: Plan) -> list[_Static]:
    out = []
    step_names = {s.name for s in plan.steps}
    for step in plan.conditions:
        definition: Condition = step.definition  # type: ignore[assignment]
        reading = definition.reading
        out.append(
            _Static(
                id=step.name,
                kind=definition.kind.value,
                roles=step.roles,
                text={"ja": definition.text.ja, "en": definition.text.en},
                citation=definition.citation.model_dump(mode="json", exclude_none=True),
                reading={"ja": reading.ja, "en": reading.en} if reading else None,
                own=tuple(sorted(plan.own_deps.get(step.name, ()))),
                household=tuple(sorted(plan.household_deps.get(step.name, ()))),
                composite=bool(names(step.node) & step_names),
                premise=compile_node(plan.applies_when[step.name])
                if step.name in plan.applies_when
                else None,
                when_false=(
                    {"ja": definition.when_false.ja, "en": definition.when_false.en}
                    if definition.when_false
                    else None
                ),
            )
        )
    return out


def _household_inputs(static: _Static, rows: list[Row]) -> dict[str, dict[str, Value]]:
    """The other members' facts a household aggregate read: the same for every person."""
    return {str(r["person_id"]): {c: r[c] for c in static.household} for r in rows}


def _condition_result(
    static: _Static, rows: list[Row], i: int, household: dict[str, dict[str, Value]]
) -> ConditionResult:
    row = rows[i]
    value = row[static.id]
    return ConditionResult(
        id=static.id,
        kind=static.kind,
        value=value if isinstance(value, bool) else None,
        text=static.text,
        citation=static.citation,
        inputs={c: row[c] for c in static.own},
        household_inputs=household,
        reading=static.reading,
        composite=static.composite,
        applicable=static.premise is None or static.premise(rows, i) is not False,
        when_false=static.when_false,
    )


def _facts(found: list[tuple[str, str]]) -> list[Fact]:
    return [Fact(pid, column, COLUMNS[column].source) for pid, column in found]


def known_by_law(rule: LawFact) -> KnownByLaw:
    """A rule of law that settled facts, as the trace shows it (the same for every person)."""
    return KnownByLaw(
        id=rule.id,
        text={"ja": rule.text.ja, "en": rule.text.en},
        citation=rule.citation.model_dump(mode="json", exclude_none=True),
        reading={"ja": rule.reading.ja, "en": rule.reading.en},
    )


def assess_rows(
    scalar: ScalarPlan, rows: list[Row], as_of: date, *, counterfactuals: bool = True
) -> PolicyAssessment:
    """Assess person-table rows of one household under one compiled policy."""
    plan = scalar.plan
    evaluated = scalar.evaluate(rows, as_of)
    texts = {o.id: o.definition.text for o in plan.outcomes}
    statics = condition_statics(scalar)
    shared = {s.id: _household_inputs(s, evaluated) for s in statics if s.household}
    not_in_scope = scope_rule()[0].outcome.id
    persons = []
    for i, row in enumerate(evaluated):
        role = str(row["role"])
        outcome = str(row["outcome"])
        text = texts.get(outcome)
        assessed = outcome != not_in_scope  # a member not in scope has no conditions
        person = PersonResult(
            person_id=str(row["person_id"]),
            role=role,
            outcome=outcome,
            outcome_text={"ja": text.ja, "en": text.en} if text else dict(UNDETERMINED_TEXT),
            conditions=[
                _condition_result(s, evaluated, i, shared.get(s.id, NO_INPUTS))
                for s in statics
                if assessed and (s.roles is None or role in s.roles)
            ],
        )
        if outcome == UNDETERMINED:
            person.missing_facts = _facts(missing_facts(scalar, evaluated, i))
        person.known_by_law = [known_by_law(f.rule) for f in facts_known_by_law(rows[i] | row)]
        persons.append(person)
    for person, presumed in zip(persons, presume(scalar, rows, evaluated, as_of), strict=True):
        if presumed is not None:
            text = texts.get(presumed.outcome)
            person.presumptive = Presumptive(
                outcome=presumed.outcome,
                outcome_text={"ja": text.ja, "en": text.en} if text else dict(UNDETERMINED_TEXT),
                assumptions=presumed.assumptions,
                missing_facts=_facts(presumed.still_missing),
            )
    _decided_by(scalar, rows, evaluated, persons, as_of)
    if counterfactuals:
        for person, found in zip(
            persons, find_counterfactuals(scalar, rows, evaluated, as_of), strict=True
        ):
            person.counterfactuals = found
    return PolicyAssessment(**policy_header(plan), persons=persons)


def policy_header(plan: Plan) -> dict[str, Any]:
    """What an assessment says of a policy before any person: its id, version, title,
    disclaimer and the text of every outcome."""
    policy = plan.policy
    return {
        "policy_id": policy.id,
        "policy_version": policy.version,
        "title": {"ja": policy.title.ja, "en": policy.title.en},
        "disclaimer": {"ja": policy.disclaimer.ja, "en": policy.disclaimer.en},
        "outcomes": {
            o.id: {"ja": o.definition.text.ja, "en": o.definition.text.en} for o in plan.outcomes
        }
        | {UNDETERMINED: dict(UNDETERMINED_TEXT)},
    }


def _decided_by(
    scalar: ScalarPlan,
    rows: list[Row],
    evaluated: list[Row],
    persons: list[PersonResult],
    as_of: date,
) -> None:
    """Which of zairyu's own numbers decided each result (strict, or else presumptive)."""
    absent: tuple[list[Row], list[Row]] | None = None
    for i, person in enumerate(persons):
        if person.outcome != UNDETERMINED:
            person.decided_by = deciding_numbers(
                scalar, rows, i, person.outcome, "strict", as_of, evaluated
            )
        elif person.presumptive is not None and person.presumptive.outcome != UNDETERMINED:
            if absent is None:
                presumed = presumed_absent(scalar, rows)
                absent = presumed, scalar.evaluate(presumed, as_of)
            person.decided_by = deciding_numbers(
                scalar, absent[0], i, person.presumptive.outcome, "presumptive", as_of, absent[1]
            )


def assess(
    household: Household,
    as_of: date,
    policy_ids: list[str] | None = None,
    *,
    counterfactuals: bool = True,
    catalogue: Catalogue | None = None,
) -> HouseholdAssessment:
    """Assess a validated household under the policies in force on ``as_of`` (or those named)."""
    catalogue = catalogue or default_catalogue()
    rows = household_rows(household)
    results = [
        assess_rows(catalogue.scalar(plan.id), rows, as_of, counterfactuals=counterfactuals)
        for plan in catalogue.select(as_of, policy_ids)
    ]
    return HouseholdAssessment(household.id, as_of, results)
