"""Outcomes: each reachable, none missing, none shadowed, overlaps reported for review.

- ``unreachable``: no household of up to ``size`` members gives the outcome;
- ``undetermined_when_known``: a person whose every fact is known gets no outcome;
- ``shadowed``: an outcome's condition implies an earlier one's, so it can never be given;
- ``overlap`` (review): two outcomes' conditions hold together and only their order decides
  (not reported for the scope rule's outcome, which every policy tries first by design).
"""

from __future__ import annotations

import z3

from zairyu.checks.conditions import facts_known
from zairyu.checks.context import Context
from zairyu.checks.findings import Finding
from zairyu.engine.compiled import UNDETERMINED
from zairyu.engine.scope import scope_rule


def check_outcomes(ctx: Context) -> list[Finding]:
    a, pid = ctx.a, ctx.plan.id
    outcomes = ctx.plan.outcomes
    found: list[Finding] = []
    index = a.outcome(0)
    for k, o in enumerate(outcomes):
        with ctx.question(f"outcome:{pid}:{o.id}:unreachable"):
            if ctx.solve(index == k) is not None:
                continue
            found.append(
                Finding(
                    f"outcome:{pid}:{o.id}:unreachable",
                    "outcomes",
                    "error",
                    f"outcome '{o.id}' is given to no one, in any household of up to "
                    f"{ctx.size} members",
                )
            )
    every = z3.And(*(facts_known(a, o.id) for o in outcomes))
    stuck = [every, index == len(outcomes)]
    with ctx.question(f"outcome:{pid}:{UNDETERMINED}:when_known"):
        if ctx.solve(*stuck) is not None:
            found.append(
                Finding(
                    f"outcome:{pid}:{UNDETERMINED}:when_known",
                    "outcomes",
                    "error",
                    "a person whose every fact is known gets no outcome",
                    ctx.scenes(stuck, (a, "every fact known, no outcome")),
                )
            )
    whens = [a.expr(o.node, 0) for o in outcomes]
    for j in range(1, len(outcomes)):
        for i in range(j):
            with ctx.question(f"shadowed:{pid}:{outcomes[j].id}:{outcomes[i].id}"):
                found += _pair(ctx, i, j, whens[i].is_true, whens[j].is_true)
    return found


def _pair(ctx: Context, i: int, j: int, earlier: z3.BoolRef, later: z3.BoolRef) -> list[Finding]:
    first, second = ctx.plan.outcomes[i], ctx.plan.outcomes[j]
    pid, last = ctx.plan.id, j == len(ctx.plan.outcomes) - 1
    if ctx.solve(later) is None:
        return []  # never holds at all: reported as unreachable or dead
    if not last and ctx.solve(later, z3.Not(earlier)) is None:
        return [
            Finding(
                f"shadowed:{pid}:{second.id}:{first.id}",
                "outcomes",
                "error",
                f"outcome '{second.id}' is shadowed: whenever its condition holds, the earlier "
                f"outcome '{first.id}' holds too, so '{second.id}' is never given",
                ctx.scenes([later], (ctx.a, f"'{second.id}' holds, '{first.id}' wins")),
            )
        ]
    if last or first.id == scope_rule()[0].outcome.id:
        return []  # the scope outcome is tried first by design (policies/scope.yaml)
    if ctx.solve(earlier, later) is None:
        return []
    return [
        Finding(
            f"overlap:{pid}:{first.id}:{second.id}",
            "outcomes",
            "review",
            f"outcomes '{first.id}' and '{second.id}' both hold here; only their order gives "
            f"'{first.id}'",
            ctx.scenes([earlier, later], (ctx.a, "both hold")),
        )
    ]
