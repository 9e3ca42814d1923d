"""The Polars backend reads a sub-expression that is an earlier step's whole expression from that
step's column (``engine.columnar``), and only where that column holds the same value."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import yaml

from tests.engine.person_tables import random_caseload
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows
from zairyu.engine.plan import Plan, compile_policy
from zairyu.engine.scalar import compile_scalar
from zairyu.policies.loader import load_policy_file

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "policy.yaml"
AS_OF = date(2025, 1, 1)


def _plan(tmp_path: Path, change: Any = None) -> Plan:
    policy = yaml.safe_load(BENCHMARK.read_text(encoding="utf-8"))
    if change is not None:
        change(policy)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return compile_policy(load_policy_file(path), str(path))


def _agree(plan: Plan) -> None:
    caseload = random_caseload(Random(7), 400)
    names = [s.name for s in plan.steps] + ["outcome"]
    flat = [row for household in caseload for row in household]
    columnar = evaluate_frame(plan, frame_from_rows(flat), AS_OF).select(names).collect()
    scalar = compile_scalar(plan)
    expected = [row for h in caseload for row in scalar.evaluate(h, AS_OF)]
    assert [{n: r[n] for n in names} for r in expected] == columnar.to_dicts()


def test_the_age_inlined_by_the_laws_facts_is_read_from_the_age_column(tmp_path):
    plan = _plan(tmp_path)
    query = evaluate_frame(plan, frame_from_rows([]), AS_OF).explain(optimized=False)
    # years_between(birth_date, as_of) is computed for `age` only: the facts of the law that
    # read it (no conviction under 14) read the column.
    assert query.count('col("birth_date").dt.year()') == 1
    _agree(plan)


def test_a_step_limited_to_some_roles_is_not_read_for_the_others(tmp_path):
    def parents_only(policy: dict[str, Any]) -> None:
        policy["variables"][0]["applies_to"] = ["parent"]  # age: null for every child

    plan = _plan(tmp_path, parents_only)
    query = evaluate_frame(plan, frame_from_rows([]), AS_OF).explain(optimized=False)
    # the law's facts work out "under 14" again, from the date of birth (columnar._age_compared)
    assert 'col("birth_date") > 2011-01-01' in query
    _agree(plan)


def test_the_results_columns_are_the_plans_steps_in_order_whatever_layer_computes_them():
    catalogue = default_catalogue()
    for policy_id, plan in catalogue.plans.items():
        columns = evaluate_frame(plan, frame_from_rows([]), AS_OF).collect_schema().names()
        steps = [s.name for s in plan.steps]
        assert columns[-len(steps) - 1 :] == [*steps, "outcome"], policy_id
