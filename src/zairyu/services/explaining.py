"""Explain a condition: where it is, its law, and the scenario cases on each side of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zairyu.engine.catalogue import default_catalogue
from zairyu.policies.cases import load_cases
from zairyu.policies.schema import Condition, Policy, Source
from zairyu.services.errors import ServiceError


@dataclass(frozen=True)
class CaseMention:
    file: str
    title: str
    value: Any  # the value the case expects: True, False or None


@dataclass(frozen=True)
class ConditionExplanation:
    policy: Policy
    condition: Condition
    source: Source
    cases: list[CaseMention]

    def cases_where(self, value: bool) -> list[CaseMention]:
        """The cases that expect this value, each named once."""
        seen: dict[tuple[str, str], CaseMention] = {}
        for case in self.cases:
            if case.value is value:
                seen.setdefault((case.file, case.title), case)
        return list(seen.values())


def explain_condition(condition_id: str) -> list[ConditionExplanation]:
    """Every policy's condition of that id, with the shipped cases that state its value.

    Raises ``ServiceError`` when no policy has such a condition."""
    catalogue = default_catalogue()
    found = [
        (plan.policy, c)
        for plan in sorted(catalogue.plans.values(), key=lambda p: p.id)
        for c in plan.policy.conditions
        if c.id == condition_id
    ]
    if not found:
        raise ServiceError(f"no condition '{condition_id}' in any policy (see zairyu policies)")
    cases = load_cases()
    return [
        ConditionExplanation(
            policy,
            condition,
            catalogue.sources[condition.citation.source],
            [
                CaseMention(case.source, case.title, values[condition_id])
                for case in cases
                if case.policy == policy.id
                for values in case.conditions.values()
                if condition_id in values
            ],
        )
        for policy, condition in found
    ]
