"""The columns of the person table: name, type, meaning and the household field each comes from.

Policies may refer to these names and to nothing else. ``zairyu.model.table`` fills them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from zairyu.model.kinds import DeportationGround, OffenceCategory

Kind = Literal["bool", "int", "date", "str"]
Value = bool | int | date | str | None
Row = dict[str, Value]


@dataclass(frozen=True)
class Column:
    """A column of the person table: its type, meaning and where it comes from."""

    kind: Kind
    en: str
    source: str  # the path of the household field(s) it is read from


COLUMNS: dict[str, Column] = {
    "household_id": Column("str", "Household id", "id"),
    "person_id": Column("str", "Person id", "members[].id"),
    "role": Column("str", "parent, child or other_relative", "members[].role"),
    "birth_date": Column("date", "Date of birth", "members[].date_of_birth"),
    "born_in_japan": Column("bool", "Born in Japan", "members[].born_in_japan"),
    "nationality": Column("str", "Nationality", "members[].nationality"),
    "school_level": Column(
        "str", "Level of the latest enrolment; 'none' if never enrolled", "school.enrolments"
    ),
    "school_first_start": Column(
        "date",
        "Earliest start at an elementary, junior high or high school in Japan (not a "
        "home-language school); empty if never",
        "school.enrolments",
    ),
    "school_enrolled_ever": Column(
        "bool", "Ever enrolled at an elementary, junior high or high school", "school.enrolments"
    ),
    "school_ongoing": Column("bool", "The latest enrolment has no end date", "school.enrolments"),
    "school_last_end": Column("date", "End of the latest enrolment", "school.enrolments"),
    "entry_mode": Column("str", "How the person came to Japan", "immigration.entry_mode"),
    "entry_date": Column("date", "Date of entry", "immigration.entry_date"),
    "deportation_order": Column(
        "bool", "Deportation order issued", "immigration.deportation_order"
    ),
    "deportation_order_date": Column(
        "date", "Date of the deportation order", "immigration.deportation_order_date"
    ),
    "release_status": Column("str", "Detained, provisional release, supervision", "immigration"),
    "conviction_count": Column("int", "Number of convictions", "record.convictions"),
    "conviction_count_excluding_illegal_stay": Column(
        "int", "Number of convictions other than for illegal stay itself", "record.convictions"
    ),
    "life_sentence": Column("bool", "Ever sentenced to life imprisonment", "record.convictions"),
    "longest_sentence_not_fully_suspended_months": Column(
        "int",
        "Longest custodial sentence not wholly suspended, in months (whole sentence)",
        "record.convictions",
    ),
    "longest_unsuspended_part_months": Column(
        "int", "Longest part of a sentence actually to be served, in months", "record.convictions"
    ),
    "drug_use": Column("bool", "Drug use", "record.drug_use"),
    "prostitution": Column("bool", "Prostitution", "record.prostitution"),
    "forged_residence_card": Column(
        "bool", "Used a forged residence card", "record.forged_residence_card"
    ),
    "sham_marriage": Column("bool", "Sham marriage", "record.sham_marriage"),
    "wishes_to_stay": Column("bool", "Genuinely wishes to stay", "wishes_to_stay"),
    "could_act_as_guardian": Column(
        "bool", "Could act as an appropriate guardian", "could_act_as_guardian"
    ),
    "external_guardian_available": Column(
        "bool", "A guardian outside the household is available", "external_guardian.available"
    ),
}
for _category in OffenceCategory:
    COLUMNS[f"convicted_{_category.value}"] = Column(
        "bool", f"Convicted of an offence of category {_category.value}", "record.convictions"
    )

# Facts for the Act's art. 50 and the guidelines (issue 3). Each column reads one field, except
# the few derived ones whose ``source`` names every field they read.
_FACTS: dict[str, tuple[Kind, str, str]] = {
    "in_japan_since": (
        "date",
        "Living in Japan since: the birth date if born in Japan, else the entry date",
        "date_of_birth, born_in_japan, immigration.entry_date",
    ),
    "school_current_local": (
        "bool",
        "Now enrolled at an elementary, junior high or high school in Japan that does not teach "
        "in the home-country language",
        "school.enrolments",
    ),
    "illegal_stay_since": (
        "date",
        "Without status since (the recorded date; else the date of an illegal entry or landing)",
        "residence.illegal_stay_since, immigration.entry_mode, immigration.entry_date",
    ),
    "child_of_japanese_or_spr": ("bool", "Child of a Japanese national or SPR", "family_ties"),
    "spouse_kind": (
        "str",
        "Legally married to (japanese, special_permanent_resident, "
        "appended_table_2_resident, other, none)",
        "family_ties.spouse",
    ),
    "cohabiting_with_spouse_since": ("date", "Living together as a couple since", "family_ties"),
    "spouses_support_each_other": ("bool", "The couple support each other", "family_ties"),
    "marriage_stable_and_mature": ("bool", "The marriage is stable and mature", "family_ties"),
    "raises_child": (
        "str",
        "Supports a biological child (japanese_or_spr, appended_table_2_resident, none)",
        "family_ties.raises_child",
    ),
    "raised_child_minor_unmarried": ("bool", "That child is a minor and unmarried", "family_ties"),
    "holds_parental_authority": ("bool", "Holds parental authority over that child", "family_ties"),
    "raising_child_in_japan_since": ("date", "Raising that child in Japan since", "family_ties"),
    "supported_by_appended_table_2_parent": (
        "bool",
        "Supported by a parent with an Appended Table II status",
        "family_ties",
    ),
    "voluntary_appearance": ("bool", "Appeared at immigration of own accord", "residence"),
    "previous_deportation_procedure": (
        "bool",
        "Subject to deportation procedures before",
        "residence",
    ),
    "community_ties": ("bool", "Settled, with ties to the local community", "residence"),
    "permanent_resident": ("bool", "Has permanent residence permission", "residence"),
    "former_japanese_national": ("bool", "Formerly a Japanese national", "residence"),
    "absconded_on_provisional_release": (
        "bool",
        "Absconded while on provisional release",
        "residence",
    ),
    "breached_supervision_measures": ("bool", "Broke supervision measures", "residence"),
    "false_statements": ("bool", "Made false statements", "residence"),
    "criminal_organisation_member": (
        "bool",
        "Member of a criminal organisation",
        "record.criminal_organisation_member",
    ),
    "refugee_recognised": ("bool", "Recognised as a refugee", "refugee.recognised_refugee"),
    "complementary_protection": (
        "bool",
        "Recognised for complementary protection",
        "refugee.complementary_protection",
    ),
    "refugee_application_count": ("int", "Refugee applications made", "refugee.applications"),
    "refugee_application_pending": (
        "bool",
        "A refugee application is pending",
        "refugee.application_pending",
    ),
    "refugee_reasonable_grounds": (
        "bool",
        "Reasonable grounds submitted",
        "refugee.reasonable_grounds_submitted",
    ),
    "needs_treatment_in_japan": ("bool", "Needs treatment in Japan", "humanitarian"),
    "nurses_relative_needing_treatment": (
        "bool",
        "Must nurse a relative needing treatment",
        "humanitarian",
    ),
    "life_at_risk_without_treatment": (
        "bool",
        "Life at risk if treatment in Japan stops",
        "humanitarian",
    ),
    "trafficking_victim": ("bool", "Trafficking victim under another's control", "humanitarian"),
    "stateless_no_removal_country": ("bool", "Stateless, no country of removal", "humanitarian"),
    "third_party_support": ("bool", "Support from an employer or third party", "humanitarian"),
    "other_humanitarian_need": (
        "bool",
        "Other need for humanitarian consideration",
        "humanitarian",
    ),
    "special_circumstances": (
        "bool",
        "Special circumstances asserted with written reasons",
        "humanitarian.special_circumstances_asserted, humanitarian.special_circumstances_reasons",
    ),
    "application_made": ("bool", "Applied for special permission to stay", "application.made"),
    "applied_on": ("date", "Date of the application", "application.applied_on"),
    "applicant": (
        "str",
        "Who applied (self, father, mother, spouse, child, other_relative, other)",
        "application.applicant",
    ),
    "unable_to_apply_in_person": (
        "bool",
        "Cannot apply in person through illness etc.",
        "application",
    ),
}
for _name, (_kind, _en, _source) in _FACTS.items():
    COLUMNS[_name] = Column(_kind, _en, _source)
for _ground in DeportationGround:
    COLUMNS[f"falls_under_{_ground.value}"] = Column(
        "bool", f"Falls under deportation ground {_ground.value}", "immigration.deportation_grounds"
    )

FACT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("household_id", "person_id"))
