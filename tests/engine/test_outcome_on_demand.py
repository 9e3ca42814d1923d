"""ScalarPlan.outcome_for computes one member's outcome with only the steps it reads: it must
give what the whole evaluation gives, for every policy and member."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.person_tables import random_household
from zairyu.engine.catalogue import default_catalogue

CATALOGUE = default_catalogue()


@pytest.mark.parametrize("policy_id", sorted(CATALOGUE.plans))
@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), as_of=st.sampled_from([date(2024, 6, 10), date(2025, 1, 1)]))
def test_one_members_outcome_on_demand_is_the_whole_evaluations(policy_id, seed, as_of):
    scalar = CATALOGUE.scalar(policy_id)
    rows = random_household(Random(seed), "h")
    whole = scalar.evaluate(rows, as_of)
    assert [scalar.outcome_for(rows, i, as_of) for i in range(len(rows))] == [
        r["outcome"] for r in whole
    ]


def test_a_name_that_is_no_step_is_still_an_error():
    scalar = CATALOGUE.scalar("children-2023")
    rows = random_household(Random(1), "h")
    del rows[0]["role"]
    with pytest.raises(KeyError):
        scalar.outcome_for(rows, 0, date(2025, 1, 1))
