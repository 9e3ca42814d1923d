"""The missing-facts walk keeps the closures it compiles, and the steps each outcome reads, in the
compiled plan's cache: a second assessment compiles none and walks no expression for them, and
a warm cache gives exactly what a cold one gives."""

from __future__ import annotations

from datetime import date
from itertools import groupby

import pytest

from zairyu.engine import unknown
from zairyu.engine.assessment import assess_rows
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import frame_from_rows
from zairyu.engine.expr import names
from zairyu.engine.scalar import compile_node
from zairyu.engine.unknown import missing_facts
from zairyu.model.columns import Row
from zairyu.simulate.synth import synthesise

AS_OF = date(2024, 6, 10)
CATALOGUE = default_catalogue()
PLANS = [CATALOGUE.scalar(p.id) for p in CATALOGUE.in_force(AS_OF)]


def _households(count: int, seed: int) -> list[list[Row]]:
    rows = frame_from_rows(synthesise(count, seed=seed)).to_dicts()  # every column
    return [list(group) for _, group in groupby(rows, key=lambda r: r["household_id"])]


HOUSEHOLDS = _households(60, seed=23)


def _empty(scalar):
    """The walk's caches emptied, as before the first assessment."""
    scalar.cache.pop("unknown_walk", None)
    scalar.cache.pop("unknown_reach", None)


def _undetermined(scalar, rows):
    evaluated = scalar.evaluate(rows, AS_OF)
    return evaluated, [i for i, r in enumerate(evaluated) if r["outcome"] == "undetermined"]


def test_some_households_have_missing_facts_to_walk():
    walked = sum(len(_undetermined(s, rows)[1]) for s in PLANS for rows in HOUSEHOLDS)
    assert walked > 10


def test_a_second_walk_compiles_no_closure(monkeypatch):
    calls: list[object] = []

    def counting(node):
        calls.append(node)
        return compile_node(node)

    monkeypatch.setattr(unknown, "compile_node", counting)
    scalar = PLANS[0]
    rows = next(r for r in HOUSEHOLDS if _undetermined(scalar, r)[1])
    scalar.cache.pop("unknown_walk", None)
    evaluated, open_ = _undetermined(scalar, rows)
    missing_facts(scalar, evaluated, open_[0])
    assert calls  # the first walk compiles what it visits
    calls.clear()
    missing_facts(scalar, evaluated, open_[0])
    assert calls == []


def test_a_second_assessment_finds_the_steps_an_outcome_reads_without_walking_again(monkeypatch):
    calls: list[object] = []

    def counting(node):
        calls.append(node)
        return names(node)

    monkeypatch.setattr(unknown, "names", counting)
    for scalar in PLANS:
        _empty(scalar)
    for scalar in PLANS:
        for rows in HOUSEHOLDS[:20]:
            assess_rows(scalar, rows, AS_OF)
    assert calls  # an outcome undetermined with every value it reads known (a weighing)
    calls.clear()
    for scalar in PLANS:
        for rows in HOUSEHOLDS[:20]:
            assess_rows(scalar, rows, AS_OF)
    assert calls == []


@pytest.mark.parametrize("scalar", PLANS, ids=lambda s: s.plan.id)
def test_a_warm_cache_finds_the_same_missing_facts_as_a_cold_one(scalar):
    warm_cache_found, cold_cache_found = [], []
    for rows in HOUSEHOLDS:
        evaluated, open_ = _undetermined(scalar, rows)
        for i in open_:
            _empty(scalar)
            cold_cache_found.append(missing_facts(scalar, evaluated, i))
    for rows in HOUSEHOLDS:
        evaluated, open_ = _undetermined(scalar, rows)
        for i in open_:
            warm_cache_found.append(missing_facts(scalar, evaluated, i))
    assert warm_cache_found == cold_cache_found


@pytest.mark.parametrize("scalar", PLANS, ids=lambda s: s.plan.id)
def test_whole_assessments_are_the_same_with_a_warm_cache(scalar):
    for rows in HOUSEHOLDS[:20]:
        _empty(scalar)
        cold = assess_rows(scalar, rows, AS_OF)
        assert assess_rows(scalar, rows, AS_OF) == cold
