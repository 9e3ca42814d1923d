"""A case's reference, checked one way for the API and the web pages; assessing a stored case
and recording the assessment, with the case version it was made on."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from zairyu.model.problems import parse_household
from zairyu.model.shown import escaped
from zairyu.services.assessing import assess_household
from zairyu.store.access import ASSESSORS, Actor
from zairyu.store.cases import Cases
from zairyu.store.records import ASSESSMENTS, Records

# Controls, format characters (the bidirectional overrides U+202A-U+202E and U+2066-U+2069, the
# zero-width space), line and paragraph separators, private use and unassigned code points: a
# reference holding one can look like another case's reference. Spaces (U+3000 too) are text.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def reference_problem(reference: str) -> str | None:
    """Why ``reference`` (a case's file number, surrounding spaces taken off) cannot be stored,
    in a caseworker's words; None when it can."""
    if not reference.strip():
        return "write the case's reference (your file number); it cannot be empty or only spaces"
    for ch in reference:
        if unicodedata.category(ch) in HIDDEN_CATEGORIES:
            name = unicodedata.name(ch, "a control character").lower()
            return (
                f"the reference holds a character that is not visible text ({escaped(ch)}, "
                f"{name}); type the reference again without it"
            )
    return None


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
