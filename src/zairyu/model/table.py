"""The person table: one flat row per person, the shape every policy is evaluated on.

A row is a plain ``dict`` (scalar backend) or a row of a Polars frame (columnar backend, built
in ``zairyu.engine.columnar``). The columns are declared once, in ``zairyu.model.columns``
(re-exported here); policies may refer to these names and to nothing else. ``None`` means
*unknown*.
"""

from __future__ import annotations

from datetime import date

from zairyu.model.columns import COLUMNS, FACT_COLUMNS, Column, Kind, Row, Value
from zairyu.model.dates import DateValue, ImpreciseDate, earliest
from zairyu.model.household import Conviction, Household, NegativeRecord, Person, SchoolEnrolment
from zairyu.model.kinds import (
    DeportationGround,
    EntryMode,
    OffenceCategory,
    PenaltyKind,
    PreviousOrderKind,
    SchoolHistoryExtent,
    SchoolLevel,
    Suspension,
)
from zairyu.model.relations import (
    derived_child_of_japanese_or_spr,
    derived_spouse_kind,
    marriage_of,
    status_of,
)

__all__ = ["COLUMNS", "FACT_COLUMNS", "Column", "Kind", "Row", "Value", "household_rows"]

COMPULSORY_OR_HIGH = (SchoolLevel.elementary, SchoolLevel.junior_high, SchoolLevel.high)


UNKNOWN_SCHOOL: Row = {
    "school_level": None,
    "school_first_start": None,
    "school_enrolled_ever": None,
    "school_ongoing": None,
    "school_last_end": None,
}


def _day(value: DateValue | None) -> date | None:
    """A date as an exact row holds it. An imprecise date (a month, a year) is unknown here:
    the assessment evaluates it as an interval through ``zairyu.model.intervals``, which
    gives this table exact days only."""
    return None if isinstance(value, ImpreciseDate) else value


def _school_columns(person: Person) -> Row:
    if person.school is None:
        return dict(UNKNOWN_SCHOOL)
    if person.school.extent == SchoolHistoryExtent.not_enrolled_now_past_unknown:
        return _partial_school_columns(person)
    enrolments = sorted(person.school.enrolments, key=lambda e: earliest(e.start))
    counted = [e.start for e in enrolments if _counted(e)]
    first_start = _day(min(counted, key=earliest)) if counted else None
    latest = enrolments[-1] if enrolments else None
    return {
        "school_level": latest.level.value if latest else "none",
        "school_first_start": first_start,
        "school_enrolled_ever": bool(counted),
        "school_ongoing": latest.end is None if latest else False,
        "school_last_end": _day(latest.end) if latest else None,
    }


def _counted_starts(person: Person) -> list[DateValue]:
    """Starts at an elementary, junior high or high school in Japan (not home-language)."""
    enrolments = person.school.enrolments if person.school else []
    return [e.start for e in enrolments if _counted(e)]


def _counted(enrolment: SchoolEnrolment) -> bool:
    """An enrolment at an elementary, junior high or high school in Japan. One not marked as
    teaching in the home-country language is read as at the school its level names (a 小学校,
    中学校 or 高等学校 of the School Education Act, art. 1): the format asks for such schools to
    be marked, and every policy reads the mark alike."""
    return (
        enrolment.level in COMPULSORY_OR_HIGH
        and enrolment.in_japan
        and enrolment.home_language_school is not True
    )


def _partial_school_columns(person: Person) -> Row:
    """Not enrolled now, earlier schooling unknown: what is known is that nothing is ongoing,
    and that a listed enrolment happened; whether there was none, the first start and the
    latest level are unknown (an unlisted enrolment may come before or after the listed)."""
    return {
        **UNKNOWN_SCHOOL,
        "school_enrolled_ever": True if _counted_starts(person) else None,
        "school_ongoing": False,
    }


def _served_months(conviction: Conviction, *, whole_sentence: bool) -> int | None:
    """Months of a custodial sentence that count, or None when it cannot be told."""
    if conviction.penalty == PenaltyKind.fine:
        return 0  # a fine is no custodial sentence, whatever else is (not) written
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


