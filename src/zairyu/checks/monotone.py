"""Monotonicity: a worse fact never helps, a better fact never hurts, no action makes it worse.

Two households that differ in one fact of one member (the person, or another member), both
with an outcome: if the fact is unfavourable (``direction.yaml``), making it worse must not
give the person a better-ranked outcome; if favourable, making it better must not give a
worse-ranked one. Each action a counterfactual may try (``actions:`` of the policy), applied
where the engine would try it, must never lower the person's rank. Both checks compare two
decided outcomes: an outcome that becomes undetermined has not become worse, it waits for a
fact (the information check looks at that).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
import z3

from zairyu.checks.conditions import applies
from zairyu.checks.context import Context
from zairyu.checks.findings import Finding
from zairyu.checks.values import V, ordered
from zairyu.checks.variant import Variant
from zairyu.engine.compiled import CompiledAction

DIRECTION_FILE = Path(__file__).with_name("direction.yaml")
WORSE = {  # direction -> (the comparison of b's value against a's that makes b worse)
    "unfavourable": ">",
    "favourable": "<",
    "earlier_favourable": ">",
    "earlier_unfavourable": "<",
}


@cache
def directions() -> dict[str, str]:
    """Column -> direction, from direction.yaml."""
    raw = yaml.safe_load(DIRECTION_FILE.read_text(encoding="utf-8"))
    return {column: kind for kind in WORSE for column in raw.get(kind) or []}


def slots(ctx: Context) -> list[tuple[int, str]]:
    """The members whose facts are changed: the person, and (if any) another member."""
    return [(0, "self"), (1, "other")][: min(ctx.size, 2)]


def _worse(kind: str, before: V, after: V) -> z3.BoolRef:
    a, b = before.value, after.value
    if z3.is_bool(a):
        a, b = z3.If(a, 1, 0), z3.If(b, 1, 0)
    return ordered(WORSE[kind], b, a)


def check_monotone(ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    a, pid = ctx.a, ctx.plan.id
    undetermined = len(ctx.plan.outcomes)
    for column, kind in sorted(directions().items()):
        if column not in a.free(0):
            continue
        for j, who in slots(ctx):
            b = ctx.variant([(j, column)])
            before, after = a.facts[j][column], b.facts[j][column]
            props = [
                *b.constraints,
                a.present[j],
                before.known,
                after.known,
                _worse(kind, before, after),
                a.outcome(0) != undetermined,
                b.outcome(0) != undetermined,
                b.rank(0) > a.rank(0),
            ]
            with ctx.question(f"monotone:{pid}:{column}:{who}"):
                found += _finding(ctx, b, props, column, kind, j, who)
    for action in ctx.plan.actions:
        found += _action(ctx, action)
    return found


def _finding(
    ctx: Context, b: Variant, props: list[z3.BoolRef], column: str, kind: str, j: int, who: str
) -> list[Finding]:
    a, pid = ctx.a, ctx.plan.id
    if ctx.solve(*props) is None:
        return []
    member = "the person's own" if who == "self" else "another member's"
    return [
        Finding(
            f"monotone:{pid}:{column}:{who}",
            "monotone",
            "error",
            f"making {member} '{column}' worse for them ({kind}) gives the person a "
            "better-ranked outcome",
            ctx.scenes(props, (a, "before"), (b, f"after: {column} of p{j + 1} worse")),
        )
    ]


def _action(ctx: Context, action: CompiledAction) -> list[Finding]:
    a, spec = ctx.a, action.definition
    household = spec.scope == "household"
    found: list[Finding] = []
    for j, who in slots(ctx)[: 1 if household else 2]:
        targets = range(ctx.size) if household else (j,)
        changed = [(t, col) for t in targets for col, _ in action.assignments]
        b = ctx.variant(changed)
        props = [*b.constraints, a.present[j]]
        roles = frozenset(r.value for r in spec.applies_to) if spec.applies_to else None
        props.append(applies(a, roles, j))
        if spec.only_if_unknown:
            props += [z3.Not(a.facts[j][col].known) for col, _ in action.assignments]
        if action.when is not None:
            props.append(a.expr(action.when, j).is_true)
        for t in targets:
            for col, node in action.assignments:
                new = a.expr(node, j)
                after = b.facts[t][col]
                if new.value is None:
                    props.append(z3.Not(after.known))
                else:
                    props += [after.known, ordered("=", after.value, new.value)]
        undetermined = len(ctx.plan.outcomes)
        props += [a.outcome(0) != undetermined, b.outcome(0) != undetermined]
        props.append(b.rank(0) < a.rank(0))
        with ctx.question(f"action:{ctx.plan.id}:{spec.id}:{who}"):
            found += _action_finding(ctx, b, props, spec.id, who)
    return found


def _action_finding(
    ctx: Context, b: Variant, props: list[z3.BoolRef], action: str, who: str
) -> list[Finding]:
    a = ctx.a
    if ctx.solve(*props) is None:
        return []
    return [
        Finding(
            f"action:{ctx.plan.id}:{action}:{who}",
            "monotone",
            "error",
            f"action '{action}', taken by {'the person' if who == 'self' else 'another member'}"
            ", gives the person a worse-ranked outcome",
            ctx.scenes(props, (a, "before"), (b, f"after '{action}'")),
        )
    ]
