"""Compile a policy into a plan: every expression parsed, typed and put in evaluation order.

A plan is backend-neutral. ``engine.scalar`` and ``engine.columnar`` both evaluate the same
plan, so there is exactly one definition of every rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from graphlib import CycleError, TopologicalSorter

from zairyu.engine.compiled import (
    AS_OF,
    UNDETERMINED,
    CompiledAction,
    CompiledOutcome,
    Deferred,
    Plan,
    Step,
    Validity,
)
from zairyu.engine.expr import (
    Agg,
    ExpressionError,
    Lit,
    Node,
    Ref,
    Type,
    children,
    map_children,
    names,
    parse,
    walk,
)
from zairyu.engine.law import law_replacements
from zairyu.engine.scope import outcome_node, scope_rule, scoped
from zairyu.engine.weighing import with_weighing
from zairyu.model.columns import COLUMNS
from zairyu.policies.loader import PolicyFileError
from zairyu.policies.schema import Action, Condition, Policy, Variable

# One error for every mistake in a policy file, whether found when reading it or compiling it.
PolicyError = PolicyFileError

__all__ = [
    "AS_OF",
    "UNDETERMINED",
    "CompiledAction",
    "CompiledOutcome",
    "Plan",
    "PolicyError",
    "Step",
    "compile_policy",
]


def _type_of(value: date | bool | int | str) -> Type:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, date):
        return "date"
    return "str"


def _substitute(
    node: Node, params: dict[str, date | bool | int | str], law: dict[str, Node] | None = None
) -> Node:
    """Replace parameter references with their values (a reform changes them by recompiling)
    and, with ``law``, references to columns the law can settle by their law-filled reading
    (``zairyu.engine.law``)."""

    match node:
        case Ref(name=name) if name in params:
            return Lit(params[name], node.type)
        case Ref(name=name) if law is not None and name in law:
            return law[name]
    return map_children(node, lambda n: _substitute(n, params, law))


def _premise(
    condition: Condition,
    scope: dict[str, Type],
    params: dict[str, date | bool | int | str],
    law: dict[str, Node],
    source: str,
) -> Node:
    """A condition's ``applies_when``: where it is false, the condition holds only vacuously."""
    try:
        premise = parse(str(condition.applies_when), scope, want="bool")
    except ExpressionError as error:
        raise PolicyError(source, f"condition '{condition.id}'", f"applies_when: {error}") from None
    return _substitute(premise, params, law)


def _scope(policy: Policy, source: str) -> dict[str, Type]:
    scope: dict[str, Type] = {name: col.kind for name, col in COLUMNS.items()}
    scope[AS_OF] = "date"
    for param in policy.parameters:
        if param.id in scope:
            raise PolicyError(source, f"parameter '{param.id}'", "the name is already taken")
        scope[param.id] = _type_of(param.value)
    return scope


def _order(source: str, items: dict[str, tuple[str, str]], scope: dict[str, Type]) -> list[str]:
    """Topologically order variables and conditions; items maps name -> (label, expr)."""
    graph: dict[str, set[str]] = {}
    for name, (label, text) in items.items():
        try:
            # Parse with every item name visible (typed later, in order).
            loose: dict[str, Type] = {**scope, **dict.fromkeys(items, "null")}
            graph[name] = {n for n in names(parse(text, loose)) if n in items}
        except ExpressionError as error:
            raise PolicyError(source, label, str(error)) from None
    # Deterministic, whatever the hash seed: the items ready at each stage in the order the
    # policy file declares them (a set's order would change the results' columns run to run).
    position = {name: k for k, name in enumerate(items)}
    sorter = TopologicalSorter(
        {name: sorted(deps, key=position.__getitem__) for name, deps in graph.items()}
    )
    try:
        sorter.prepare()
        ordered: list[str] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=position.__getitem__)
            ordered.extend(ready)
            sorter.done(*ready)
        return ordered
    except CycleError as error:
        cycle = " -> ".join(str(n) for n in error.args[1])
        raise PolicyError(source, "definitions", f"circular definition: {cycle}") from None


