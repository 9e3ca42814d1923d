"""Explain a condition: where it is, its law, and the scenario cases on each side of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zairyu.engine.catalogue import default_catalogue
from zairyu.policies.cases import load_cases
from zairyu.policies.schema import Condition, Parameter, Policy, Source
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
    parameters: list[Parameter] = field(default_factory=list)  # the numbers it rests on

    def cases_where(self, value: bool) -> list[CaseMention]:
        """The cases that expect this value, each named once."""
        seen: dict[tuple[str, str], CaseMention] = {}
        for case in self.cases:
            if case.value is value:
                seen.setdefault((case.file, case.title), case)
        return list(seen.values())


def parameters_used(policy: Policy, expr: str) -> list[Parameter]:
    """The parameters an expression reads, directly or through variables and conditions (a
    weighing condition reads the weights through the sums): each with its value and source,
    so that a number of zairyu's own is never hidden behind a result."""
    texts = {v.id: v.expr for v in policy.variables} | {c.id: c.expr for c in policy.conditions}
    by_id = {p.id: p for p in policy.parameters}
    seen: set[str] = set()
    pending = [expr]
    while pending:
        for word in re.findall(r"[a-z][a-z0-9_]*", pending.pop()):
            if word in seen:
                continue
            if word in by_id:
                seen.add(word)
            elif word in texts:
                seen.add(word)
                pending.append(texts[word])
    return [p for p in policy.parameters if p.id in seen]


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
            parameters_used(policy, condition.expr),
        )
        for policy, condition in found
    ]
