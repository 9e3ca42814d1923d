"""Imprecise dates: a policy evaluated over every day a date allows, decided only where all agree.

A date known only to the month (``2000-09``), the year, or as an age on a day is the interval
of days it allows (``zairyu.model.dates``). A result is decided only if it is the same for
every choice of a day in every interval; otherwise it is unknown, and the dates it waits on
are listed as missing facts ("exact date needed").

Why the corners of the intervals are enough
-------------------------------------------
Dates enter a policy in three ways only (``zairyu.engine.expr``): compared with another date
(``applied_on <= deportation_order_date``), measured by ``years_between``/``months_between``
(nonincreasing in its first date, nondecreasing in its second), and through the person-table
columns that ``zairyu.model.table`` derives from them (the earliest school start, the start of
illegal stay, living in Japan since: each a date chosen among, or the least of, recorded
dates). Each of these is *monotone in each date*: moving one date later moves the result one
way only, whatever the other dates are. A monotone function on a box of intervals takes its
least and its greatest value at corners of the box (set each date to the end that lowers it,
or to the end that raises it). So:

1. **Rows.** Each person's row is computed at every corner of that person's date intervals
   (2^k rows for k imprecise dates). A cell equal at every corner is exact; a date or number
   that differs is the interval ``Span(least, greatest)`` of its corner values, which holds
   every value the cell takes inside the box (monotone); a choice between codes that differs
   (which enrolment is the latest) is the set of its corner values, which holds every choice
   (the enrolment latest at an inner point is latest at the corner that moves it to its own
   end and the others to theirs).
2. **Expressions.** Each value is evaluated as the *set of values it can take*: a comparison
   of two intervals can be true if some pair of their points makes it true, false likewise;
   ``years_between`` of two intervals is the interval between its values at the corners
   (monotone); AND, OR, NOT, CASE, COALESCE and the household aggregates combine the sets
   of their operands (three-valued logic, value by value). This is evaluated atom by atom, not
   by evaluating the whole household at the corners and comparing: a condition such as
   "at least 6 and under 18" is not monotone in the date of birth (false at both ends of a
   long interval, true inside), so whole-household corners could decide it wrongly; each of
   its two comparisons is monotone, so evaluating each at the corners is sound.
3. **Results.** A value that can be only one thing is decided; anything else is unknown
   (``None``) to the rest of the engine, which already treats unknowns soundly. An outcome is
   decided only when its rule is certainly true (or certainly false, moving to the next rule);
   otherwise it is undetermined. Over exact dates every set has one element and the evaluation
   is exactly ``zairyu.engine.scalar``'s (tested).

The sets over-approximate: two comparisons of the same date are treated as independent, so a
result can be left open that a finer analysis would decide. It is never decided wrongly:
narrowing a date to any day inside it gives a result that agrees with every decided one
(``tests/engine/test_corners.py`` checks this as a property).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import product
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
    Ref,
    Scalar,
    names,
)
from zairyu.engine.relations import related
from zairyu.engine.scalar import ScalarPlan, whole_months, whole_years
from zairyu.model.columns import COLUMNS, Row
from zairyu.model.intervals import NULL, Atom, Span, Values, exact

AbstractRow = dict[str, Values]
AFn = Callable[[list[AbstractRow], int], Values]
TRUE: Values = frozenset({True})
FALSE: Values = frozenset({False})


def _bounds(atom: Atom) -> tuple[Any, Any]:
    return (atom.lo, atom.hi) if isinstance(atom, Span) else (atom, atom)


def _compare(op: str, a: Atom, b: Atom) -> set[bool]:
    """Whether ``a op b`` can be true and can be false, for some points of ``a`` and ``b``."""
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    if not isinstance(a, Span) and not isinstance(b, Span):
        return {_exact_compare(op, a, b)}
    if op in ("=", "<>"):
        overlap = alo <= bhi and blo <= ahi
        equal = {True} if overlap else set()
        equal |= {False}  # one side is a span of at least two values
        return equal if op == "=" else {not v for v in equal}
    if op in ("<", ">="):
        can = {True} if alo < bhi else set()  # a < b somewhere
        can |= {False} if ahi >= blo else set()  # a >= b somewhere
        return can if op == "<" else {not v for v in can}
    can = {True} if alo <= bhi else set()  # a <= b somewhere
    can |= {False} if ahi > blo else set()
    return can if op == "<=" else {not v for v in can}


def _exact_compare(op: str, a: Any, b: Any) -> bool:
    if op == "=":
        return bool(a == b)
    if op == "<>":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def _and(sets: list[Values]) -> Values:
    out: set[Atom] = set()
    if any(False in s for s in sets):
        out.add(False)
    if all(True in s for s in sets):
        out.add(True)
    if all(s - {False} for s in sets) and any(None in s for s in sets):
        out.add(None)
    return frozenset(out)


def _not(values: Values) -> Values:
    return frozenset(None if v is None else not v for v in values)


def _or(sets: list[Values]) -> Values:
    """NOT (NOT a AND NOT b ...), as three-valued logic has it (De Morgan)."""
    return _not(_and([_not(s) for s in sets]))


def _measure(unit: str, start: Atom, end: Atom) -> Atom:
    measure = whole_years if unit == "years" else whole_months
    (slo, shi), (elo, ehi) = _bounds(start), _bounds(end)
    least, most = measure(shi, elo), measure(slo, ehi)  # fewest from the latest start
    return least if least == most else Span(least, most)


def _arith(op: str, a: Atom, b: Atom) -> Atom:
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    lo, hi = (alo + blo, ahi + bhi) if op == "+" else (alo - bhi, ahi - blo)
    return lo if lo == hi else Span(lo, hi)


@dataclass
class Evaluation:
    """An abstract evaluation: the sets per row, and the imprecise cells a result hung on."""

    rows: list[AbstractRow]
    undecided_by: set[tuple[int, str]] = field(default_factory=set)


class _Compiler:
    def __init__(self, plan: Plan | None, evaluation: Evaluation) -> None:
        self.plan = plan
        self.evaluation = evaluation

    def _reads(self, node: Node) -> tuple[set[str], set[str]]:
        """The columns a node reads for its own row, and through household aggregates."""
        own: set[str] = set()
        household: set[str] = set()
        for name in names(node):
            if name in COLUMNS:
                own.add(name)
            if self.plan is not None:
                own |= self.plan.own_deps.get(name, frozenset())
                household |= self.plan.household_deps.get(name, frozenset())
        return own, household

    def _flag(self, node: Node, rows: list[AbstractRow], i: int) -> None:
        own, household = self._reads(node)
        flags = self.evaluation.undecided_by
        for column in own:
            if any(isinstance(a, Span) for a in rows[i].get(column, NULL)):
                flags.add((i, column))
        for j, row in enumerate(rows):
            for column in household:
                if any(isinstance(a, Span) for a in row.get(column, NULL)):
                    flags.add((j, column))

    def compile(self, node: Node) -> AFn:
        match node:
            case Ref(name=name):
                return lambda rows, i: rows[i].get(name, NULL)
            case Lit(value=value):
                constant = exact(value)
                return lambda rows, i: constant
            case Not(arg=arg):
                f = self.compile(arg)
                return lambda rows, i: _not(f(rows, i))
            case BoolOp(op=op, args=args):
                fns = [self.compile(a) for a in args]
                combine = _and if op == "and" else _or
                return lambda rows, i: combine([f(rows, i) for f in fns])
            case Cmp(op=op, left=left, right=right):
                return self._cmp(node, op, self.compile(left), self.compile(right))
            case InList(arg=arg, values=values):
                return self._in(node, self.compile(arg), frozenset(values))
            case IsNull(arg=arg):
                f = self.compile(arg)
                return lambda rows, i: frozenset(v is None for v in f(rows, i))
            case Arith(op=op, left=left, right=right):
                return self._pairwise(node, self.compile(left), self.compile(right), op)
            case Between(unit=unit, start=start, end=end):
                return self._pairwise(node, self.compile(start), self.compile(end), unit)
            case Agg(op=op, arg=arg, over=over):
                inner = self.compile(arg)
                combine = _or if op == "any" else _and
                if over == "household":
                    return lambda rows, i: combine([inner(rows, j) for j in range(len(rows))])
                return lambda rows, i: combine(
                    [inner(rows, j) for j in related(over, _relation_view(rows), i)]
                )
            case Coalesce(args=args):
                return self._coalesce([self.compile(a) for a in args])
            case Case(whens=whens, default=default):
                compiled = [(self.compile(c), self.compile(v)) for c, v in whens]
                fallback = self.compile(default) if default is not None else None
                return self._case(compiled, fallback)
        raise TypeError(f"cannot compile {node!r}")

    def _cmp(self, node: Node, op: str, left: AFn, right: AFn) -> AFn:
        def fn(rows: list[AbstractRow], i: int) -> Values:
            out: set[Atom] = set()
            spans = False
            for a, b in product(left(rows, i), right(rows, i)):
                if a is None or b is None:
                    out.add(None)
                    continue
                spans = spans or isinstance(a, Span) or isinstance(b, Span)
                out |= _compare(op, a, b)
            if spans and True in out and False in out:
                self._flag(node, rows, i)
            return frozenset(out)

        return fn

    def _in(self, node: Node, arg: AFn, allowed: frozenset[Scalar]) -> AFn:
        def fn(rows: list[AbstractRow], i: int) -> Values:
            out: set[Atom] = set()
            for a in arg(rows, i):
                if a is None:
                    out.add(None)
                elif isinstance(a, Span):
                    out.add(False)
                    if any(_bounds(a)[0] <= v <= _bounds(a)[1] for v in allowed):
                        out.add(True)
                        self._flag(node, rows, i)
                else:
                    out.add(a in allowed)
            return frozenset(out)

        return fn

    def _pairwise(self, node: Node, left: AFn, right: AFn, op: str) -> AFn:
        between = op in ("years", "months")

        def fn(rows: list[AbstractRow], i: int) -> Values:
            out: set[Atom] = set()
            for a, b in product(left(rows, i), right(rows, i)):
                if a is None or b is None:
                    out.add(None)
                else:
                    out.add(_measure(op, a, b) if between else _arith(op, a, b))
            return frozenset(out)

        return fn

    @staticmethod
    def _coalesce(fns: list[AFn]) -> AFn:
        def fn(rows: list[AbstractRow], i: int) -> Values:
            out: set[Atom] = set()
            for f in fns:
                values = f(rows, i)
                out |= values - {None}
                if None not in values:
                    return frozenset(out)
            return frozenset(out | {None})

        return fn

    @staticmethod
    def _case(whens: list[tuple[AFn, AFn]], default: AFn | None) -> AFn:
        def fn(rows: list[AbstractRow], i: int) -> Values:
            out: set[Atom] = set()
            for cond, value in whens:
                taken = cond(rows, i)
                if True in taken:
                    out |= value(rows, i)
                if taken == TRUE:
                    return frozenset(out)
            return frozenset(out | (default(rows, i) if default is not None else NULL))

        return fn


def _relation_view(rows: list[AbstractRow]) -> list[Row]:
    """The columns relations are read from, as exact values (they are never imprecise)."""
    return [{k: decided(r.get(k, NULL)) for k in ("person_id", "role", "parents")} for r in rows]


def decided(values: Values) -> Scalar:
    """The one value a set holds, or ``None`` (unknown) when it can be more than one."""
    if len(values) == 1:
        (only,) = values
        if not isinstance(only, Span):
            return only
    return None


@dataclass(frozen=True)
class CornerPlan(ScalarPlan):
    """A compiled plan that evaluates rows whose cells are sets of possible values.

    ``evaluate`` takes exact rows (as ``ScalarPlan`` does) plus, in ``spans``, the cells that
    an imprecise date leaves open; it returns exact rows, a cell that can be more than one
    value being unknown (``None``), so that the missing-facts walk, the presumptive level and
    the counterfactuals work on it unchanged."""

    spans: dict[tuple[int, str], Values] = field(default_factory=dict, compare=False)
    last: list[Evaluation] = field(default_factory=list, compare=False)
    # a cell every day of an imprecise date decides alike is decided here, where the closures
    # of the plain plan would leave it unknown: another plan may not read these steps
    exact_steps: ClassVar[bool] = False

    def evaluate(self, rows: list[Row], as_of: date) -> list[Row]:
        abstract = abstract_rows(rows, self.spans, as_of)
        evaluation = Evaluation(abstract)
        compiler, steps, outcomes = self._compiled()
        compiler.evaluation = evaluation
        out = [{**row, AS_OF: as_of} for row in rows]
        for step, fn in zip(self.plan.steps, steps, strict=True):
            for i in range(len(out)):
                applies = step.roles is None or out[i]["role"] in step.roles
                values = fn(abstract, i) if applies else NULL
                abstract[i][step.name] = values
                out[i][step.name] = decided(values)
        for i in range(len(out)):
            out[i]["outcome"] = self._outcome(outcomes, abstract, i)
        self.last.append(evaluation)
        return out

    def outcome_for(
        self,
        rows: list[Row],
        i: int,
        as_of: date,
        known: list[Row] | None = None,
        stale: frozenset[str] = frozenset(),
    ) -> str:
        """Member ``i``'s outcome over every day the open cells allow (no shortcut here: every
        step is evaluated again, nothing read from ``known``)."""
        return str(self.evaluate(rows, as_of)[i]["outcome"])

    def _compiled(self) -> tuple[_Compiler, list[AFn], list[tuple[str, AFn]]]:
        """The plan compiled once per ``CornerPlan``, that is per assessment: the compiler
        records into the evaluation it is given, so it is never shared between assessments
        (two requests at once would record into each other's)."""
        cached = self.cache.get("corners")
        if cached is None:
            compiler = _Compiler(self.plan, Evaluation([]))
            steps = [compiler.compile(step.node) for step in self.plan.steps]
            outcomes = [(o.id, compiler.compile(o.node)) for o in self.plan.outcomes]
            cached = self.cache["corners"] = (compiler, steps, outcomes)
        return cached

    @staticmethod
    def _outcome(outcomes: list[tuple[str, AFn]], rows: list[AbstractRow], i: int) -> str:
        for outcome_id, fn in outcomes:
            values = fn(rows, i)
            if values == TRUE:
                return outcome_id
            if values != FALSE:
                return UNDETERMINED
        return UNDETERMINED


def abstract_rows(
    rows: list[Row], spans: dict[tuple[int, str], Values], as_of: date
) -> list[AbstractRow]:
    """Exact rows as sets of one value each, the open cells (still ``None`` in ``rows``:
    a presumption or a counterfactual may have set them since) as the values they can take."""
    abstract: list[AbstractRow] = []
    for i, row in enumerate(rows):
        cells = {name: exact(value) for name, value in row.items()}
        for (j, column), values in spans.items():
            if j == i and row.get(column) is None:
                cells[column] = values
        cells[AS_OF] = exact(as_of)
        abstract.append(cells)
    return abstract


def certainly_false(
    node: Node, rows: list[Row], spans: dict[tuple[int, str], Values], as_of: date
) -> list[bool]:
    """Per row, whether a condition fails for every day the open cells allow (an input check:
    refused only when no narrowing of the dates could satisfy it)."""
    abstract = abstract_rows(rows, spans, as_of)
    fn = _Compiler(None, Evaluation(abstract)).compile(node)
    return [fn(abstract, i) == FALSE for i in range(len(rows))]


def corner_plan(scalar: ScalarPlan, spans: dict[tuple[int, str], Values]) -> CornerPlan:
    """The plan of ``scalar`` evaluating the open cells ``spans`` ((row, column) -> values)."""
    return CornerPlan(scalar.plan, scalar.steps, scalar.outcomes, {}, spans, [])
