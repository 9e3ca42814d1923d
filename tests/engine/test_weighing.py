"""The weighing sums are built from each factor's kind, so no factor is left out or counted
twice, and an unknown factor counts as absent in the _min sums and present in the _max sums."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.weighing import weighed_kind
from zairyu.model.columns import COLUMNS
from zairyu.policies.schema import Weighing

WEIGHED_POLICIES = [p for p in default_catalogue().plans.values() if p.policy.weighing]


def test_the_guidelines_declare_their_weighing():
    assert {p.id for p in WEIGHED_POLICIES} == {"guidelines-2009", "guidelines-2024"}


@pytest.mark.parametrize("plan", WEIGHED_POLICIES, ids=lambda p: p.id)
def test_every_factor_enters_its_sides_sums_once_with_the_weight_of_its_kind(plan):
    policy = plan.policy
    assert policy.weighing is not None
    sums = {v.id: " ".join(v.expr.split()) for v in policy.variables}
    for condition in policy.conditions:
        kind = weighed_kind(condition)
        side = {"positive_special": "positive", "positive_other": "positive"}.get(
            kind.value if kind else "", "negative"
        )
        weight = policy.weighing.weights[kind] if kind else None
        for name in ("positive_min", "negative_min"):
            hit = sums[name].count(f"WHEN {condition.id} THEN ")
            assert hit == (1 if kind and name.startswith(side) else 0), (condition.id, name)
        if kind:
            assert f"WHEN {condition.id} THEN {weight} ELSE 0" in sums[f"{side}_min"]
            assert f"WHEN NOT {condition.id} THEN 0 ELSE {weight}" in sums[f"{side}_max"]


def test_an_unknown_factor_counts_as_absent_in_min_and_present_in_max():
    scalar = default_catalogue().scalar("guidelines-2009")
    row = {column: None for column in COLUMNS} | {
        "household_id": "h",
        "person_id": "p",
        "role": "parent",
    }
    (result,) = scalar.evaluate([row], date(2020, 1, 1))
    assert result["positive_min"] == 0
    assert result["positive_max"] > 0
    assert result["negative_min"] == 0
    assert result["negative_max"] > 0


def test_a_weighing_must_weigh_every_kind_of_factor():
    with pytest.raises(ValidationError, match="needs exactly the kinds"):
        Weighing.model_validate({"weights": {"positive_special": "w"}})
