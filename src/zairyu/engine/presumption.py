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


def presume(
    scalar: ScalarPlan, rows: list[Row], evaluated: list[Row], as_of: date
) -> list[PresumptiveResult | None]:
    """Per member: the presumptive result where the strict one is undetermined, else None."""
    allowed = presumable_columns(scalar)
    open_ = [i for i, r in enumerate(evaluated) if r["outcome"] == UNDETERMINED]
    if not open_ or not allowed:
        return [None] * len(rows)
    current = [dict(r) for r in rows]
    index = {str(r["person_id"]): k for k, r in enumerate(rows)}
    rested: dict[int, dict[tuple[str, str], _Presumable]] = {i: {} for i in open_}
    result = evaluated
    for _ in range(len(allowed) + 1):
        filled = False
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
                        filled = True
        if not filled:
            break
        result = scalar.evaluate(current, as_of)
    out: list[PresumptiveResult | None] = [None] * len(rows)
    for i in open_:
        assumptions = [
            Assumption(
                person_id=person,
                field=path,
                text={"ja": item.definition.text.ja, "en": item.definition.text.en},
                weighs=item.definition.weighs,
                verify_first=item.definition.weighs == "against",
            )
            for (person, path), item in rested[i].items()
        ]
        assumptions.sort(key=lambda a: (not a.verify_first, a.person_id, a.field))
        outcome = str(result[i]["outcome"])
        still = missing_facts(scalar, result, i) if outcome == UNDETERMINED else []
        out[i] = PresumptiveResult(outcome, assumptions, still)
    return out