def _prostitution_columns(record: NegativeRecord) -> Row:
    """The two kinds, each known from its own field, or false when the older field for either
    says neither; and either, from the two (three-valued OR) or the older field."""
    neither = record.prostitution is False
    by_self = False if neither else record.prostitution_by_self
    procured = False if neither else record.procured_prostitution
    either: bool | None = record.prostitution
    if by_self or procured:
        either = True
    elif by_self is False and procured is False:
        either = False
    return {
        "prostitution": either,
        "prostitution_by_self": by_self,
        "procured_prostitution": procured,
    }


def _previous_order_columns(person: Person) -> Row:
    orders = person.immigration.previous_orders
    if orders is None:
        return {
            "previous_order_first_date": None,
            "previous_deportation_order": None,
            "previous_departure_order": None,
        }
    kinds = {o.kind for o in orders}
    # an order dated only to a month or a year leaves the first date unknown in an exact row
    days = [_day(o.issued_on) for o in orders if o.issued_on is not None]
    exact = [d for d in days if d is not None]
    return {
        "previous_order_first_date": min(exact) if exact and len(exact) == len(days) else None,
        "previous_deportation_order": PreviousOrderKind.deportation_order in kinds,
        "previous_departure_order": PreviousOrderKind.departure_order in kinds,
    }


def _previous_procedure(person: Person) -> bool | None:
    """Earlier deportation procedures: as recorded; when not recorded, known from an earlier
    deportation order, which is issued at the end of deportation procedures. (A recorded
    ``false`` beside such an order is refused by consistency.yaml, not overridden.)"""
    recorded = person.residence.previous_deportation_procedure
    orders = person.immigration.previous_orders or []
    if recorded is None and any(o.kind == PreviousOrderKind.deportation_order for o in orders):
        return True
    return recorded


