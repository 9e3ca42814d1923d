"""Why an outcome is unknown: the unknown input facts an undetermined result depends on.

The walk follows only the unknown branches of the expression tree: for ``a AND b`` that is
unknown, the unknown operands (none is false); for a comparison, its unknown operands; for a
household aggregate, the members whose value is unknown. What it reaches are the facts to find.
"""

from __future__ import annotations

from zairyu.engine.compiled import Step
from zairyu.engine.expr import Agg, Node, Ref, Scalar, children, names
from zairyu.engine.relations import related
from zairyu.engine.scalar import Fn, ScalarPlan, compile_node
from zairyu.model.columns import COLUMNS, Row


class _Walk:
    def __init__(self, scalar: ScalarPlan, rows: list[Row]) -> None:
        self.rows = rows
        self.steps: dict[str, Step] = {s.name: s for s in scalar.plan.steps}
        self.compiled: dict[int, Fn] = scalar.cache.setdefault("unknown_walk", {})
        self.seen: set[tuple[str, int]] = set()
        self.found: list[tuple[str, str]] = []

    def value(self, node: Node, i: int) -> Scalar:
        fn = self.compiled.get(id(node))
        if fn is None:
            fn = self.compiled[id(node)] = compile_node(node)
        return fn(self.rows, i)

    def visit(self, node: Node, i: int) -> None:
        if self.value(node, i) is not None:
            return
        if isinstance(node, Ref):
            self._ref(node.name, i)
        elif isinstance(node, Agg):
            for j in related(node.over, self.rows, i):
                self.visit(node.arg, j)
        else:
            for child in children(node):
                self.visit(child, i)

    def _ref(self, name: str, i: int) -> None:
        row = self.rows[i]
        step = self.steps.get(name)
        if step is not None:
            if (name, i) in self.seen:
                return
            self.seen.add((name, i))
            if step.roles is None or row["role"] in step.roles:
                self.visit(step.node, i)
        elif name in COLUMNS:
            fact = (str(row["person_id"]), name)
            if fact not in self.found:
                self.found.append(fact)


def missing_facts(scalar: ScalarPlan, evaluated: list[Row], i: int) -> list[tuple[str, str]]:
    """(person id, column) of every unknown fact that leaves member ``i``'s outcome unknown."""
    walk = _Walk(scalar, evaluated)
    for outcome in scalar.plan.outcomes:
        value = walk.value(outcome.node, i)
        if value is True:
            return []
        if value is None:
            walk.visit(outcome.node, i)
            if not walk.found:
                _through_unknown_conditions(scalar, walk, outcome.node, i)
            return walk.found
    return []


def _through_unknown_conditions(scalar: ScalarPlan, walk: _Walk, node: Node, i: int) -> None:
    """An outcome can be unknown while every value it reads is known: a weighed sum of factors
    counts an unknown factor as 0 in its minimum and as its weight in its maximum, and the
    outcome compares the two. Its missing facts are those of the unknown conditions it reads,
    directly or through variables."""
    reached = _reached(scalar, node)
    row = walk.rows[i]
    for step in scalar.plan.conditions:
        if step.name in reached and row.get(step.name) is None:
            walk._ref(step.name, i)


def _reached(scalar: ScalarPlan, node: Node) -> frozenset[str]:
    """The steps an outcome reads, directly or through variables: the same for every
    household, so found once per plan and outcome (in the plan's cache, as the walk's compiled
    closures are)."""
    cache: dict[int, frozenset[str]] = scalar.cache.setdefault("unknown_reach", {})
    found = cache.get(id(node))
    if found is None:
        steps = {s.name: s for s in scalar.plan.steps}
        pending, reached = list(names(node)), set()
        while pending:
            name = pending.pop()
            if name in reached or name not in steps:
                continue
            reached.add(name)
            pending.extend(names(steps[name].node))
        found = cache[id(node)] = frozenset(reached)
    return found
