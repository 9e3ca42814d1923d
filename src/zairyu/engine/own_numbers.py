"""Which of zairyu's own numbers decided a result.

A policy marks a parameter as zairyu's own (``zairyu_own``: a weight, the margin, a
placeholder period, a magnitude the source gives only as "about") with the values another
reasonable reading could give it. The policy is compiled once more for each such value
(``compile_policy`` with an override, as a reform is), and every result is evaluated again
with it: on the recorded facts for a decided strict result; for a presumptive one, on the
recorded facts with every presumable fact taken as absent, as the presumptive level does.
Where a value gives another decided outcome, that number decided the result, and the report
says so beside it. A value under which the result would only wait on a fact is not counted:
it changes no outcome that the facts recorded can give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zairyu.engine.plan import UNDETERMINED, compile_policy
from zairyu.engine.scalar import ScalarPlan, changed_steps, compile_scalar
from zairyu.engine.weighing import weighing_variables
from zairyu.model.columns import Row
from zairyu.policies.schema import Parameter, Policy


@dataclass(slots=True)
class Alternative:
    value: int
    outcome: str  # the outcome with this value


@dataclass(slots=True)
class DecidingNumber:
    """One of zairyu's own numbers that decided this result: with another value that a
    reasonable reading could give it, the outcome would differ."""

    parameter: str
    value: int
    text: dict[str, str]  # what the number is, ja/en (the parameter's text)
    level: str  # "strict" or "presumptive": the result it decided
    alternatives: list[Alternative]  # only those that give another outcome


@dataclass(frozen=True)
class _Variant:
    parameter: Parameter
    value: int
    scalar: ScalarPlan
    stale: frozenset[str]  # the steps whose value this one changes (scalar.changed_steps)


def _written(policy: Policy) -> Policy:
    """The policy as written (a compiled plan's policy carries the weighing sums)."""
    if policy.weighing is None:
        return policy
    added = {v.id for v in weighing_variables(policy, policy.weighing)}
    return policy.model_copy(
        update={"variables": [v for v in policy.variables if v.id not in added]}
    )


def own_parameters(policy: Policy) -> list[Parameter]:
    """The parameters of a policy that are zairyu's own numbers."""
    return [p for p in policy.parameters if p.zairyu_own is not None]


def number_text(parameter: Parameter) -> dict[str, str]:
    """What one of zairyu's own numbers is (the parameter's text), as the trace shows it."""
    return {"ja": parameter.text.ja, "en": parameter.text.en}


def variants(scalar: ScalarPlan) -> list[_Variant]:
    """The policy compiled with each alternative of each of its own numbers (once per plan)."""
    cached = scalar.cache.get("own_numbers")
    if cached is not None:
        return list(cached)
    plan = scalar.plan
    written = _written(plan.policy)
    found = []
    for p in own_parameters(plan.policy):
        for value in p.zairyu_own.alternatives if p.zairyu_own is not None else []:
            other = compile_policy(written, plan.source, {p.id: value})
            found.append(_Variant(p, value, compile_scalar(other), changed_steps(plan, other)))
    scalar.cache["own_numbers"] = found
    return found


def deciding_numbers(
    scalar: ScalarPlan,
    rows: list[Row],
    i: int,
    outcome: str,
    level: str,
    as_of: date,
    evaluated: list[Row] | None = None,
) -> list[DecidingNumber]:
    """The own numbers of the policy that decided member i's ``outcome`` on ``rows``
    (``evaluated``: the same rows evaluated under the policy, whose steps a number does not
    change are read from there)."""
    if outcome == UNDETERMINED:
        return []
    by_parameter: dict[str, DecidingNumber] = {}
    known = evaluated if scalar.exact_steps else None
    for variant in variants(scalar):
        other = variant.scalar.outcome_for(rows, i, as_of, known, variant.stale)
        if other in (outcome, UNDETERMINED):  # the same, or only waiting on a fact
            continue
        p = variant.parameter
        assert isinstance(p.value, int)
        entry = by_parameter.setdefault(
            p.id, DecidingNumber(p.id, p.value, number_text(p), level, [])
        )
        entry.alternatives.append(Alternative(variant.value, other))
    return list(by_parameter.values())
