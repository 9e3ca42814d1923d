"""Dead or constant conditions.

For each condition, three questions to the solver, for a person the condition applies to:
can it be true? can it be false? can it be unknown although every fact it reads (the person's
own, and every member's where a household aggregate reads them) is known? A condition that can
never be true or never false decides nothing; one unknown when all its facts are known would
leave an interview with nothing left to ask.
"""

from __future__ import annotations

import z3

from zairyu.checks.context import Context
from zairyu.checks.encode import World
from zairyu.checks.findings import Finding
from zairyu.checks.values import V, word


def facts_known(world: World, name: str, i: int = 0) -> z3.BoolRef:
    """Every fact ``name`` reads is known: member ``i``'s own, and each present member's where a
    household aggregate reads them."""
    plan = world.plan
    own = [world.facts[i][c].known for c in sorted(plan.own_deps.get(name, ()))]
    shared = [
        z3.Implies(world.present[j], world.facts[j][c].known)
        for j in range(world.size)
        for c in sorted(plan.household_deps.get(name, ()))
        if c in world.facts[j]  # who is whose parent is a link, always known (encode.link)
    ]
    return z3.And(z3.BoolVal(True), *own, *shared)


def applies(world: World, roles: frozenset[str] | None, i: int = 0) -> z3.BoolRef:
    if roles is None:
        return z3.BoolVal(True)
    return z3.Or(*(world.facts[i]["role"].value == word(r) for r in sorted(roles)))


def check_conditions(ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    a, pid = ctx.a, ctx.plan.id
    for step in ctx.plan.conditions:
        value = a.step(step.name, 0)
        who = applies(a, step.roles)
        roles = " or ".join(sorted(step.roles)) if step.roles else "member"
        base = f"dead:{pid}:{step.name}"
        with ctx.question(base):
            found += _condition(ctx, base, step.name, roles, who, value)
    return found


def _condition(
    ctx: Context, base: str, name: str, roles: str, who: z3.BoolRef, value: V
) -> list[Finding]:
    found: list[Finding] = []
    a = ctx.a
    can_true = ctx.solve(who, value.is_true) is not None
    can_false = ctx.solve(who, value.is_false) is not None
    if not can_true:
        found.append(_constant(ctx, base, "never_true", name, roles, [who, value.is_false]))
    if not can_false:
        found.append(_constant(ctx, base, "never_false", name, roles, [who, value.is_true]))
    stuck = [who, facts_known(a, name), z3.Not(value.known)]
    if ctx.solve(*stuck) is not None:
        found.append(
            Finding(
                f"{base}:unknown_when_known",
                "dead",
                "error",
                f"condition '{name}' is unknown for a {roles} although every fact "
                "it reads is known",
                ctx.scenes(stuck, (a, "facts known, condition unknown")),
            )
        )
    return found


def _constant(
    ctx: Context, base: str, what: str, name: str, roles: str, other: list[z3.BoolRef]
) -> Finding:
    never = "true" if what == "never_true" else "false"
    shown = "false" if never == "true" else "true"
    scenes = []
    if ctx.solve(*other) is not None:
        scenes = ctx.scenes(other, (ctx.a, f"condition {shown} here, as in every household"))
    return Finding(
        f"{base}:{what}",
        "dead",
        "error",
        f"condition '{name}' can never be {never} for a {roles}, in any household of up to "
        f"{ctx.size} members",
        scenes,
    )
