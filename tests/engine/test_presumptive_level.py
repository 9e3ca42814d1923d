"""The presumptive level never contradicts the strict level, and a recorded negative fact
never improves either level (property tests over random households of every policy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.person_tables import random_household
from zairyu.engine import presumption
from zairyu.engine.assessment import assess_rows
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.plan import UNDETERMINED
from zairyu.engine.presumption import presumable_columns
from zairyu.model.problems import load_household
from zairyu.services.assessing import assess_household

CATALOGUE = default_catalogue()
PLANS = sorted(CATALOGUE.plans)
AS_OF = date(2025, 1, 1)
EXAMPLES = Path(__file__).parents[2] / "examples"


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


def _with_assumed(scalar, rows, keys):
    """The rows with only the given (person, field) assumptions taken as absent."""
    by_field = {item.field: item for item in presumable_columns(scalar).values()}
    out = [dict(r) for r in rows]
    for row in out:
        for person, path in keys:
            if row["person_id"] == person:
                for name, value in by_field[path].values.items():
                    if row.get(name) is None:
                        row[name] = value
    return out


@pytest.mark.parametrize("policy_id", PLANS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_a_presumptive_outcome_follows_from_its_listed_assumptions_alone_and_needs_each(
    policy_id, seed
):
    scalar = CATALOGUE.scalar(policy_id)
    rows = random_household(Random(seed), "h")
    result = assess_rows(scalar, rows, AS_OF, counterfactuals=False)
    for i, person in enumerate(result.persons):
        presumed = person.presumptive
        if presumed is None or presumed.outcome == UNDETERMINED:
            continue
        keys = [(a.person_id, a.field) for a in presumed.assumptions]
        # sound: the listed assumptions alone give the outcome (nothing unlisted was relied on)
        assert scalar.evaluate(_with_assumed(scalar, rows, keys), AS_OF)[i]["outcome"] == (
            presumed.outcome
        )
        # minimal: without any one of them the outcome is no longer the same
        for k in range(len(keys)):
            fewer = keys[:k] + keys[k + 1 :]
            evaluated = scalar.evaluate(_with_assumed(scalar, rows, fewer), AS_OF)
            assert evaluated[i]["outcome"] != presumed.outcome


def test_a_toward_deportation_direction_does_not_list_negatives_that_could_not_change_it():
    household = load_household(Path("examples/07-turned-18.json").read_text(), "07.json")
    (policy,) = [
        p for p in assess_household(household, AS_OF, counterfactuals=False).policies
        if p.policy_id == "guidelines-2024"
    ]  # fmt: skip
    parent = next(p for p in policy.persons if p.person_id == "p1")
    assert parent.presumptive is not None
    assert parent.presumptive.outcome == "toward_deportation"
    # only a statutory ground could make it worse (barred); a further negative factor cannot
    against = [a.field for a in parent.presumptive.assumptions if a.weighs == "against"]
    assert against == ["members[].immigration.deportation_grounds"]


def _one_at_a_time(scalar, current, known, filled, i, outcome, as_of):
    """The plain definition of the assumptions an outcome rests on: each fact taken as absent is
    left unknown again, one at a time, in the same order, and the household evaluated whole
    (``presumption._needed`` tries them in blocks and computes again only the steps a trial can
    change, reading the others from ``known``: it must give exactly this)."""
    rows = [dict(r) for r in current]
    order = sorted(filled, key=lambda k: (filled[k].item.definition.weighs != "against", k))
    needed = []
    for key in order:
        entry = filled[key]
        trial = [dict(r) for r in rows]
        for name in entry.columns:
            trial[entry.row][name] = None
        if scalar.evaluate(trial, as_of)[i]["outcome"] == outcome:
            rows = trial
        else:
            needed.append(key)
    return needed


def _assumptions(result):
    return [
        (
            p.person_id,
            p.presumptive.outcome,
            [(a.person_id, a.field) for a in p.presumptive.assumptions],
        )
        for p in result.persons
        if p.presumptive is not None
    ]


@pytest.mark.parametrize("policy_id", PLANS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_trying_assumptions_in_blocks_gives_the_one_at_a_time_answer(policy_id, seed):
    scalar = CATALOGUE.scalar(policy_id)
    rows = random_household(Random(seed), "h")
    blocks = _assumptions(assess_rows(scalar, rows, AS_OF, counterfactuals=False))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(presumption, "_needed", _one_at_a_time)
        plain = _assumptions(assess_rows(scalar, rows, AS_OF, counterfactuals=False))
    assert blocks == plain


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_example_rests_on_the_same_assumptions_tried_in_blocks_or_one_at_a_time(
    example, monkeypatch
):
    household = load_household(example.read_text(encoding="utf-8"), str(example))
    blocks = assess_household(household, AS_OF, counterfactuals=False)
    monkeypatch.setattr(presumption, "_needed", _one_at_a_time)
    plain = assess_household(household, AS_OF, counterfactuals=False)
    assert [_assumptions(p) for p in blocks.policies] == [_assumptions(p) for p in plain.policies]
