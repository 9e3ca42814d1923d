"""The age of majority (Civil Code art. 4: 18 from 1 April 2022, 20 before) is a fact of the
household format (``model.dates.majority_age``, for a date of birth known only as "a minor") and a
parameter of three policies, which a what-if may change. The shipped parameters must say what the
format says; a reform file changes them, never these files."""

from __future__ import annotations

from datetime import date, timedelta

from zairyu.engine.catalogue import default_catalogue
from zairyu.model.dates import MAJORITY_REFORM, majority_age

CATALOGUE = default_catalogue()


def _parameter(policy_id: str, name: str) -> object:
    (value,) = [p.value for p in CATALOGUE.get(policy_id).policy.parameters if p.id == name]
    return value


def test_the_policies_in_force_after_the_reform_use_the_formats_age_of_majority():
    after = MAJORITY_REFORM
    for policy_id in ("children-2023", "guidelines-2024"):
        assert _parameter(policy_id, "age_of_majority") == majority_age(after), policy_id


def test_the_2009_guideline_changes_the_age_on_the_day_the_format_does():
    assert _parameter("guidelines-2009", "majority_reform_date") == MAJORITY_REFORM
    before = MAJORITY_REFORM - timedelta(days=1)
    assert _parameter("guidelines-2009", "majority_age_before_reform") == majority_age(before)
    assert _parameter("guidelines-2009", "majority_age_after_reform") == majority_age(
        MAJORITY_REFORM
    )
    assert majority_age(date(2022, 3, 31)) == 20 and majority_age(date(2022, 4, 1)) == 18
