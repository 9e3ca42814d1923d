"""What a compiled policy holds (``zairyu.engine.plan`` compiles it): its steps, outcomes and
actions as typed expression trees, with the policy file's definitions beside them.

The definitions (the policy as checked: the pydantic models of ``zairyu.policies.schema``) are
held *deferred* (``Deferred``). A plan compiled in this process holds them as they are; a plan
read back from the cache folder (``zairyu.engine.plan_cache``) holds each as its own pickle and
reads it back only when something asks for it: the texts, citations and parameters an
assessment, a memo or a check shows. A batch evaluates the expression trees alone, so over a
warm cache it never imports pydantic or the policy schema (docs/benchmarks.md says what that
saves). This module imports neither.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from zairyu.engine.expr import Node
from zairyu.model.columns import COLUMNS
from zairyu.policies.validity import in_force

if TYPE_CHECKING:
    from zairyu.policies.schema import Action, Condition, Outcome, Policy, Variable

AS_OF = "as_of"
UNDETERMINED = "undetermined"

T = TypeVar("T")


class Deferred(Generic[T]):
    """A value kept as its own pickle when the object holding it is pickled, and read back from
    it only when first asked for (``value``). Equal, and hashed, as the value it holds."""

    __slots__ = ("_pickled", "_value")

    def __init__(self, value: T) -> None:
        self._value: T | None = value
        self._pickled: bytes | None = None

    @property
    def value(self) -> T:
        if self._pickled is not None:
            # Written by __getstate__ into the same file as the plan that holds it, and read
            # only from where that file was read (the owner's private cache folder).
            self._value = pickle.loads(self._pickled)
            self._pickled = None
        return self._value  # type: ignore[return-value]

    def __getstate__(self) -> bytes:
        if self._pickled is not None:
            return self._pickled
        return pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)

    def __setstate__(self, state: bytes) -> None:
        self._value, self._pickled = None, state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return (
            "Deferred(<not read yet>)"
            if self._pickled is not None
            else f"Deferred({self._value!r})"
        )


@dataclass(frozen=True)
class Step:
    """A derived variable or a condition, computed for every person it applies to."""

    name: str
    node: Node
    roles: frozenset[str] | None
    is_condition: bool
    defined: Deferred[Variable | Condition]

    @property
    def definition(self) -> Variable | Condition:
        return self.defined.value


@dataclass(frozen=True)
class CompiledOutcome:
    id: str
    node: Node
    defined: Deferred[Outcome]

    @property
    def definition(self) -> Outcome:
        return self.defined.value


@dataclass(frozen=True)
class CompiledAction:
    defined: Deferred[Action]
    assignments: tuple[tuple[str, Node], ...]
    when: Node | None

    @property
    def definition(self) -> Action:
        return self.defined.value


@dataclass(frozen=True)
class Validity:
    """A policy's id and the days it is in force, read without its definitions."""

    id: str
    effective_from: date
    effective_to: date | None

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@dataclass
class Plan:
    """A policy ready to evaluate."""

    defined: Deferred[Policy]
    validity: Validity
    source: str
    parameters: dict[str, date | bool | int | str]
    steps: list[Step]
    outcomes: list[CompiledOutcome]
    actions: list[CompiledAction]
    deps: dict[str, frozenset[str]] = field(default_factory=dict)
    applies_when: dict[str, Node] = field(default_factory=dict)  # condition -> its premise
    own_deps: dict[str, frozenset[str]] = field(default_factory=dict)
    household_deps: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def policy(self) -> Policy:
        return self.defined.value

    @property
    def id(self) -> str:
        return self.validity.id

    @property
    def conditions(self) -> list[Step]:
        """The condition steps, in the order the policy file lists them."""
        order = {c.id: k for k, c in enumerate(self.policy.conditions)}
        return sorted((s for s in self.steps if s.is_condition), key=lambda s: order[s.name])

    def columns_read(self) -> frozenset[str]:
        """Every person-table column the policy reads (and ``role``, which it always reads)."""
        return frozenset({"role"}).union(*self.deps.values())

    def base_columns(self, name: str) -> frozenset[str]:
        """The person-table columns a variable, condition or outcome ultimately reads."""
        return self.deps.get(name, frozenset({name}) if name in COLUMNS else frozenset())
