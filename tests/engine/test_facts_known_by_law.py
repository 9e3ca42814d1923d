"""What the law makes impossible is known, not unknown: a person under 14 has no conviction
(Penal Code art. 41), so no policy asks for a child's criminal record."""

from __future__ import annotations

from datetime import date

import pytest

from zairyu.engine.assessment import assess
from zairyu.model.household import Household

AS_OF = date(2025, 1, 1)


def _child(born: str | None) -> Household:
    return Household.model_validate(
        {"id": "h", "members": [{"id": "c", "role": "child", "date_of_birth": born}]}
    )


def _missing(household: Household, policy: str) -> set[str]:
    result = assess(household, AS_OF, [policy], counterfactuals=False)
    return {f.column for f in result.person(policy, "c").missing_facts}


RECORD = {"life_sentence", "conviction_count", "longest_unsuspended_part_months"}


@pytest.mark.parametrize("policy", ["act-50-2024", "guidelines-2024"])
def test_a_nine_year_old_is_never_asked_about_convictions(policy):
    assert not _missing(_child("2015-06-01"), policy) & RECORD


@pytest.mark.parametrize(
    ("born", "asked"),
    [
        ("2011-01-02", False),  # 13 on the assessment date: the day before the 14th birthday
        ("2011-01-01", True),  # 14 on the assessment date: the birthday counts as reached
        ("2010-12-31", True),  # 14 and a day
    ],
)
def test_the_rule_stops_at_the_fourteenth_birthday(born, asked):
    missing = _missing(_child(born), "act-50-2024")
    assert bool(missing & RECORD) is asked


def test_without_a_date_of_birth_the_record_and_the_date_are_both_asked():
    missing = _missing(_child(None), "act-50-2024")
    assert "birth_date" in missing
    assert missing & RECORD


def test_a_recorded_conviction_is_never_overridden_by_the_rule():
    household = Household.model_validate(
        {
            "id": "h",
            "members": [
                {
                    "id": "c",
                    "role": "child",
                    "date_of_birth": "2015-06-01",
                    "record": {"convictions": [{"offence": "terrorism", "life": True}]},
                }
            ],
        }
    )
    result = assess(household, AS_OF, ["act-50-2024"], counterfactuals=False)
    conditions = {c.id: c.value for c in result.person("act-50-2024", "c").conditions}
    assert conditions["bar_long_sentence"] is True


def _foreign_child_recorded_but_for_a_sham_marriage(born: str) -> Household:
    return Household.model_validate(
        {
            "id": "h",
            "members": [
                {
                    "id": "c",
                    "role": "child",
                    "date_of_birth": born,
                    "born_in_japan": True,
                    "nationality": "PHL",
                    "school": {"enrolments": [{"level": "high", "start": "2024-04-01"}]},
                    "immigration": {
                        "entry_mode": "born_in_japan",
                        "deportation_order": True,
                        "deportation_grounds": [],
                    },
                    "record": {
                        "convictions": [],
                        "drug_use": False,
                        "prostitution": False,
                        "forged_residence_card": False,
                        "criminal_organisation_member": False,
                    },
                    "residence": {
                        "false_statements": False,
                        "absconded_on_provisional_release": False,
                        "breached_supervision_measures": False,
                    },
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "born",
    [
        "2009-01-02",  # 15: the day before the 16th birthday (women's marriage age before 2022)
        "2009-01-01",  # 16 on the assessment date
        "2007-01-02",  # 17: the day before the 18th birthday (everyone's since 1 April 2022)
        "2007-01-01",  # 18 on the assessment date
    ],
)
def test_a_foreign_childs_sham_marriage_is_asked_on_both_sides_of_the_japanese_marriage_ages(born):
    # Not derived (facts-by-law.yaml, not_derived): a foreign national's capacity to marry
    # follows their national law, so the Japanese marriage age settles nothing for them.
    result = assess(
        _foreign_child_recorded_but_for_a_sham_marriage(born),
        AS_OF,
        ["guidelines-2024"],
        counterfactuals=False,
    )
    person = result.person("guidelines-2024", "c")
    assert "sham_marriage" in {f.column for f in person.missing_facts}
    assert person.presumptive is not None
    assumed = {a.field: a.verify_first for a in person.presumptive.assumptions}
    assert assumed["members[].record.sham_marriage"] is True
