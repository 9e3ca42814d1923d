"""A policy's compiled plan encoded into z3, for one household of up to ``size`` members.

A *world* is one household: for every member, every fact the policy reads is a pair of z3
variables (known, value); member 0 is always present, members 1 .. size-1 may be absent, so one
world stands for every household of at most ``size`` members. Variables, conditions and outcomes
are encoded exactly as ``engine.scalar`` evaluates them (three-valued logic, household
aggregates over the members present, role filters), so the solver reasons about the same rules
the engine runs. Checks compare two worlds (before and after a change) that share every fact but
the one changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import z3

from zairyu.checks import realisable
from zairyu.checks.facts import DERIVED, RECORDED_ILLEGAL_STAY, fact_columns, kind_of
from zairyu.checks.values import UNKNOWN, Day, V, choose, literal, ordered, word
from zairyu.checks.values import whole_months as months
from zairyu.checks.values import whole_years as years
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
)

T, F = z3.BoolVal(True), z3.BoolVal(False)


def fresh(name: str, kind: str) -> V:
    known = z3.Bool(f"{name}?")
    if kind == "bool":
        return V(known, z3.Bool(name))
    if kind == "int":
        return V(known, z3.Int(name))
    if kind == "date":
        return V(known, Day.fresh(name))
    return V(known, z3.Int(name))  # a string, as its code (values.word)


@dataclass
class World:
    """One household in z3, with every condition and outcome of a plan."""

    plan: Plan
    size: int
    name: str = "a"
    facts: list[dict[str, V]] = field(default_factory=list)
    present: list[z3.BoolRef] = field(default_factory=list)
    as_of: Day | None = None
    constraints: list[z3.BoolRef] = field(default_factory=list)
    _memo: dict[tuple[str, int], V] = field(default_factory=dict)
    _outcomes: dict[int, z3.ArithRef] = field(default_factory=dict)
    _links: dict[tuple[int, int], z3.BoolRef] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.columns = fact_columns(self.plan)
        self.as_of = Day.fresh(f"{self.name}.as_of")
        for j in range(self.size):
            row = {c: fresh(f"{self.name}.{j}.{c}", kind_of(c)) for c in self.columns}
            row["role"] = V(T, row["role"].value)
            if "in_japan_since" in row:
                row["in_japan_since"] = _in_japan_since(row)
            if "illegal_stay_since" in row:
                row["illegal_stay_since"] = _illegal_stay_since(row)
            self.facts.append(row)
            self.present.append(T if j == 0 else z3.Bool(f"{self.name}.{j}.present"))
        self.constraints = realisable.constraints(self)
        self.constraints += self._relations_recordable()

    def free(self, j: int) -> dict[str, V]:
        """The facts of member ``j`` that are variables (not computed from others)."""
        return {c: v for c, v in self.facts[j].items() if c not in DERIVED}

    # --- expressions ---------------------------------------------------------------------
    def ref(self, name: str, i: int) -> V:
        if name == AS_OF:
            assert self.as_of is not None
            return V(T, self.as_of)
        if name in self.facts[i]:
            return self.facts[i][name]
        return self.step(name, i)

    def step(self, name: str, i: int) -> V:
        key = (name, i)
        if key not in self._memo:
            step = next(s for s in self.plan.steps if s.name == name)
            value = self.expr(step.node, i)
            if step.roles is not None:
                allowed = z3.Or(
                    *(self.facts[i]["role"].value == word(r) for r in sorted(step.roles))
                )
                value = V(z3.And(allowed, value.known), value.value)
            self._memo[key] = value
        return self._memo[key]

    def expr(self, node: Node, i: int) -> V:
        match node:
            case Ref(name=name):
                return self.ref(name, i)
            case Lit(value=value):
                return literal(value)
            case Not(arg=arg):
                a = self.expr(arg, i)
                return V(a.known, z3.Not(a.value)) if a.value is not None else UNKNOWN
            case BoolOp(op=op, args=args):
                return _boolop(op, [self.expr(a, i) for a in args])
            case Cmp(op=op, left=left, right=right):
                a, b = self.expr(left, i), self.expr(right, i)
                if a.value is None or b.value is None:
                    return UNKNOWN
                return V(z3.And(a.known, b.known), ordered(op, a.value, b.value))
            case InList(arg=arg, values=values):
                a = self.expr(arg, i)
                if a.value is None:
                    return UNKNOWN
                return V(a.known, z3.Or(*(ordered("=", a.value, literal(v).value) for v in values)))
            case IsNull(arg=arg):
                return V(T, z3.Not(self.expr(arg, i).known))
            case Arith(op=op, left=left, right=right):
                a, b = self.expr(left, i), self.expr(right, i)
                if a.value is None or b.value is None:
                    return UNKNOWN
                value = a.value + b.value if op == "+" else a.value - b.value
                return V(z3.And(a.known, b.known), value)
            case Between(unit=unit, start=start, end=end):
                a, b = self.expr(start, i), self.expr(end, i)
                if a.value is None or b.value is None:
                    return UNKNOWN
                measure = years if unit == "years" else months
                return V(z3.And(a.known, b.known), measure(a.value, b.value))
            case Agg(op=op, arg=arg, over=over):
                return self._agg(op, arg, self._members(over, i))
            case Coalesce(args=args):
                return _coalesce([self.expr(a, i) for a in args])
            case Case(whens=whens, default=default):
                result = self.expr(default, i) if default is not None else UNKNOWN
                for cond, then in reversed(whens):
                    c, v = self.expr(cond, i), self.expr(then, i)
                    result = V(
                        z3.If(c.is_true, v.known, result.known),
                        choose(c.is_true, v.value, result.value),
                    )
                return result
        raise TypeError(f"cannot encode {node!r}")

    # --- relations -----------------------------------------------------------------------
    def link(self, i: int, j: int) -> z3.BoolRef:
        """Member ``j`` is a parent of member ``i``. Free: every assignment stands for some
        household's recorded parents (or the reading by roles, engine.relations), so a
        property proven here holds for every such household."""
        if i == j:
            return F
        key = (i, j)
        if key not in self._links:
            self._links[key] = z3.And(self.present[j], z3.Bool(f"{self.name}.{i}.parent.{j}"))
        return self._links[key]

    def _no_parent(self, i: int) -> z3.BoolRef:
        """Member ``i`` has no parent linked in the household."""
        return z3.And(T, *(z3.Not(self.link(i, k)) for k in range(self.size)))

    def _relations_recordable(self) -> list[z3.BoolRef]:
        """The links a household can give: a member with role child and no parent in the
        household has no member with role parent beside them (else engine.relations reads the
        child by roles, as a child of those parents)."""
        child, parent = word("child"), word("parent")
        out = []
        for i in range(self.size):
            orphan = z3.And(
                self.present[i], self.facts[i]["role"].value == child, self._no_parent(i)
            )
            parents = [
                z3.And(self.present[k], self.facts[k]["role"].value == parent)
                for k in range(self.size)
                if k != i
            ]
            out.append(z3.Implies(orphan, z3.Not(z3.Or(F, *parents))))
            if "birth_date" in self.facts[i]:  # a parent is older than their child
                mine = self.facts[i]["birth_date"]
                for k in range(self.size):
                    theirs = self.facts[k]["birth_date"]
                    known = z3.And(self.link(i, k), mine.known, theirs.known)
                    out.append(z3.Implies(known, theirs.value.key < mine.value.key))
        return out

    def related(self, over: str, i: int, j: int) -> z3.BoolRef:
        """Member ``j`` is one of member ``i``'s ``over`` (parents, children, siblings)."""
        if over == "parents":
            return self.link(i, j)
        if over == "children":
            return self.link(j, i)
        if i == j:
            return F
        share = z3.Or(F, *(z3.And(self.link(i, k), self.link(j, k)) for k in range(self.size)))
        child = word("child")
        orphans = z3.And(
            self.facts[i]["role"].value == child,
            self.facts[j]["role"].value == child,
            self._no_parent(i),
            self._no_parent(j),
        )
        return z3.Or(share, orphans)

    def _members(self, over: str, i: int) -> list[z3.BoolRef]:
        if over == "household":
            return self.present
        return [z3.And(self.present[j], self.related(over, i, j)) for j in range(self.size)]

    def _agg(self, op: str, arg: Node, present: list[z3.BoolRef]) -> V:
        members = [(present[j], self.expr(arg, j)) for j in range(self.size)]
        trues = [z3.And(p, v.is_true) for p, v in members if v.value is not None]
        falses = [z3.Or(z3.Not(p), v.is_false) for p, v in members if v.value is not None]
        if len(trues) < len(members):  # a member whose value is always NULL
            falses.append(F)
        if op == "any":
            t, f = z3.Or(F, *trues), z3.And(T, *falses)
            return V(z3.Or(t, f), t)
        everyone = z3.And(
            T, *(z3.Or(z3.Not(p), v.is_true) for p, v in members if v.value is not None)
        )
        someone_false = z3.Or(
            F, *(z3.And(p, v.is_false) for p, v in members if v.value is not None)
        )
        if len(trues) < len(members):
            everyone = F
        return V(z3.Or(everyone, someone_false), everyone)

    # --- outcomes ------------------------------------------------------------------------
    def outcome(self, i: int = 0) -> z3.ArithRef:
        """The index of member ``i``'s outcome; ``len(outcomes)`` means undetermined."""
        if i not in self._outcomes:
            self._outcomes[i] = self._outcome(i)
        return self._outcomes[i]

    def _outcome(self, i: int) -> z3.ArithRef:
        undetermined = len(self.plan.outcomes)
        result: z3.ArithRef = z3.IntVal(undetermined)
        for k in reversed(range(len(self.plan.outcomes))):
            when = self.expr(self.plan.outcomes[k].node, i)
            if when.value is None:
                result = z3.IntVal(undetermined)
                continue
            result = z3.If(when.is_true, k, z3.If(when.known, result, undetermined))
        return result

    def rank(self, i: int = 0) -> z3.ArithRef:
        """The rank of member ``i``'s outcome (undetermined ranks 0, as for counterfactuals)."""
        index = self.outcome(i)
        result: z3.ArithRef = z3.IntVal(0)
        for k, o in enumerate(self.plan.outcomes):
            result = z3.If(index == k, o.definition.rank, result)
        return result

    def outcome_ids(self) -> list[str]:
        return [o.id for o in self.plan.outcomes] + [UNDETERMINED]


