"""Who every measure is about, applied inside every compiled policy (``policies/scope.yaml``).

Compiling a policy (``zairyu.engine.plan``) puts the scope rule's outcome first, so a member
who is a Japanese national or holds a status gets it under every policy and the missing-facts
walk never asks for their facts; and inside every household aggregate it reads each of the
policy's yes/no conditions and variables as ``CASE WHEN <in scope> THEN <it> ELSE FALSE END``,
so such a member is no "parent with a serious ground" and no "child within the measure", while
their own recorded facts (role, age, school, could act as guardian) count as written. One tree:
the scalar, Polars and SQL backends apply the rule alike.
"""

from __future__ import annotations

from dataclasses import fields, replace
from functools import cache
from typing import Any

from zairyu.engine.expr import Agg, Case, Lit, Node, Ref, Type, parse
from zairyu.model.columns import COLUMNS
from zairyu.policies.scope import Scope, load_scope


@cache
def scope_rule() -> tuple[Scope, Node]:
    """The rule and its ``in_scope`` expression, typed over the person table."""
    scope = load_scope()
    types: dict[str, Type] = {name: c.kind for name, c in COLUMNS.items()}
    return scope, parse(scope.in_scope, types, want="bool")


def outcome_node() -> Node:
    """The scope outcome's ``when``: the member is not in scope."""
    scope, _ = scope_rule()
    types: dict[str, Type] = {name: c.kind for name, c in COLUMNS.items()}
    return parse(scope.outcome.when, types, want="bool")


def scoped(node: Node, steps: frozenset[str]) -> Node:
    """``node`` with every reference to one of the yes/no ``steps`` inside a household
    aggregate read as FALSE for a member not in scope."""
    _, in_scope = scope_rule()

    def inside(n: Node) -> Node:
        if isinstance(n, Ref) and n.name in steps and n.type == "bool":
            return Case(((in_scope, n),), Lit(False, "bool"), "bool")
        return _map(n, inside)

    def outside(n: Node) -> Node:
        if isinstance(n, Agg):
            return replace(n, arg=inside(n.arg))
        return _map(n, outside)

    return outside(node)


def _map(node: Node, fn: Any) -> Node:
    """``node`` with ``fn`` applied to each direct child (a node, or nodes in tuples)."""
    changes: dict[str, Any] = {}
    for f in fields(node):
        value = getattr(node, f.name)
        new = _map_value(value, fn)
        if new is not value:
            changes[f.name] = new
    return replace(node, **changes) if changes else node


def _map_value(value: Any, fn: Any) -> Any:
    if isinstance(value, tuple):
        items = tuple(_map_value(v, fn) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if hasattr(value, "__dataclass_fields__"):
        return fn(value)
    return value
