"""The person table: one flat row per person, the shape every policy is evaluated on.

A row is a plain ``dict`` (scalar backend) or a row of a Polars frame (columnar backend, built
in ``zairyu.engine.columnar``). The columns are declared once in ``COLUMNS``; policies may refer
to these names and to nothing else. ``None`` means *unknown*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from zairyu.model.household import (
    Conviction,
    Household,
    OffenceCategory,
    Person,
    SchoolLevel,
    Suspension,
)

Kind = Literal["bool", "int", "date", "str"]
Value = bool | int | date | str | None
Row = dict[str, Value]

COMPULSORY_OR_HIGH = (SchoolLevel.elementary, SchoolLevel.junior_high, SchoolLevel.high)


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
        "Earliest start at an elementary, junior high or high school; empty if never",
        "school.enrolments",
    ),
    "school_enrolled_ever": Column(
        "bool", "Ever enrolled at an elementary, junior high or high school", "school.enrolments"
    ),
    "school_ongoing": Column("bool", "The latest enrolment has no end date", "school.enrolments"),
    "school_last_end": Column("date", "End of the latest enrolment", "school.enrolments"),
    "entry_mode": Column("str", "How the person came to Japan", "immigration.entry_mode"),
    "entry_date": Column("date", "Date of entry", "immigration.entry_date"),
    "deportation_order": Column("bool", "Deportation order issued", "immigration.deportation_order"),
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

FACT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("household_id", "person_id"))


def _school_columns(person: Person) -> Row:
    if person.school is None:
        return {
            "school_level": None,
            "school_first_start": None,
            "school_enrolled_ever": None,
            "school_ongoing": None,
            "school_last_end": None,
        }
    enrolments = sorted(person.school.enrolments, key=lambda e: e.start)
    counted = [e.start for e in enrolments if e.level in COMPULSORY_OR_HIGH and e.in_japan]
    latest = enrolments[-1] if enrolments else None
    return {
        "school_level": latest.level.value if latest else "none",
        "school_first_start": min(counted) if counted else None,
        "school_enrolled_ever": bool(counted),
        "school_ongoing": latest.end is None if latest else False,
        "school_last_end": latest.end if latest else None,
    }


def _served_months(conviction: Conviction, *, whole_sentence: bool) -> int | None:
    """Months of a custodial sentence that count, or None when it cannot be told."""
    if conviction.suspension is None or conviction.sentence_months is None:
        return None
    if conviction.suspension == Suspension.full:
        return 0
    if whole_sentence or conviction.suspension == Suspension.none:
        return conviction.sentence_months
    return conviction.sentence_months - (conviction.suspended_months or 0)


def _longest(convictions: list[Conviction], *, whole_sentence: bool) -> int | None:
    """The maximum over convictions; unknown if any conviction's figure is unknown and could
    exceed the known maximum (we cannot tell, so the whole value is unknown)."""
    months = [_served_months(c, whole_sentence=whole_sentence) for c in convictions]
    if any(m is None for m in months):
        return None
    return max((m for m in months if m is not None), default=0)


def _record_columns(person: Person) -> Row:
    record = person.record
    row: Row = {
        "drug_use": record.drug_use,
        "prostitution": record.prostitution,
        "forged_residence_card": record.forged_residence_card,
        "sham_marriage": record.sham_marriage,
    }
    convictions = record.convictions
    if convictions is None:
        row.update(
            conviction_count=None,
            conviction_count_excluding_illegal_stay=None,
            life_sentence=None,
            longest_sentence_not_fully_suspended_months=None,
            longest_unsuspended_part_months=None,
        )
        for category in OffenceCategory:
            row[f"convicted_{category.value}"] = None
        return row
    row.update(
        conviction_count=len(convictions),
        conviction_count_excluding_illegal_stay=sum(
            1 for c in convictions if c.offence != OffenceCategory.illegal_stay
        ),
        life_sentence=any(c.life for c in convictions),
        longest_sentence_not_fully_suspended_months=_longest(convictions, whole_sentence=True),
        longest_unsuspended_part_months=_longest(convictions, whole_sentence=False),
    )
    present = {c.offence for c in convictions}
    for category in OffenceCategory:
        row[f"convicted_{category.value}"] = category in present
    return row


def person_row(household: Household, person: Person) -> Row:
    """Flatten one person (with the household facts every member shares) into a row."""
    imm = person.immigration
    guardian = household.external_guardian
    row: Row = {
        "household_id": household.id,
        "person_id": person.id,
        "role": person.role.value,
        "birth_date": person.date_of_birth,
        "born_in_japan": person.born_in_japan,
        "nationality": person.nationality,
        "entry_mode": imm.entry_mode.value if imm.entry_mode else None,
        "entry_date": imm.entry_date,
        "deportation_order": imm.deportation_order,
        "deportation_order_date": imm.deportation_order_date,
        "release_status": imm.release_status.value if imm.release_status else None,
        "wishes_to_stay": person.wishes_to_stay,
        "could_act_as_guardian": person.could_act_as_guardian,
        "external_guardian_available": guardian.available if guardian else None,
    }
    row.update(_school_columns(person))
    row.update(_record_columns(person))
    return row


def household_rows(household: Household) -> list[Row]:
    """The household as person-table rows, in member order."""
    return [person_row(household, p) for p in household.members]
