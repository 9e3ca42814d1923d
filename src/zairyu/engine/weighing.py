"""The sums of a weighing, built from the factors' kinds (``Policy.weighing``).

Each factor (a condition of a positive or negative kind, or one ``weighed_as`` such a kind)
enters two sums with the weight of its kind: the ``_min`` sum counts it only when it holds, so
an unknown factor counts as absent; the ``_max`` sum counts it unless it fails, so an unknown
factor counts as present. A direction is then shown only where both readings agree.
"""

from __future__ import annotations

from zairyu.policies.schema import (
    Condition,
    ConditionKind,
    Policy,
    Text,
    Variable,
    Weighing,
)

SIDES: dict[ConditionKind, str] = {
    ConditionKind.positive_special: "positive",
    ConditionKind.positive_other: "positive",
    ConditionKind.negative_special: "negative",
    ConditionKind.negative_other: "negative",
}
TEXTS = {
    "positive_min": Text(
        ja="積極要素の重みの合計（不明な要素は0として数える）",
        en="Weight of the positive factors, counting an unknown factor as absent",
    ),
    "positive_max": Text(
        ja="積極要素の重みの合計（不明な要素は該当として数える）",
        en="Weight of the positive factors, counting an unknown factor as present",
    ),
    "negative_min": Text(
        ja="消極要素の重みの合計（不明な要素は0として数える）",
        en="Weight of the negative factors, counting an unknown factor as absent",
    ),
    "negative_max": Text(
        ja="消極要素の重みの合計（不明な要素は該当として数える）",
        en="Weight of the negative factors, counting an unknown factor as present",
    ),
}


def weighed_kind(condition: Condition) -> ConditionKind | None:
    """The kind a condition is weighed as, or None if it is not a factor."""
    kind = condition.weighed_as or condition.kind
    return kind if kind in SIDES else None


def _sum(terms: list[str]) -> str:
    return " + ".join(terms) if terms else "0"


def weighing_variables(policy: Policy, weighing: Weighing) -> list[Variable]:
    """The four sums as derived variables of the policy."""
    terms: dict[str, list[str]] = {name: [] for name in TEXTS}
    for condition in policy.conditions:
        kind = weighed_kind(condition)
        if kind is None:
            continue
        side, weight = SIDES[kind], weighing.weights[kind]
        terms[f"{side}_min"].append(f"(CASE WHEN {condition.id} THEN {weight} ELSE 0 END)")
        terms[f"{side}_max"].append(f"(CASE WHEN NOT {condition.id} THEN 0 ELSE {weight} END)")
    return [Variable(id=name, expr=_sum(terms[name]), text=TEXTS[name]) for name in TEXTS]


def with_weighing(policy: Policy) -> Policy:
    """The policy with its weighing sums added to its variables (unchanged without one)."""
    if policy.weighing is None:
        return policy
    added = weighing_variables(policy, policy.weighing)
    return policy.model_copy(update={"variables": [*policy.variables, *added]})
