"""Run every scenario case of the deadline rules; check each rule is tested on each side of its
due date (the day before, the day itself, the day after)."""

from __future__ import annotations

import pytest

from zairyu.deadlines.cases import Case, load_cases
from zairyu.deadlines.due import Status, status
from zairyu.deadlines.engine import compute
from zairyu.deadlines.loader import shipped_rules

CASES = load_cases()
RULES = shipped_rules()
BEFORE = {Status.this_week, Status.this_month, Status.later}


def _computed(case: Case) -> tuple[set[tuple[object, ...]], list[str]]:
    spec = case.spec
    result = compute(spec.measure, spec.events, RULES)
    rows = {
        (
            d.rule.id,
            d.basis[-1].event_id if d.rule.start.event else None,
            d.due_on,
            status(d.due_on, spec.today, done=d.fulfilled is not None),
            d.moved.from_on if d.moved else None,
        )
        for d in result.deadlines
    }
    return rows, sorted(g.rule_id for g in result.gaps)


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_scenario(case: Case) -> None:
    got, gaps = _computed(case)
    wanted = {(e.rule, e.event, e.due_on, e.status, e.moved_from) for e in case.spec.expect}
    missing, extra = sorted(map(str, wanted - got)), sorted(map(str, got - wanted))
    assert got == wanted, f"\n  missing: {missing}\n  extra:   {extra}"
    assert gaps == sorted(case.spec.gaps)


def test_there_are_cases_for_every_rule() -> None:
    tested = {e.rule for c in CASES for e in c.spec.expect}
    assert tested == {r.id for r in RULES.rules}


@pytest.mark.parametrize("rule_id", [r.id for r in RULES.rules])
def test_each_rule_has_a_case_before_on_and_after_its_due_date(rule_id: str) -> None:
    seen = {e.status for c in CASES for e in c.spec.expect if e.rule == rule_id}
    assert seen & BEFORE, f"{rule_id}: no case before the due date"
    assert Status.due_today in seen, f"{rule_id}: no case on the due date"
    assert Status.overdue in seen, f"{rule_id}: no case after the due date"


def test_each_holiday_rule_that_moves_dates_has_a_case_where_it_moves_them() -> None:
    moving = {r.id for r in RULES.rules if r.holiday.rule != "as_is"}
    moved = {e.rule for c in CASES for e in c.spec.expect if e.moved_from is not None}
    assert moving <= moved, f"never moved in a case: {sorted(moving - moved)}"
