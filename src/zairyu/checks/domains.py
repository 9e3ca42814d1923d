"""The domain of each fact: the values a known fact may take.

Until the fact registry (zairyu.model) carries domains, they are read here from the
vocabularies in ``zairyu.model.kinds`` and the bounds of the household format. A column not
listed has the whole of its type: any bool, any date in ``YEARS``, an integer >= 0.
"""

from __future__ import annotations

from enum import StrEnum

from zairyu.model.kinds import (
    Applicant,
    EntryMode,
    GuardianKind,
    LegalStatus,
    MarriageState,
    RaisedChildKind,
    ReleaseStatus,
    Role,
    SchoolLevel,
    SpouseKind,
)

YEARS = (1900, 2100)  # dates are searched within these years
MAX_CONVICTIONS = 20  # counts of convictions are searched up to this number
MAX_MONTHS = 1200  # the household format's bound on a sentence, in months


def _values(kind: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


VOCABULARIES: dict[str, tuple[str, ...]] = {
    "role": _values(Role),
    "school_level": (*_values(SchoolLevel), "none"),
    "entry_mode": _values(EntryMode),
    "release_status": _values(ReleaseStatus),
    "spouse_kind": _values(SpouseKind),
    "raises_child": _values(RaisedChildKind),
    "applicant": _values(Applicant),
    "legal_status": _values(LegalStatus),
    "spouse_legal_status": _values(LegalStatus),
    "external_guardian_status": _values(LegalStatus),
    "marriage_state": _values(MarriageState),
    "external_guardian_kind": _values(GuardianKind),
}

INT_BOUNDS: dict[str, tuple[int, int]] = {
    "conviction_count": (0, MAX_CONVICTIONS),
    "conviction_count_excluding_illegal_stay": (0, MAX_CONVICTIONS),
    "longest_sentence_not_fully_suspended_months": (0, MAX_MONTHS),
    "longest_unsuspended_part_months": (0, MAX_MONTHS),
    "refugee_application_count": (0, 100),
}
DEFAULT_INT_BOUNDS = (0, 10_000)
