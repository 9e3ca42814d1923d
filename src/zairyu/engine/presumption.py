"""The presumptive level: the result on the facts recorded, assuming that nothing unrecorded
weighs against the person.

Only where the strict result is undetermined. The facts the person's result waits on are
found by the missing-facts walk; those the policy allows to be presumed (``presumptions``)
are taken as absent, the household is evaluated again, and so on until the result is decided
or only facts that may not be presumed remain. Every fact taken as absent that the result
rested on is listed as an assumption; one that weighs against the person is marked "verify
first". The strict result is never changed: the presumptive one sits beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from zairyu.engine.plan import UNDETERMINED, PolicyError
from zairyu.engine.scalar import ScalarPlan
from zairyu.engine.unknown import missing_facts
from zairyu.model.columns import Row, Value
from zairyu.model.table import field_values
from zairyu.policies.presumptions import Presumable, load_presumables


@dataclass(slots=True)
class Assumption:
    person_id: str
    field: str
    text: dict[str, str]
    weighs: str  # "against" (assuming it absent favours the person) or "for"
    verify_first: bool


@dataclass(slots=True)
class PresumptiveResult:
    outcome: str
    assumptions: list[Assumption]
    still_missing: list[tuple[str, str]] = field(default_factory=list)  # (person, column)


@dataclass(frozen=True)
class _Presumable:
    field: str
    values: dict[str, Value]
    definition: Presumable


@cache
def _catalogue() -> dict[str, _Presumable]:
    return {
        path: _Presumable(path, field_values(path, item.assumed_as), item)
        for path, item in load_presumables().items()
    }


def presumable_columns(scalar: ScalarPlan) -> dict[str, _Presumable]:
    """Column -> the presumable field it belongs to, for the fields the policy allows."""
    cached = scalar.cache.get("presumable")
    if cached is not None:
        return dict(cached)
    policy = scalar.plan.policy
    by_column: dict[str, _Presumable] = {}
    catalogue = _catalogue()
    for path in policy.presumptions.fields if policy.presumptions else []:
        if path not in catalogue:
            raise PolicyError(
                scalar.plan.source, "presumptions", f"'{path}' is not in presumptions.yaml"
            )
        for column in catalogue[path].values:
            by_column[column] = catalogue[path]
    scalar.cache["presumable"] = by_column
    return by_column


def presumed_absent(scalar: ScalarPlan, rows: list[Row]) -> list[Row]:
    """The rows with every fact the policy allows to be presumed taken as absent where it is
    unknown: where the presumptive result is decided, it is the result on these rows (a fact
    that did not matter cannot undo a decided outcome)."""
    out = [dict(r) for r in rows]
    for item in {i.field: i for i in presumable_columns(scalar).values()}.values():
        for row in out:
            for name, value in item.values.items():
                if row.get(name) is None:
                    row[name] = value
    return out


Key = tuple[str, str]  # (person, presumable field)
_Trial = tuple[list[Row], frozenset[str]]  # rows of a search, and the columns left unknown in them


def presume(
    scalar: ScalarPlan, rows: list[Row], evaluated: list[Row], as_of: date
) -> list[PresumptiveResult | None]:
    """Per member: the presumptive result where the strict one is undetermined, else None."""
    allowed = presumable_columns(scalar)
    open_ = [i for i, r in enumerate(evaluated) if r["outcome"] == UNDETERMINED]
    if not open_ or not allowed:
        return [None] * len(rows)
    current, filled, rested = _fill(scalar, rows, evaluated, open_, allowed, as_of)
    result = scalar.evaluate(current, as_of) if filled else evaluated
    out: list[PresumptiveResult | None] = [None] * len(rows)
    for i in open_:
        outcome = str(result[i]["outcome"])
        if outcome == UNDETERMINED:
            keys = list(rested[i])
            still = missing_facts(scalar, result, i)
        else:
            keys = _needed(scalar, current, result, filled, i, outcome, as_of)
            still = []
        assumptions = [_assumption(person, filled.get((person, path)) or rested[i][(person, path)])
                       for person, path in keys]  # fmt: skip
        assumptions.sort(key=lambda a: (not a.verify_first, a.person_id, a.field))
        out[i] = PresumptiveResult(outcome, assumptions, still)
    return out


def _fill(
    scalar: ScalarPlan,
    rows: list[Row],
    evaluated: list[Row],
    open_: list[int],
    allowed: dict[str, _Presumable],
    as_of: date,
) -> tuple[list[Row], dict[Key, _Filled], dict[int, dict[Key, _Presumable]]]:
    """Take as absent, round after round, every presumable fact an open result waits on.
    Returns the rows so filled, what was filled (for whom, which columns), and per open
    person the facts its result waited on."""
    current = [dict(r) for r in rows]
    index = {str(r["person_id"]): k for k, r in enumerate(rows)}
    filled: dict[Key, _Filled] = {}
    rested: dict[int, dict[Key, _Presumable]] = {i: {} for i in open_}
    result = evaluated
    for _ in range(len(allowed) + 1):
        grew = False
        for i in open_:
            if result[i]["outcome"] != UNDETERMINED:
                continue
            for person, column in missing_facts(scalar, result, i):
                item = allowed.get(column)
                if item is None:
                    continue
                rested[i][(person, item.field)] = item
                row = current[index[person]]
                for name, value in item.values.items():
                    if row.get(name) is None:
                        row[name] = value
                        entry = filled.setdefault(
                            (person, item.field), _Filled(item, index[person])
                        )
                        entry.columns.append(name)
                        grew = True
        if not grew:
            break
        result = scalar.evaluate(current, as_of)
    return current, filled, rested


def _needed(
    scalar: ScalarPlan,
    current: list[Row],
    known: list[Row],
    filled: dict[Key, _Filled],
    i: int,
    outcome: str,
    as_of: date,
) -> list[Key]:
    """The assumptions person i's presumptive outcome rests on: each fact taken as absent is
    left unknown again, one at a time, and kept as an assumption only if the outcome is then
    no longer the same decided outcome. Facts weighing against the person (assumed in their
    favour) are tried first, so that the answer rests on as few of those as it can. Every
    fact filled for any member is a candidate (a member's fact filled for another's sake can
    decide this person's result too).

    The facts are tried in blocks: a block all of whose facts can be left unknown together
    with the outcome unchanged is dropped whole, otherwise it is halved. That gives exactly
    the one-at-a-time answer with far fewer evaluations (a household of three under a
    weighing policy: from about fifty to about ten), because a result decided with facts
    unknown stays the same whatever values they take ("information monotonicity", which
    ``zairyu check`` proves of every policy): if the outcome is unchanged with a whole block
    unknown, it is unchanged with any part of it unknown, so one at a time would have dropped
    each of them too.

    ``known``: ``current`` evaluated; a trial computes again only the steps that read a fact
    it leaves unknown (``ScalarPlan.stale_after``) and reads the others from there (the
    interval evaluation, ``CornerPlan``, evaluates every step whatever it is given)."""
    order = sorted(filled, key=lambda k: (filled[k].item.definition.weighs != "against", k))
    # Another member's fact that no outcome reads through a household aggregate cannot change
    # this person's outcome: the search would leave it unknown after one evaluation; skip it.
    through_others = _read_through_others(scalar)
    order = [
        k for k in order if filled[k].row == i or not through_others.isdisjoint(filled[k].columns)
    ]
    needed: list[Key] = []

    def without(rows: list[Row], keys: list[Key]) -> list[Row]:
        trial = [dict(r) for r in rows]
        for key in keys:
            entry = filled[key]
            for name in entry.columns:
                trial[entry.row][name] = None
        return trial

    def settle(state: _Trial, keys: list[Key]) -> _Trial:
        """``rows`` with every fact of ``keys`` left unknown that can be, in order."""
        rows, unknown = state
        trial = without(rows, keys)
        unknown |= frozenset(name for key in keys for name in filled[key].columns)
        stale = scalar.stale_after(unknown)
        if scalar.outcome_for(trial, i, as_of, known, stale) == outcome:
            return trial, unknown
        if len(keys) == 1:
            needed.append(keys[0])
            return state
        half = len(keys) // 2
        return settle(settle(state, keys[:half]), keys[half:])

    if order:
        settle(([dict(r) for r in current], frozenset()), order)
    return needed


def _read_through_others(scalar: ScalarPlan) -> frozenset[str]:
    """The columns some outcome reads from other members' rows (household aggregates and
    relations, transitively through the steps)."""
    found = scalar.cache.get("read_through_others")
    if found is None:
        plan = scalar.plan
        found = frozenset().union(*(plan.household_deps.get(o.id, ()) for o in plan.outcomes))
        scalar.cache["read_through_others"] = found
    return found


@dataclass(slots=True)
class _Filled:
    item: _Presumable
    row: int
    columns: list[str] = field(default_factory=list)


def assumption_text(item: _Presumable) -> dict[str, str]:
    """What an assumption about a field says (the same for every person)."""
    return {"ja": item.definition.text.ja, "en": item.definition.text.en}


def _assumption(person: str, entry: _Filled | _Presumable) -> Assumption:
    item = entry.item if isinstance(entry, _Filled) else entry
    return Assumption(
        person_id=person,
        field=item.field,
        text=assumption_text(item),
        weighs=item.definition.weighs,
        verify_first=item.definition.weighs == "against",
    )
