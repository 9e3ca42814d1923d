"""Assess a stored case and record the assessment, with the case version it was made on."""

from __future__ import annotations

from datetime import date
from typing import Any

from zairyu.model.problems import parse_household
from zairyu.services.assessing import assess_household
from zairyu.store.access import ASSESSORS, Actor
from zairyu.store.cases import Cases
from zairyu.store.records import ASSESSMENTS, Records


def assess_stored_case(
    cases: Cases,
    records: Records,
    actor: Actor,
    case_id: str,
    as_of: date,
    policy_ids: list[str] | None = None,
    *,
    counterfactuals: bool = True,
) -> dict[str, Any]:
    """Assess the case's current household and keep the result (policy ids and versions, the
    as-of date and the case version), so that it can be explained and printed later."""
    actor.require(ASSESSORS)
    case = cases.get(actor, case_id)
    household = parse_household(case["household"], "stored case")
    result = assess_household(
        household, as_of, policy_ids, counterfactuals=counterfactuals, source="stored case"
    ).to_dict()
    policies = [
        {"policy_id": p["policy_id"], "policy_version": p["policy_version"]}
        for p in result["policies"]
    ]
    fields = {
        "case_version": case["version"],
        "as_of": as_of,
        "policies": policies,
        "result": result,
    }
    return records.add(actor, ASSESSMENTS, case_id, fields)
