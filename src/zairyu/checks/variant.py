"""A world with some facts changed: world *a* with those facts replaced by fresh variables.

Every other fact, and every sub-expression that does not read a changed fact, is the very same
z3 term as in world *a* (``z3.substitute``), so the solver compares two households that share
everything but the change without having to prove them equal first. This keeps the
two-household checks (monotonicity, information) fast.
"""

from __future__ import annotations

from typing import Any

import z3

from zairyu.checks.encode import World, fresh
from zairyu.checks.facts import DERIVED, kind_of
from zairyu.checks.values import Day, V


class Variant:
    """World ``base`` with the (member, column) facts in ``changed`` replaced."""

    def __init__(
        self,
        base: World,
        name: str,
        changed: list[tuple[int, str]],
        given: dict[tuple[int, str], V] | None = None,
    ) -> None:
        """``given`` fixes a changed fact to a term (a constant) instead of a fresh variable."""
        self.base, self.name, self.plan, self.size = base, name, base.plan, base.size
        self.present, self.as_of = base.present, base.as_of
        self.changed = changed
        self.mapping: list[tuple[Any, Any]] = []
        self.facts = [dict(row) for row in base.facts]
        for j, column in changed:
            old = base.facts[j][column]
            new = (given or {}).get((j, column)) or fresh(f"{name}.{j}.{column}", kind_of(column))
            self.mapping.append((old.known, new.known))
            if isinstance(old.value, Day):
                self.mapping += list(zip(_parts(old.value), _parts(new.value), strict=True))
            else:
                self.mapping.append((old.value, new.value))
            self.facts[j][column] = new
        for j, row in enumerate(self.facts):
            for column in DERIVED:
                if column in row:
                    row[column] = self.value(base.facts[j][column])
        self.constraints = [c2 for c in base.constraints if not (c2 := self.sub(c)).eq(c)]

    def sub(self, term: Any) -> Any:
        return z3.substitute(term, *self.mapping) if self.mapping else term

    def value(self, v: V) -> V:
        if isinstance(v.value, Day):
            y, m, d = (self.sub(t) for t in _parts(v.value))
            return V(self.sub(v.known), Day(y, m, d))
        return V(self.sub(v.known), None if v.value is None else self.sub(v.value))

    def free(self, j: int) -> dict[str, V]:
        return {c: v for c, v in self.facts[j].items() if c not in DERIVED}

    def link(self, i: int, j: int) -> z3.BoolRef:
        """Who is whose parent is never among the changed facts: the base world's links."""
        return self.base.link(i, j)

    def outcome(self, i: int = 0) -> z3.ArithRef:
        return self.sub(self.base.outcome(i))

    def rank(self, i: int = 0) -> z3.ArithRef:
        return self.sub(self.base.rank(i))

    def outcome_ids(self) -> list[str]:
        return self.base.outcome_ids()

    def bound(self) -> list[Any]:
        """The fresh variables of the changed facts (for a quantifier over them)."""
        return [new for _, new in self.mapping]


def _parts(day: Day) -> tuple[z3.ArithRef, z3.ArithRef, z3.ArithRef]:
    return day.year, day.month, day.day
