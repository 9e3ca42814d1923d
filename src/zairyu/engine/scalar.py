"""Scalar backend: a plan compiled to plain Python closures, for one household at a time.

Each expression becomes ``fn(rows, i)``: the value for member ``i`` of a household whose rows
are ``rows``. Evaluation writes every variable, condition and the outcome into a copy of the
rows, so the evaluated rows are the trace. Semantics match SQL and Polars exactly
(three-valued logic); the property tests in ``tests/engine`` hold the two backends together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from zairyu.engine.compiled import AS_OF, UNDETERMINED, Plan
from zairyu.engine.expr import (
    Agg,
    Arith,
    Between,
    BoolOp,
    Case,
    Cmp,
    Coalesce,
    InList,
    IsNull,
    Lit,
    Node,
    Not,
    Over,
    Ref,
    Scalar,
    names,
)
from zairyu.engine.relations import related
from zairyu.model.columns import Row

Fn = Callable[[list[Row], int], Scalar]


def whole_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``; the anniversary itself counts as reached."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def whole_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``; the monthly anniversary counts as reached."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _and(fns: tuple[Fn, ...]) -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        unknown = False
        for f in fns:
            v = f(rows, i)
            if v is False:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    return fn


def _or(fns: tuple[Fn, ...]) -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        unknown = False
        for f in fns:
            v = f(rows, i)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return fn


def _cmp(op: str, left: Fn, right: Fn) -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        a, b = left(rows, i), right(rows, i)
        if a is None or b is None:
            return None
        if op == "=":
            return a == b
        if op == "<>":
            return a != b
        if op == "<":
            return a < b  # type: ignore[operator]
        if op == "<=":
            return a <= b  # type: ignore[operator]
        if op == ">":
            return a > b  # type: ignore[operator]
        return a >= b  # type: ignore[operator]

    return fn


def _agg(op: str, inner: Fn, over: Over = "household") -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        decisive = op == "any"  # any: a TRUE decides; all: a FALSE decides
        unknown = False
        for j in range(len(rows)) if over == "household" else related(over, rows, i):
            v = inner(rows, j)
            if v is decisive:
                return decisive
            if v is None:
                unknown = True
        return None if unknown else not decisive

    return fn


def _case(whens: tuple[tuple[Fn, Fn], ...], default: Fn | None) -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        for cond, value in whens:
            if cond(rows, i) is True:
                return value(rows, i)
        return default(rows, i) if default is not None else None

    return fn


def _terms(node: Node) -> list[tuple[int, Node]]:
    """A chain of additions and subtractions (a weighing's sum of weights) as signed terms."""
    if isinstance(node, Arith):
        sign = 1 if node.op == "+" else -1
        return [*_terms(node.left), *((sign * s, n) for s, n in _terms(node.right))]
    return [(1, node)]


def _sum(terms: list[tuple[int, Node]]) -> Fn:
    """The chain in one closure (not one per ``+``): unknown if any term is unknown."""
    signed = tuple((s, compile_node(n)) for s, n in terms)

    def fn(rows: list[Row], i: int) -> Scalar:
        total = 0
        for sign, f in signed:
            v = f(rows, i)
            if v is None:
                return None
            total += sign * v  # type: ignore[operator]
        return total

    return fn


def _coalesce(fns: tuple[Fn, ...]) -> Fn:
    def fn(rows: list[Row], i: int) -> Scalar:
        for f in fns:
            v = f(rows, i)
            if v is not None:
                return v
        return None

    return fn


def compile_node(node: Node) -> Fn:
    """Compile an expression tree to a closure."""
    match node:
        case Ref(name=name):
            return lambda rows, i: rows[i][name]
        case Lit(value=value):
            return lambda rows, i: value
        case Not(arg=arg):
            f = compile_node(arg)
            return lambda rows, i: None if (v := f(rows, i)) is None else not v
        case BoolOp(op="and", args=args):
            return _and(tuple(compile_node(a) for a in args))
        case BoolOp(args=args):
            return _or(tuple(compile_node(a) for a in args))
        case Cmp(op=op, left=left, right=right):
            return _cmp(op, compile_node(left), compile_node(right))
        case InList(arg=arg, values=values):
            f, allowed = compile_node(arg), frozenset(values)
            return lambda rows, i: None if (v := f(rows, i)) is None else v in allowed
        case IsNull(arg=arg):
            f = compile_node(arg)
            return lambda rows, i: f(rows, i) is None
        case Arith():
            return _sum(_terms(node))
        case Between(unit=unit, start=start, end=end):
            fs, fe = compile_node(start), compile_node(end)
            measure = whole_years if unit == "years" else whole_months

            def between(rows: list[Row], i: int) -> Scalar:
                a, b = fs(rows, i), fe(rows, i)
                return None if a is None or b is None else measure(a, b)  # type: ignore[arg-type]

            return between
        case Agg(op=op, arg=arg, over=over):
            return _agg(op, compile_node(arg), over)
        case Coalesce(args=args):
            return _coalesce(tuple(compile_node(a) for a in args))
        case Case(whens=whens, default=default):
            compiled = tuple((compile_node(c), compile_node(v)) for c, v in whens)
            return _case(compiled, compile_node(default) if default is not None else None)
    raise TypeError(f"cannot compile {node!r}")


@dataclass(frozen=True)
class ScalarPlan:
    """A plan compiled for one household at a time."""

    plan: Plan
    steps: tuple[tuple[str, Fn, frozenset[str] | None], ...]
    outcomes: tuple[tuple[str, Fn], ...]
    cache: dict[str, Any] = field(default_factory=dict, compare=False)
    # Whether what ``evaluate`` gives is what this plan's closures give, step by step, so that
    # another plan of the policy may read its steps (``outcome_for``'s ``known``).
    exact_steps: ClassVar[bool] = True

    def evaluate(self, rows: list[Row], as_of: date) -> list[Row]:
        """Evaluate every step for every member; returns new rows holding all results."""
        out = [{**row, AS_OF: as_of} for row in rows]
        n = range(len(out))
        for name, fn, roles in self.steps:
            if roles is None:
                for i in n:
                    out[i][name] = fn(out, i)
            else:
                for i in n:
                    out[i][name] = fn(out, i) if out[i]["role"] in roles else None
        for i in n:
            out[i]["outcome"] = self.outcome_of(out, i)
        return out

    def outcome_for(
        self,
        rows: list[Row],
        i: int,
        as_of: date,
        known: list[Row] | None = None,
        stale: frozenset[str] = frozenset(),
    ) -> str:
        """Member ``i``'s outcome alone, the same as ``evaluate(rows, as_of)[i]["outcome"]``:
        each step is computed only when an outcome (or a step it reads) asks for it, for the
        member it is asked of, so a search that needs one member's outcome many times (the
        presumptive level, the own numbers) skips what that outcome does not read.

        ``known``: the rows as ``evaluate`` gave them for facts that differ from ``rows`` only
        where no step outside ``stale`` reads (``stale_after``), with this plan or with one
        whose steps outside ``stale`` are this plan's (``changed_steps``): every other step's
        value is read from ``known``, not computed again."""
        table = self.cache.get("steps_by_name")
        if table is None:
            table = self.cache["steps_by_name"] = {n: (f, r) for n, f, r in self.steps}
        lazy: list[Row] = []
        if known is None:
            for row in rows:
                lazy.append(_OnDemand(table, lazy, len(lazy), {**row, AS_OF: as_of}))
            return self.outcome_of(lazy, i)
        kept = _bounded(self.cache, "reused")
        reused = kept.get(stale)
        if reused is None:
            reused = kept[stale] = [n for n in table if n not in stale]
        for row, before in zip(rows, known, strict=True):
            facts = {**row, AS_OF: as_of}
            for name in reused:
                facts[name] = before[name]
            lazy.append(_OnDemand(table, lazy, len(lazy), facts))
        return self.outcome_of(lazy, i)

    def stale_after(self, columns: frozenset[str]) -> frozenset[str]:
        """The steps whose value can change when the fact columns ``columns`` change: those
        that read any of them, in any member's row (``Plan.deps``: through the steps they read
        and the household aggregates)."""
        found = _bounded(self.cache, "stale_after")
        if columns not in found:
            deps = self.plan.deps
            found[columns] = frozenset(n for n, _, _ in self.steps if deps[n] & columns)
        stale: frozenset[str] = found[columns]
        return stale

    def outcome_of(self, rows: list[Row], i: int) -> str:
        for outcome_id, fn in self.outcomes:
            value = fn(rows, i)
            if value is True:
                return outcome_id
            if value is None:
                return UNDETERMINED
        return UNDETERMINED


KEPT_AT_MOST = 4096
"""Entries of a per-plan memo keyed by sets of names (``stale_after``): a server assesses
households that leave ever other facts unknown, so the memo is emptied when it is full."""


def _bounded(cache: dict[str, Any], name: str) -> dict[Any, Any]:
    """The memo ``name`` of a plan's cache, emptied when it holds ``KEPT_AT_MOST`` entries."""
    memo: dict[Any, Any] = cache.setdefault(name, {})
    if len(memo) >= KEPT_AT_MOST:
        memo.clear()
    return memo


class _OnDemand(dict[str, Scalar]):
    """A member's row whose steps are computed when first read (``ScalarPlan.outcome_for``)."""

    __slots__ = ("_i", "_rows", "_table")

    def __init__(
        self,
        table: dict[str, tuple[Fn, frozenset[str] | None]],
        rows: list[Row],
        i: int,
        facts: Row,
    ) -> None:
        super().__init__(facts)
        self._table, self._rows, self._i = table, rows, i

    def __missing__(self, name: str) -> Scalar:
        fn, roles = self._table[name]  # a KeyError for a name that is no step, as in a row
        value = fn(self._rows, self._i) if roles is None or self["role"] in roles else None
        self[name] = value
        return value


def changed_steps(base: Plan, other: Plan) -> frozenset[str]:
    """The steps of ``other`` (a plan of the same policy compiled with other parameter values)
    whose value can differ from ``base``'s: those whose expression differs, and those that read
    such a step."""
    nodes = {s.name: s.node for s in base.steps}
    changed: set[str] = set()
    for step in other.steps:  # in evaluation order: what a step reads comes before it
        if step.node != nodes.get(step.name) or not names(step.node).isdisjoint(changed):
            changed.add(step.name)
    return frozenset(changed)


def compile_scalar(plan: Plan) -> ScalarPlan:
    """Compile every step and outcome of a plan to closures."""
    steps = tuple((s.name, compile_node(s.node), s.roles) for s in plan.steps)
    outcomes = tuple((o.id, compile_node(o.node)) for o in plan.outcomes)
    return ScalarPlan(plan, steps, outcomes)
