"""The presumptive level never contradicts the strict level, and a recorded negative fact
never improves either level (property tests over random households of every policy)."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.person_tables import random_household
from zairyu.engine.assessment import assess_rows
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.plan import UNDETERMINED
from zairyu.engine.presumption import presumable_columns

CATALOGUE = default_catalogue()
PLANS = sorted(CATALOGUE.plans)
AS_OF = date(2025, 1, 1)


def _ranks(policy_id: str) -> dict[str, int]:
    return {o.id: o.definition.rank for o in CATALOGUE.get(policy_id).outcomes}


def _against_bools(policy_id: str) -> list[str]:
    scalar = CATALOGUE.scalar(policy_id)
    return sorted(
        column
        for column, item in presumable_columns(scalar).items()
        if item.definition.weighs == "against" and isinstance(item.values[column], bool)
    )


@pytest.mark.parametrize("policy_id", PLANS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_the_presumptive_level_stands_only_beside_an_undetermined_strict_level(policy_id, seed):
    rows = random_household(Random(seed), "h")
    result = assess_rows(CATALOGUE.scalar(policy_id), rows, AS_OF, counterfactuals=False)
    for person in result.persons:
        if person.outcome != UNDETERMINED:
            assert person.presumptive is None
        elif person.presumptive is not None:
            # it rests only on facts the policy allows to be presumed
            allowed = {i.field for i in presumable_columns(CATALOGUE.scalar(policy_id)).values()}
            assert {a.field for a in person.presumptive.assumptions} <= allowed


@pytest.mark.parametrize("policy_id", PLANS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_recording_a_negative_fact_never_improves_either_level(policy_id, seed, data):
    columns = _against_bools(policy_id)
    rows = random_household(Random(seed), "h")
    column = data.draw(st.sampled_from(columns))
    who = data.draw(st.integers(0, len(rows) - 1))
    rank = _ranks(policy_id)
    before = [dict(r) for r in rows]
    before[who][column] = None  # not recorded
    absent = [dict(r) for r in rows]
    absent[who][column] = False
    present = [dict(r) for r in rows]
    present[who][column] = True
    scalar = CATALOGUE.scalar(policy_id)
    levels = [
        assess_rows(scalar, r, AS_OF, counterfactuals=False) for r in (before, absent, present)
    ]
    for i in range(len(rows)):
        unknown, without, with_it = (level.persons[i] for level in levels)
        # strict: where both are decided, the recorded negative fact is never better
        if without.outcome != UNDETERMINED and with_it.outcome != UNDETERMINED:
            assert rank[with_it.outcome] <= rank[without.outcome]
        # presumptive: recording the fact is never better than presuming it absent
        presumed = unknown.presumptive.outcome if unknown.presumptive else unknown.outcome
        recorded = with_it.presumptive.outcome if with_it.presumptive else with_it.outcome
        if presumed != UNDETERMINED and recorded != UNDETERMINED:
            assert rank[recorded] <= rank[presumed]
