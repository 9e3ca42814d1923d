"""The catalogue: every policy file, loaded, checked and compiled once.

Loading fails loudly, naming the file, the item and the problem, for any mistake: an unknown
variable, a bad expression, a missing citation or translation, a citation not in the source
registry, or two versions of one policy family whose validity dates overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from zairyu.engine.compiled import Deferred, Plan
from zairyu.engine.plan_cache import compiled
from zairyu.engine.scalar import ScalarPlan, compile_scalar
from zairyu.policies.files import POLICY_DIR, SOURCES_FILE, PolicyFileError
from zairyu.policies.files import policy_files as list_policy_files

if TYPE_CHECKING:
    from zairyu.policies.schema import Policy, Source


class NoPolicyInForce(LookupError):
    """No policy is in force on the date asked for."""


@dataclass
class Catalogue:
    defined_sources: Deferred[dict[str, Source]]  # the source registry, read when first asked
    plans: dict[str, Plan]
    _scalar: dict[str, ScalarPlan] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, Source]:
        return self.defined_sources.value

    def get(self, policy_id: str) -> Plan:
        try:
            return self.plans[policy_id]
        except KeyError:
            known = ", ".join(sorted(self.plans))
            raise KeyError(f"no policy '{policy_id}' (known: {known})") from None

    def scalar(self, policy_id: str) -> ScalarPlan:
        if policy_id not in self._scalar:
            self._scalar[policy_id] = compile_scalar(self.get(policy_id))
        return self._scalar[policy_id]

    def in_force(self, on: date) -> list[Plan]:
        """The policies in force on a date, in a stable order."""
        plans = [p for p in self.plans.values() if p.validity.in_force(on)]
        if not plans:
            spans = "; ".join(
                f"{p.id}: {p.validity.effective_from} to {p.validity.effective_to or 'open'}"
                for p in self.plans.values()
            )
            raise NoPolicyInForce(f"no policy is in force on {on} (validity: {spans})")
        return sorted(plans, key=lambda p: p.id)

    def select(self, on: date, policy_ids: list[str] | None) -> list[Plan]:
        """The named policies (each must be in force on the date), or all in force."""
        if not policy_ids:
            return self.in_force(on)
        plans = [self.get(pid) for pid in policy_ids]
        for plan in plans:
            if not plan.validity.in_force(on):
                raise NoPolicyInForce(
                    f"policy '{plan.id}' is in force from {plan.validity.effective_from} to "
                    f"{plan.validity.effective_to or 'open'}, not on {on}"
                )
        return plans


def check_families(policies: list[tuple[Policy, str]]) -> None:
    """Versions of one family must not overlap in time."""
    by_family: dict[str, list[tuple[Policy, str]]] = {}
    for policy, source in policies:
        by_family.setdefault(policy.family, []).append((policy, source))
    for members in by_family.values():
        members.sort(key=lambda m: m[0].effective_from)
        for (a, _), (b, source_b) in pairwise(members):
            if a.effective_to is None or a.effective_to >= b.effective_from:
                raise PolicyFileError(
                    source_b,
                    f"policy '{b.id}'",
                    f"validity from {b.effective_from} overlaps '{a.id}' "
                    f"(in force to {a.effective_to or 'open'}) in family '{a.family}'",
                )


def build_catalogue(directory: Path = POLICY_DIR, sources_file: Path = SOURCES_FILE) -> Catalogue:
    """Load every policy file of a directory and compile it."""
    from zairyu.engine.plan import compile_policy  # noqa: PLC0415 - not where the cache holds it
    from zairyu.policies.loader import load_policy_file, load_sources  # noqa: PLC0415

    sources = load_sources(sources_file)
    loaded: list[tuple[Policy, str]] = []
    seen: dict[str, str] = {}
    for path in list_policy_files(directory):
        policy = load_policy_file(path, sources)
        if policy.id in seen:
            raise PolicyFileError(
                str(path), f"policy '{policy.id}'", f"id also used in {seen[policy.id]}"
            )
        seen[policy.id] = str(path)
        loaded.append((policy, str(path)))
    check_families(loaded)
    plans = {policy.id: compile_policy(policy, source) for policy, source in loaded}
    return Catalogue(Deferred(sources), plans)


@cache
def default_catalogue() -> Catalogue:
    """The policies shipped with zairyu, loaded once per process (and compiled once, kept in
    the cache folder: ``zairyu.engine.plan_cache``)."""
    inputs = [SOURCES_FILE, *list_policy_files(POLICY_DIR)]
    return compiled("catalogue", inputs, build_catalogue)
