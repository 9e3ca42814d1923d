"""Information monotonicity: what is decided while a fact is unknown stays decided.

- ``decided_early`` (error): the person has an outcome while a fact (a unit: one column, or the
  convictions, the school history, ...) of the person or another member is unknown, yet some
  value of that fact gives another outcome. An interview that stops once the outcome is
  decided would stop too soon.
- ``asked_for_nothing`` (review): the person's outcome is undetermined, the fact is the only one
  of theirs still unknown, and every value of it gives the same outcome: three-valued logic
  cannot see it, and the interview would ask a question whose answer changes nothing.
"""

from __future__ import annotations

import z3

from zairyu.checks.context import TIMEOUT_MS, Context
from zairyu.checks.domains import VOCABULARIES
from zairyu.checks.facts import HOUSEHOLD_LEVEL, kind_of, units
from zairyu.checks.findings import Finding
from zairyu.checks.monotone import slots
from zairyu.checks.values import V, word
from zairyu.checks.variant import Variant
from zairyu.engine.expr import names
from zairyu.engine.scope import scope_rule

QUANTIFIED_TIMEOUT_MS = 20_000
# An omitted legal status is not an unknown fact: the scope rule reads it as without status
# (policies/scope.yaml), so a result decided while it is omitted is decided by that reading.
READ_WHEN_OMITTED = frozenset(names(scope_rule()[1]))


def _changed(ctx: Context, columns: tuple[str, ...], j: int) -> list[tuple[int, str]]:
    if set(columns) & HOUSEHOLD_LEVEL:
        return [(t, c) for t in range(ctx.size) for c in columns]
    return [(j, c) for c in columns]


def check_information(ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    a, pid = ctx.a, ctx.plan.id
    undetermined = len(ctx.plan.outcomes)
    for unit, columns in units(ctx.plan):
        if set(columns) <= READ_WHEN_OMITTED:
            continue
        for j, who in slots(ctx)[: 1 if set(columns) & HOUSEHOLD_LEVEL else 2]:
            changed = _changed(ctx, columns, j)
            b = ctx.variant(changed)
            hidden = [z3.Not(a.facts[t][c].known) for t, c in changed]
            props = [
                *b.constraints,
                a.present[j],
                *hidden,
                a.outcome(0) != undetermined,
                b.outcome(0) != a.outcome(0),
            ]
            with ctx.question(f"info:{pid}:{unit}:{who}:decided_early"):
                found += _early(ctx, b, props, unit, j, who)
            if who == "self":
                with ctx.question(f"info:{pid}:{unit}:self:asked_for_nothing"):
                    found += _asked_for_nothing(ctx, b, unit, changed)
    return found


def _early(
    ctx: Context, b: Variant, props: list[z3.BoolRef], unit: str, j: int, who: str
) -> list[Finding]:
    a, pid = ctx.a, ctx.plan.id
    if ctx.solve(*props) is None:
        return []
    member = "the person's" if who == "self" else "another member's"
    return [
        Finding(
            f"info:{pid}:{unit}:{who}:decided_early",
            "information",
            "error",
            f"the person's outcome is decided while {member} '{unit}' is unknown, "
            "but knowing it can change the outcome",
            ctx.scenes(props, (a, f"{unit} of p{j + 1} unknown"), (b, f"{unit} known")),
        )
    ]


def _asked_for_nothing(
    ctx: Context, b: Variant, unit: str, changed: list[tuple[int, str]]
) -> list[Finding]:
    """A completion b of the unknown unit, and for every completion c the same outcome as b."""
    a, pid = ctx.a, ctx.plan.id
    undetermined = len(ctx.plan.outcomes)
    skip = set(changed)
    others_known = [a.facts[0][col].known for col in sorted(_read(ctx)) if (0, col) not in skip]
    every = _every_completion(ctx, changed, b.outcome(0))
    first = changed[0]  # the unit's leading column: known when the unit is
    props = [
        *b.constraints,
        *(z3.Not(a.facts[t][col].known) for t, col in changed),
        b.facts[first[0]][first[1]].known,
        *others_known,
        a.outcome(0) == undetermined,
        b.outcome(0) != undetermined,
    ]
    timeout = QUANTIFIED_TIMEOUT_MS if z3.is_quantifier(every) else TIMEOUT_MS
    if ctx.solve(*props, every, timeout_ms=timeout) is None:
        return []
    scenes = ctx.scenes([*props, every], (a, f"{unit} unknown"), (b, f"{unit} known (any value)"))
    return [
        Finding(
            f"info:{pid}:{unit}:self:asked_for_nothing",
            "information",
            "review",
            f"the outcome is undetermined while '{unit}' is unknown, but every value of it gives "
            "the same outcome: the question changes nothing",
            scenes,
        )
    ]


def _every_completion(
    ctx: Context, changed: list[tuple[int, str]], outcome: z3.ArithRef
) -> z3.BoolRef:
    """Every known value of the unit gives ``outcome``. A yes/no fact or one of a vocabulary has
    few values: one copy of the household per value, no quantifier. Any other unit: a
    quantifier over its variables."""
    (j, column), *rest = changed
    values: list[z3.BoolRef | z3.ArithRef] = []
    if not rest and kind_of(column) == "bool":
        values = [z3.BoolVal(True), z3.BoolVal(False)]
    elif not rest and column in VOCABULARIES:
        values = [word(v) for v in VOCABULARIES[column]]
    if not values:
        c = ctx.variant(changed, "c")
        return z3.ForAll(c.bound(), z3.Implies(z3.And(*c.constraints), c.outcome(0) == outcome))
    out = []
    for k, value in enumerate(values):
        # The value is a constant, not a variable the solver could choose to dodge the test.
        c = ctx.variant(changed, f"c{k}", {(j, column): V(z3.BoolVal(True), value)})
        out.append(z3.Implies(z3.And(z3.BoolVal(True), *c.constraints), c.outcome(0) == outcome))
    return z3.And(*out)


def _read(ctx: Context) -> set[str]:
    """The person's own facts the outcomes read."""
    return {col for o in ctx.plan.outcomes for col in ctx.plan.own_deps.get(o.id, ())}
