"""The solver and the worlds a policy's checks share, and the step from model to scene.

A ``Context`` holds world *a* of one plan with its constraints, and one solver; a check that
compares two households makes a ``Variant`` of *a* (the same household but for the facts it
changes), and every question is asked between ``push`` and ``pop``, so the encoding is built
once per policy. ``scene`` turns a model into a household (``witness``) and
runs it through the scalar engine to confirm what the solver claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import z3
from pydantic import ValidationError

from zairyu.checks.encode import World
from zairyu.checks.facts import HIDDEN, kind_of
from zairyu.checks.findings import Scene
from zairyu.checks.values import Day, V
from zairyu.checks.variant import Variant
from zairyu.checks.witness import Value, household, read
from zairyu.engine.assessment import assess
from zairyu.engine.catalogue import Catalogue
from zairyu.engine.compiled import Deferred, Plan
from zairyu.model.household import Household
from zairyu.model.table import COLUMNS, household_rows

TIMEOUT_MS = 60_000
PLAUSIBLE_YEAR = 1950  # an example's dates are chosen from this year on where they can be
INT_COLUMNS = frozenset(c for c in COLUMNS if COLUMNS[c].kind == "int")


class Undecided(Exception):
    """The solver could not answer within its time."""


@dataclass
class Context:
    plan: Plan
    size: int
    a: World = field(init=False)
    solver: z3.Solver = field(init=False)
    queries: int = 0
    undecided: list[str] = field(default_factory=list)  # questions the solver could not decide

    def __post_init__(self) -> None:
        self.a = World(self.plan, self.size, "a")
        self.solver = z3.Solver()
        self.solver.set("timeout", TIMEOUT_MS)
        self.solver.add(*self.a.constraints)

    def solve(self, *props: z3.BoolRef, timeout_ms: int = TIMEOUT_MS) -> z3.ModelRef | None:
        """A model of every constraint and ``props``, or None if there is none."""
        self.queries += 1
        self.solver.push()
        self.solver.set("timeout", timeout_ms)
        try:
            self.solver.add(*props)
            result = self.solver.check()
            if result == z3.unknown:
                raise Undecided(self.solver.reason_unknown())
            return self.solver.model() if result == z3.sat else None
        finally:
            self.solver.set("timeout", TIMEOUT_MS)
            self.solver.pop()

    @contextmanager
    def question(self, check_id: str) -> Iterator[None]:
        """Ask one check's questions; one the solver cannot answer in time is recorded as
        undecided (and reported), never taken as an answer."""
        try:
            yield
        except Undecided as error:
            self.undecided.append(f"{check_id} ({error})")

    def variant(
        self,
        changed: list[tuple[int, str]],
        name: str = "b",
        given: dict[tuple[int, str], V] | None = None,
    ) -> Variant:
        """World a with the (member, column) facts in ``changed`` free to differ (or fixed to
        the terms in ``given``)."""
        return Variant(self.a, name, changed, given)

    def simplest(self, props: list[z3.BoolRef], worlds: list[World | Variant]) -> z3.ModelRef:
        """A model of ``props`` with few members, few known facts and small numbers, so that the
        case shown reads easily. Each wish is an assumption; while the solver refuses them, the
        least important wish in its unsatisfiable core is given up."""
        wishes: list[tuple[int, z3.BoolRef]] = []  # (importance, wish)
        assert self.a.as_of is not None
        first_day = Day.const(self.plan.policy.effective_from)
        wishes.append((1, self.a.as_of.equals(first_day)))  # assessed on the policy's first day
        for world in worlds:
            wishes += [(3, z3.Not(world.present[j])) for j in range(1, self.size)]
            for j in range(self.size):
                for column, v in world.free(j).items():
                    if column != "role":
                        wishes.append((2, z3.Not(v.known)))
                    if column in INT_COLUMNS:
                        wishes.append((1, v.value == 0))
                    elif kind_of(column) == "bool":
                        wishes.append((1, z3.Not(v.value)))
                    elif kind_of(column) == "date":
                        wishes.append((1, v.value.year >= PLAUSIBLE_YEAR))
        flags = {z3.Bool(f"wish.{k}"): (rank, wish) for k, (rank, wish) in enumerate(wishes)}
        self.solver.push()
        try:
            self.solver.add(*props, *(z3.Implies(f, w) for f, (_, w) in flags.items()))
            live = dict(flags)
            while (result := self.solver.check(*live)) != z3.sat:
                if result == z3.unknown:
                    raise Undecided("no simple example within the time")
                core = [f for f in self.solver.unsat_core() if f in live]
                if not core:
                    raise Undecided("the example no longer holds")
                del live[min(core, key=lambda f: live[f][0])]
            return self.solver.model()
        finally:
            self.solver.pop()

    def scenes(self, props: list[z3.BoolRef], *worlds: tuple[World | Variant, str]) -> list[Scene]:
        """The households of ``worlds`` in one simple model of ``props``, each assessed by the
        scalar engine."""
        model = self.simplest(props, [w for w, _ in worlds])
        return [self._scene(world, model, label) for world, label in worlds]

    def _members(self, world: World | Variant, model: z3.ModelRef) -> list[dict[str, Value]]:
        present = [
            j
            for j in range(self.size)
            if z3.is_true(model.eval(world.present[j], model_completion=True))
        ]
        members = []
        for j in present:
            facts = {c: read(model, v, kind_of(c)) for c, v in world.facts[j].items()}
            links = [
                f"p{n + 1}"
                for n, k in enumerate(present)
                if z3.is_true(model.eval(world.link(j, k), model_completion=True))
            ]
            facts["parents"] = " ".join(links) or None
            members.append(facts)
        return members

    def _scene(self, world: World | Variant, model: z3.ModelRef, label: str) -> Scene:
        assert world.as_of is not None
        as_of = read(model, V(z3.BoolVal(True), world.as_of))
        assert isinstance(as_of, date)
        members = self._members(world, model)
        index = model.eval(world.outcome(0), model_completion=True).as_long()
        claimed = world.outcome_ids()[index]
        data = household(members, as_of, f"check-{self.plan.id}-{world.name}")
        try:
            validated = Household.model_validate(data)
        except ValueError as error:
            return Scene(label, as_of, data, claimed, None, (_first_error(error),))
        rows = household_rows(validated)
        mismatch = tuple(
            f"p{j + 1}.{c}: solver {facts[c]!r}, household {rows[j][c]!r}"
            for j, facts in enumerate(members)
            for c in facts
            if c not in HIDDEN and c in rows[j] and rows[j][c] != facts[c]
        )
        engine = outcome_by_engine(self.plan, validated, as_of)
        return Scene(label, as_of, data, claimed, engine, mismatch)


def _first_error(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"the household cannot be written: {where}: {first['msg']}"
    return str(error).splitlines()[0]


def outcome_by_engine(plan: Plan, data: Household, as_of: date) -> str:
    """Member p1's outcome by the scalar engine (``engine.assessment.assess``): the one place the
    checks call the engine, so it can move to ``zairyu.services`` when that lands."""
    catalogue = Catalogue(Deferred({}), plans={plan.id: plan})
    result = assess(data, as_of, [plan.id], counterfactuals=False, catalogue=catalogue)
    return result.policies[0].persons[0].outcome