def _boolop(op: str, args: list[V]) -> V:
    real = [a for a in args if a.value is not None]
    trues = [a.is_true for a in real]
    falses = [a.is_false for a in real]
    if op == "and":
        t = z3.And(T, *trues) if len(real) == len(args) else F
        f = z3.Or(F, *falses)
    else:
        t = z3.Or(F, *trues)
        f = z3.And(T, *falses) if len(real) == len(args) else F
    return V(z3.Or(t, f), t)


def _coalesce(args: list[V]) -> V:
    result = UNKNOWN
    for a in reversed(args):
        if a.value is None:
            continue
        result = V(z3.Or(a.known, result.known), choose(a.known, a.value, result.value))
    return result


def _in_japan_since(row: dict[str, V]) -> V:
    born, birth, entry = row["born_in_japan"], row["birth_date"], row["entry_date"]
    known = z3.And(born.known, z3.If(born.value, birth.known, entry.known))
    return V(known, choose(born.value, birth.value, entry.value))


def _illegal_stay_since(row: dict[str, V]) -> V:
    recorded, mode, entry = row[RECORDED_ILLEGAL_STAY], row["entry_mode"], row["entry_date"]
    illegal = z3.And(
        mode.known,
        z3.Or(
            mode.value == word("illegal_entry"),
            mode.value == word("illegal_landing"),
        ),
    )
    known = z3.Or(recorded.known, z3.And(illegal, entry.known))
    return V(known, choose(recorded.known, recorded.value, entry.value))
