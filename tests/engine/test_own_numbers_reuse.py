"""The own numbers (``engine.own_numbers``) evaluate each other value of a number computing
again only the steps that value changes (``scalar.changed_steps``), the others read from the
household evaluated under the policy: the same numbers, alternatives and outcomes as evaluating
every step again (property test over random households of every policy with own numbers)."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.person_tables import random_household
from zairyu.engine import scalar as scalar_module
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.compiled import UNDETERMINED
from zairyu.engine.own_numbers import deciding_numbers, variants
from zairyu.engine.scalar import changed_steps

CATALOGUE = default_catalogue()
AS_OF = date(2025, 1, 1)
WITH_OWN_NUMBERS = sorted(p for p in CATALOGUE.plans if variants(CATALOGUE.scalar(p)))


def test_some_policy_has_own_numbers_to_try():
    assert WITH_OWN_NUMBERS


@pytest.mark.parametrize("policy_id", WITH_OWN_NUMBERS)
def test_another_value_of_a_number_changes_the_steps_that_read_it_and_no_other(policy_id):
    scalar = CATALOGUE.scalar(policy_id)
    for variant in variants(scalar):
        stale = variant.stale
        assert stale == changed_steps(scalar.plan, variant.scalar.plan)
        assert stale, variant.parameter.id  # a number no step reads would decide nothing
        same = [s.name for s in variant.scalar.plan.steps if s.name not in stale]
        base = {s.name: s.node for s in scalar.plan.steps}
        assert all(base[s.name] == s.node for s in variant.scalar.plan.steps if s.name in same)


@pytest.mark.parametrize("policy_id", WITH_OWN_NUMBERS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_reading_unchanged_steps_gives_the_numbers_evaluating_every_step_gives(policy_id, seed):
    scalar = CATALOGUE.scalar(policy_id)
    rows = random_household(Random(seed), "h")
    evaluated = scalar.evaluate(rows, AS_OF)
    for i, row in enumerate(evaluated):
        outcome = str(row["outcome"])
        if outcome == UNDETERMINED:
            continue
        reused = deciding_numbers(scalar, rows, i, outcome, "strict", AS_OF, evaluated)
        plain = deciding_numbers(scalar, rows, i, outcome, "strict", AS_OF)
        assert reused == plain


def test_the_memo_of_stale_steps_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(scalar_module, "KEPT_AT_MOST", 3)
    plan = CATALOGUE.scalar(WITH_OWN_NUMBERS[0])
    plan.cache.pop("stale_after", None)
    columns = sorted(plan.plan.columns_read())
    for k in range(5):
        plan.stale_after(frozenset(columns[k : k + 1]))
    assert len(plan.cache["stale_after"]) <= 3
