"""The marks of the text say whether a condition helps or harms the person: a requirement that
holds helps, an exclusion that holds harms, whatever the condition's wording."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zairyu.engine.assessment import assess
from zairyu.model.problems import load_household
from zairyu.report.view import mark

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = date(2025, 1, 1)


def _marks(example: str, person: str) -> dict[str, str]:
    path = EXAMPLES / example
    household = load_household(path.read_text(encoding="utf-8"), str(path))
    (policy,) = assess(household, AS_OF, ["children-2023"], counterfactuals=False).policies
    (found,) = [p for p in policy.persons if p.person_id == person]
    return {c.id: mark(c) for c in found.conditions}


def test_a_child_whose_parents_have_no_serious_ground_sees_that_in_their_favour():
    assert _marks("01-covered-family.json", "c1")["no_excluded_parent"] == "✓"


def test_a_parents_serious_ground_is_against_the_parent_and_against_the_child():
    assert _marks("04-no-guardian.json", "p1")["ground_multiple_convictions"] == "✗"
    assert _marks("04-no-guardian.json", "c1")["no_excluded_parent"] == "✗"