def compile_policy(
    policy: Policy, source: str, overrides: dict[str, date | bool | int | str] | None = None
) -> Plan:
    """Compile ``policy``; ``overrides`` replaces parameter values (used by reforms)."""
    policy = with_weighing(policy)
    scope = _scope(policy, source)
    law = law_replacements()
    params: dict[str, date | bool | int | str] = {p.id: p.value for p in policy.parameters}
    for name, value in (overrides or {}).items():
        if name not in params:
            raise PolicyError(source, f"parameter '{name}'", "no such parameter to override")
        if _type_of(value) != _type_of(params[name]):
            raise PolicyError(source, f"parameter '{name}'", f"must be {_type_of(params[name])}")
        params[name] = value

    defs: dict[str, Variable | Condition] = {}
    items: list[Variable | Condition] = [*policy.variables, *policy.conditions]
    for item in items:
        kind = "condition" if isinstance(item, Condition) else "variable"
        if item.id in scope or item.id in defs:
            raise PolicyError(source, f"{kind} '{item.id}'", "the name is already taken")
        defs[item.id] = item
    labels = {
        n: (f"{'condition' if isinstance(d, Condition) else 'variable'} '{n}'", d.expr)
        for n, d in defs.items()
    }
    steps: list[Step] = []
    applies: dict[str, Node] = {}
    for name in _order(source, labels, scope):
        item = defs[name]
        is_condition = isinstance(item, Condition)
        try:
            node = parse(item.expr, scope, want="bool" if is_condition else None)
        except ExpressionError as error:
            raise PolicyError(source, labels[name][0], str(error)) from None
        if node.type == "null":
            raise PolicyError(source, labels[name][0], "the expression is always NULL")
        scope[name] = node.type
        roles = frozenset(r.value for r in item.applies_to) if item.applies_to else None
        steps.append(
            Step(name, _substitute(node, params, law), roles, is_condition, Deferred(item))
        )
        if isinstance(item, Condition) and item.applies_when:
            applies[name] = _premise(item, scope, params, law, source)

    outcomes = []
    ids = {o.id for o in policy.outcomes}
    reserved = (UNDETERMINED, scope_rule()[0].outcome.id)
    if len(ids) != len(policy.outcomes) or ids & set(reserved):
        raise PolicyError(
            source, "outcomes", f"outcome ids must be unique and not {' or '.join(reserved)}"
        )
    for outcome in policy.outcomes:
        try:
            node = parse(outcome.when, scope, want="bool")
        except ExpressionError as error:
            raise PolicyError(source, f"outcome '{outcome.id}'", str(error)) from None
        outcomes.append(
            CompiledOutcome(outcome.id, _substitute(node, params, law), Deferred(outcome))
        )
    last = outcomes[-1] if outcomes else None
    if last is None or not (isinstance(last.node, Lit) and last.node.value is True):
        raise PolicyError(
            source,
            "outcomes",
            'the last outcome must hold always (when: "TRUE"), so that '
            "every person gets an outcome",
        )

    steps, applies, outcomes = _with_scope(steps, applies, outcomes)
    actions = [_compile_action(a, scope, params, source) for a in policy.actions]
    validity = Validity(policy.id, policy.effective_from, policy.effective_to)
    plan = Plan(
        Deferred(policy), validity, source, params, steps, outcomes, actions, applies_when=applies
    )
    _split_deps(plan)
    return plan


def _with_scope(
    steps: list[Step], applies: dict[str, Node], outcomes: list[CompiledOutcome]
) -> tuple[list[Step], dict[str, Node], list[CompiledOutcome]]:
    """The scope rule (policies/scope.yaml, ``zairyu.engine.scope``): its outcome first, and
    every yes/no step read as FALSE for a member not in scope inside a household aggregate."""
    rule, _ = scope_rule()
    names = frozenset(s.name for s in steps)
    scoped_steps = [replace(s, node=scoped(s.node, names)) for s in steps]
    scoped_applies = {name: scoped(node, names) for name, node in applies.items()}
    first = CompiledOutcome(rule.outcome.id, outcome_node(), Deferred(rule.outcome))
    rest = [replace(o, node=scoped(o.node, names)) for o in outcomes]
    return scoped_steps, scoped_applies, [first, *rest]


def _split_deps(plan: Plan) -> None:
    """For each name: the columns read from the person's own row, and those read (through a
    household aggregate) from every member's row."""
    nodes: list[tuple[str, Node]] = [(s.name, s.node) for s in plan.steps]
    nodes += [(o.id, o.node) for o in plan.outcomes]
    for name, node in nodes:
        own: set[str] = set()
        household: set[str] = set()
        _visit_deps(plan, node, False, own, household)
        plan.own_deps[name] = frozenset(own)
        plan.household_deps[name] = frozenset(household)
        plan.deps[name] = frozenset(own | household)


def _visit_deps(plan: Plan, node: Node, inside: bool, own: set[str], household: set[str]) -> None:
    if isinstance(node, Agg):
        if node.over != "household":
            household.add("parents")  # who is related to whom is read from the members' parents
        _visit_deps(plan, node.arg, True, own, household)
        return
    if isinstance(node, Ref):
        target = household if inside else own
        if node.name in COLUMNS:
            target.add(node.name)
        else:
            target.update(plan.own_deps.get(node.name, ()))
            household.update(plan.household_deps.get(node.name, ()))
        return
    for child in children(node):
        _visit_deps(plan, child, inside, own, household)


def _compile_action(
    action: Action, scope: dict[str, Type], params: dict[str, date | bool | int | str], source: str
) -> CompiledAction:
    label = f"action '{action.id}'"
    assignments = []
    for column, text in action.set.items():
        if column not in COLUMNS or column in ("household_id", "person_id", "role"):
            raise PolicyError(source, label, f"'{column}' is not a fact column it may set")
        try:
            node = parse(text, scope)
        except ExpressionError as error:
            raise PolicyError(source, label, str(error)) from None
        if node.type not in (COLUMNS[column].kind, "null"):
            raise PolicyError(
                source, label, f"'{column}' is {COLUMNS[column].kind}, not {node.type}"
            )
        if any(isinstance(n, Ref) and n.name not in params and n.name != AS_OF for n in walk(node)):
            raise PolicyError(source, label, "a new value may use only literals and parameters")
        assignments.append((column, _substitute(node, params)))
    when = None
    if action.when:
        try:
            when = _substitute(parse(action.when, scope, want="bool"), params)
        except ExpressionError as error:
            raise PolicyError(source, label, str(error)) from None
    return CompiledAction(Deferred(action), tuple(assignments), when)