def _record_columns(person: Person) -> Row:
    record = person.record
    row: Row = {
        "drug_use": record.drug_use,
        **_prostitution_columns(record),
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


def _in_japan_since(person: Person) -> date | None:
    if person.born_in_japan:
        return _day(person.date_of_birth)
    return _day(person.immigration.entry_date) if person.born_in_japan is False else None


def _school_current_local(person: Person) -> bool | None:
    if person.school is None:
        return None
    current = [e for e in person.school.enrolments if e.end is None]
    if not current:
        return False
    return _counted(max(current, key=lambda e: earliest(e.start)))


def _illegal_stay_since(person: Person) -> date | None:
    if person.residence.illegal_stay_since is not None:
        return _day(person.residence.illegal_stay_since)
    imm = person.immigration
    if imm.entry_mode in (EntryMode.illegal_entry, EntryMode.illegal_landing):
        return _day(imm.entry_date)
    return None


def _circumstance_columns(person: Person) -> Row:
    ties, res, ref, hum, app = (
        person.family_ties,
        person.residence,
        person.refugee,
        person.humanitarian,
        person.application,
    )
    grounds = person.immigration.deportation_grounds
    row: Row = {
        "in_japan_since": _in_japan_since(person),
        "school_current_local": _school_current_local(person),
        "illegal_stay_since": _illegal_stay_since(person),
        "cohabiting_with_spouse_since": _day(ties.cohabiting_with_spouse_since),
        "spouses_support_each_other": ties.spouses_support_each_other,
        "marriage_stable_and_mature": ties.marriage_stable_and_mature,
        "raises_child": ties.raises_child.value if ties.raises_child else None,
        "raised_child_minor_unmarried": ties.raised_child_minor_unmarried,
        "holds_parental_authority": ties.holds_parental_authority,
        "raising_child_in_japan_since": _day(ties.raising_child_in_japan_since),
        "supported_by_appended_table_2_parent": ties.supported_by_appended_table_2_parent,
        "voluntary_appearance": res.voluntary_appearance,
        "previous_deportation_procedure": _previous_procedure(person),
        "community_ties": res.community_ties,
        "permanent_resident": res.permanent_resident,
        "former_japanese_national": res.former_japanese_national,
        "absconded_on_provisional_release": res.absconded_on_provisional_release,
        "breached_supervision_measures": res.breached_supervision_measures,
        "false_statements": res.false_statements,
        "criminal_organisation_member": person.record.criminal_organisation_member,
        "refugee_recognised": ref.recognised_refugee,
        "complementary_protection": ref.complementary_protection,
        "refugee_application_count": ref.applications,
        "refugee_application_pending": ref.application_pending,
        "refugee_reasonable_grounds": ref.reasonable_grounds_submitted,
        "needs_treatment_in_japan": hum.needs_treatment_in_japan,
        "nurses_relative_needing_treatment": hum.nurses_relative_needing_treatment,
        "life_at_risk_without_treatment": hum.life_at_risk_without_treatment,
        "trafficking_victim": hum.trafficking_victim,
        "stateless_no_removal_country": hum.stateless_no_removal_country,
        "third_party_support": hum.third_party_support,
        "other_humanitarian_need": hum.other_humanitarian_need,
        "special_circumstances": hum.special_circumstances_asserted,
        "application_made": app.made,
        "applied_on": _day(app.applied_on),
        "applicant": app.applicant.value if app.applicant else None,
        "unable_to_apply_in_person": app.unable_to_apply_in_person,
    }
    for ground in DeportationGround:
        row[f"falls_under_{ground.value}"] = None if grounds is None else ground in grounds
    return row


def _member_columns(household: Household, person: Person) -> Row:
    """The member's legal status and marriage, and the facts the relations give: what is
    recorded wins (the household model refuses a recorded value that contradicts them)."""
    ties = person.family_ties
    found = marriage_of(household, person)
    marriage, spouse = found if found else (None, None)
    spouse_status = status_of(spouse) if spouse is not None else None
    if spouse_status is None and marriage is not None:
        spouse_status = marriage.spouse_status
    recorded_spouse = ties.spouse
    spouse_kind = recorded_spouse or derived_spouse_kind(household, person)
    child_of = ties.child_of_japanese_or_spr
    if child_of is None:
        child_of = derived_child_of_japanese_or_spr(household, person)
    guardian = household.external_guardian
    return {
        "legal_status": person.legal_status.value if person.legal_status else None,
        "married_on": _day(marriage.married_on) if marriage else None,
        "marriage_state": marriage.state.value if marriage and marriage.state else None,
        "spouse_legal_status": spouse_status.value if spouse_status else None,
        "spouse_kind": spouse_kind.value if spouse_kind else None,
        "child_of_japanese_or_spr": child_of,
        "external_guardian_kind": guardian.kind.value if guardian and guardian.kind else None,
        "external_guardian_agreed": guardian.agreed if guardian else None,
        "external_guardian_status": (
            guardian.legal_status.value if guardian and guardian.legal_status else None
        ),
    }


def person_row(household: Household, person: Person) -> Row:
    """Flatten one person (with the household facts every member shares) into a row."""
    imm = person.immigration
    guardian = household.external_guardian
    row: Row = {
        "household_id": household.id,
        "person_id": person.id,
        "role": person.role.value,
        "parents": " ".join(person.parents) if person.parents else None,
        "birth_date": _day(person.date_of_birth),
        "born_in_japan": person.born_in_japan,
        "nationality": person.nationality,
        "entry_mode": imm.entry_mode.value if imm.entry_mode else None,
        "entry_date": _day(imm.entry_date),
        "deportation_order": imm.deportation_order,
        "deportation_order_date": _day(imm.deportation_order_date),
        **_previous_order_columns(person),
        "release_status": imm.release_status.value if imm.release_status else None,
        "wishes_to_stay": person.wishes_to_stay,
        "could_act_as_guardian": person.could_act_as_guardian,
        "external_guardian_available": guardian.available if guardian else None,
    }
    row.update(_school_columns(person))
    row.update(_record_columns(person))
    row.update(_circumstance_columns(person))
    row.update(_member_columns(household, person))
    return row


def household_rows(household: Household) -> list[Row]:
    """The household as person-table rows, in member order."""
    return [person_row(household, p) for p in household.members]


def field_values(field: str, value: object) -> Row:
    """The person-table values a household field gives when it holds ``value``: the columns
    the fact registry says are read from it (``members[].record.convictions`` = ``[]`` gives
    a conviction count of 0, no life sentence, ...). Raises ``ValueError`` for a value the
    household format refuses."""
    path = field.removeprefix("members[].").split(".")
    member: dict[str, object] = {"id": "p", "role": "parent"}
    target = member
    for part in path[:-1]:
        inner: dict[str, object] = {}
        target[part] = inner
        target = inner
    target[path[-1]] = value
    household = Household.model_validate({"id": "h", "members": [member]})
    (row,) = household_rows(household)
    return {name: row[name] for name, column in COLUMNS.items() if field in column.fields}
