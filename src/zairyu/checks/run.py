"""Run every check on a policy, apply its waivers, and write what was found for people.

``check_plan`` is what ``zairyu check`` and the tests call. ``describe`` writes a case as a
caseworker would read it: each member and the facts known about them (the full household JSON
is in ``Finding.to_dict`` and, with ``zairyu check --examples DIR``, in one file per case).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from zairyu.checks.conditions import check_conditions
from zairyu.checks.context import Context
from zairyu.checks.findings import Finding, PolicyReport, Scene
from zairyu.checks.information import check_information
from zairyu.checks.monotone import check_monotone
from zairyu.checks.outcomes import check_outcomes
from zairyu.engine.compiled import Plan

DEFAULT_SIZE = 3
CHECKS: dict[str, Callable[[Context], list[Finding]]] = {
    "dead": check_conditions,
    "outcomes": check_outcomes,
    "monotone": check_monotone,
    "information": check_information,
}


def check_plan(plan: Plan, size: int = DEFAULT_SIZE, only: list[str] | None = None) -> PolicyReport:
    """Every check (or those named in ``only``) on one compiled policy."""
    started = time.perf_counter()
    ctx = Context(plan, size)
    report = PolicyReport(plan.id, size)
    for name, check in CHECKS.items():
        if only is None or name in only:
            report.findings += check(ctx)
    report.checks = ctx.queries
    report.undecided = list(ctx.undecided)
    apply_waivers(report, plan)
    report.seconds = time.perf_counter() - started
    return report


def apply_waivers(report: PolicyReport, plan: Plan) -> None:
    """Mark each finding a waiver of the policy covers; list waivers that cover nothing."""
    waivers = {w.check: w.reason for w in plan.policy.waivers}
    for finding in report.findings:
        reason = waivers.get(finding.id)
        if reason is not None:
            finding.waived = reason if isinstance(reason, str) else reason.en
    found = {f.id for f in report.findings}
    report.unused_waivers = sorted(set(waivers) - found)


def _flatten(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        if not value:
            return [f"{prefix[:-1]}: none"]
        shown = [", ".join(_flatten(v)) if isinstance(v, dict) else str(v) for v in value]
        return [f"{prefix[:-1]}: [" + "; ".join(shown) + "]"]
    if value is None:
        return []
    text = "yes" if value is True else "no" if value is False else str(value)
    return [f"{prefix[:-1]} {text}" if prefix else text]


def describe(scene: Scene) -> list[str]:
    """A case in lines a caseworker can read."""
    engine = (
        "the engine agrees"
        if scene.confirmed
        else f"NOT CONFIRMED: the engine gives {scene.engine}; " + "; ".join(scene.mismatch)
    )
    lines = [f"{scene.label} (as of {scene.as_of}): p1 gets '{scene.claimed}' ({engine})"]
    guardian = scene.household.get("external_guardian")
    if guardian:
        lines.append(f"  household: external_guardian.available {_flatten(guardian)[0]}")
    for member in scene.household["members"]:
        facts = {k: v for k, v in member.items() if k not in ("id", "role")}
        known = "; ".join(_flatten(facts)) or "nothing else known"
        lines.append(f"  {member['id']} ({member['role']}): {known}")
    return lines
