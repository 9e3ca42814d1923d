"""What a household can be: the constraints that keep the solver to households that exist.

Each fact is unknown or a value within its domain (``domains``); the columns of one unit (the
convictions, the school history, the deportation grounds) are known or unknown together and
agree with each other as ``zairyu.model.table`` computes them; the household format's own rules
hold (no deportation-order date without an order, no pending refugee application among none);
every date is a real day on or before the assessment date (which lies within the policy's
validity) and none of a person's dates falls before their birth. Members present come first
(member 0 is the person checked).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import z3

from zairyu.checks.domains import DEFAULT_INT_BOUNDS, INT_BOUNDS, VOCABULARIES, YEARS
from zairyu.checks.facts import DERIVED, GROUNDS, HOUSEHOLD_LEVEL, kind_of
from zairyu.checks.values import Day, V, same_value, word
from zairyu.engine.compiled import AS_OF
from zairyu.engine.consistency import checks as consistency_checks
from zairyu.engine.expr import names
from zairyu.model.kinds import OffenceCategory

if TYPE_CHECKING:
    from zairyu.checks.encode import World

AS_OF_HORIZON = date(2040, 12, 31)  # the latest assessment date searched for an open policy
COUNTED_LEVELS = ("elementary", "junior_high", "high")


def constraints(world: World) -> list[z3.BoolRef]:
    """Every constraint of a world."""
    assert world.as_of is not None
    policy = world.plan.policy
    first, last = policy.effective_from, policy.effective_to or AS_OF_HORIZON
    out = [
        world.as_of.valid(YEARS[0], YEARS[1]),
        world.as_of.key >= Day.const(first).key,
        world.as_of.key <= Day.const(last).key,
    ]
    for j in range(1, world.size):
        out.append(z3.Implies(world.present[j], world.present[j - 1]))
    for j in range(world.size):
        row = world.facts[j]
        out += _domains(row, world.as_of) + _after_birth(row)
        out += _convictions(row) + _school(row) + _grounds(row) + _format_rules(row)
        for column in HOUSEHOLD_LEVEL & set(row):
            out.append(same_value(row[column], world.facts[0][column]))
        out += _consistent(world, j)
    return out


def _consistent(world: World, j: int) -> list[z3.BoolRef]:
    """The facts that cannot be true together (model/consistency.yaml, the checks every input
    gets): a searched household is never one the format refuses."""
    row = world.facts[j]
    return [
        z3.Not(world.expr(check.node, j).is_false)
        for check in consistency_checks()
        if names(check.node) - {AS_OF} <= set(row)
    ]


def _domains(row: dict[str, V], as_of: Day) -> list[z3.BoolRef]:
    out = []
    for column, v in row.items():
        if column in DERIVED:
            continue
        kind = kind_of(column)
        if column in VOCABULARIES:
            out.append(z3.Or(*(v.value == word(x) for x in VOCABULARIES[column])))
        elif kind == "int":
            low, high = INT_BOUNDS.get(column, DEFAULT_INT_BOUNDS)
            out.append(z3.And(v.value >= low, v.value <= high))
        elif kind == "date":
            out.append(v.value.valid(YEARS[0], YEARS[1]))
            out.append(v.value.key <= as_of.key)
    return out


def _after_birth(row: dict[str, V]) -> list[z3.BoolRef]:
    """No dated fact of a person falls before their birth."""
    birth = row.get("birth_date")
    if birth is None:
        return []
    return [
        z3.Implies(z3.And(birth.known, v.known), v.value.key >= birth.value.key)
        for column, v in row.items()
        if column not in DERIVED and column != "birth_date" and kind_of(column) == "date"
    ]


def _convictions(row: dict[str, V]) -> list[z3.BoolRef]:
    if "conviction_count" not in row:
        return []
    count, excl = row["conviction_count"], row["conviction_count_excluding_illegal_stay"]
    life = row["life_sentence"]
    whole = row["longest_sentence_not_fully_suspended_months"]
    part = row["longest_unsuspended_part_months"]
    cats = {c: row[f"convicted_{c.value}"] for c in OffenceCategory}
    k = count.known
    others = [v.value for c, v in cats.items() if c != OffenceCategory.illegal_stay]
    out = [excl.known == k, life.known == k, whole.known == part.known]
    out += [v.known == k for v in cats.values()]
    out.append(z3.Implies(whole.known, k))
    out.append(z3.Implies(k, z3.And(excl.value <= count.value, part.value <= whole.value)))
    out.append(
        z3.Implies(k, cats[OffenceCategory.illegal_stay].value == (count.value > excl.value))
    )
    out.append(z3.Implies(k, z3.Sum(*(z3.If(o, 1, 0) for o in others)) <= excl.value))
    out.append(z3.Implies(z3.And(k, excl.value >= 1), z3.Or(*others)))
    none = z3.And(k, count.value == 0)
    out.append(z3.Implies(none, z3.And(whole.known, whole.value == 0, z3.Not(life.value))))
    out.append(z3.Implies(z3.And(whole.known, whole.value > 0), count.value >= 1))
    return out


def _school(row: dict[str, V]) -> list[z3.BoolRef]:
    """The school columns as ``table.py`` computes them from at most two enrolments: the first
    counted one (if any) and the latest."""
    if "school_level" not in row:
        return []
    level, first, ever = row["school_level"], row["school_first_start"], row["school_enrolled_ever"]
    ongoing, end, local = row["school_ongoing"], row["school_last_end"], row["school_current_local"]
    k = level.known
    none = z3.And(k, level.value == word("none"))
    counted = z3.Or(*(level.value == word(x) for x in COUNTED_LEVELS))
    return [
        ever.known == k,
        ongoing.known == k,
        # a known school history says whether the current school counts (an enrolment not
        # marked home-language is read as at the school its level names: model/table.py)
        local.known == k,
        z3.Implies(end.known, k),
        first.known == z3.And(k, ever.value),
        z3.Implies(none, z3.And(z3.Not(ever.value), z3.Not(ongoing.value), z3.Not(end.known))),
        z3.Implies(none, z3.And(local.known, z3.Not(local.value))),
        z3.Implies(z3.And(k, z3.Not(none)), ongoing.value == z3.Not(end.known)),
        z3.Implies(z3.And(k, z3.Not(ongoing.value)), z3.And(local.known, z3.Not(local.value))),
        z3.Implies(local.is_true, z3.And(counted, ever.value)),
        z3.Implies(z3.And(ongoing.is_true, z3.Not(counted)), local.is_false),
        z3.Implies(z3.And(ever.value, end.known), first.value.key <= end.value.key),
    ]


def _grounds(row: dict[str, V]) -> list[z3.BoolRef]:
    present = [row[g] for g in GROUNDS if g in row]
    return [v.known == present[0].known for v in present[1:]]


def _format_rules(row: dict[str, V]) -> list[z3.BoolRef]:
    out = []
    if "deportation_order_date" in row:
        order, when = row["deportation_order"], row["deportation_order_date"]
        out.append(z3.Not(z3.And(order.is_false, when.known)))
    if "refugee_application_pending" in row:
        pending, count = row["refugee_application_pending"], row["refugee_application_count"]
        out.append(z3.Not(z3.And(pending.is_true, count.known, count.value == 0)))
    return out
