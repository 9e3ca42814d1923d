"""Relations between members: who is the parent of whom, who is married to whom.

A member lists their ``parents`` (member ids) and may record a ``family_ties.marriage`` naming
the spouse member. From these and each member's ``legal_status`` the household model derives the
facts the policies already read (a spouse member who is a Japanese national gives
``family_ties.spouse = japanese``; a parent member who is Japanese gives
``child_of_japanese_or_spr``), and refuses a recorded value that contradicts the derived one.
Every refusal names the member and the field (``RelationError`` carries them).

An omitted ``legal_status`` reads as *without status*: every household file written before the
field existed describes people under deportation (see ``status_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from zairyu.model.dates import earliest, latest
from zairyu.model.kinds import LegalStatus, MarriageState, SpouseKind
from zairyu.model.registry import REGISTRY

if TYPE_CHECKING:
    from zairyu.model.household import Household, Marriage, Person

__all__ = [
    "MemberProblem",
    "RelationError",
    "derived_child_of_japanese_or_spr",
    "derived_spouse_kind",
    "marriage_of",
    "named_parent_problem",
    "relation_problems",
    "status_of",
]

# The spouse kind the guidelines weigh, by the spouse's legal status (Appended Table II of the
# Act: permanent resident, spouse or child of a Japanese national or of a permanent resident,
# long-term resident).
SPOUSE_KIND_OF_STATUS: dict[LegalStatus, SpouseKind] = {
    LegalStatus.japanese_national: SpouseKind.japanese,
    LegalStatus.special_permanent_resident: SpouseKind.special_permanent_resident,
    LegalStatus.permanent_resident: SpouseKind.appended_table_2_resident,
    LegalStatus.long_term_resident: SpouseKind.appended_table_2_resident,
    LegalStatus.spouse_or_child_of_japanese: SpouseKind.appended_table_2_resident,
    LegalStatus.spouse_or_child_of_permanent_resident: SpouseKind.appended_table_2_resident,
    LegalStatus.other_status: SpouseKind.other,
    LegalStatus.without_status: SpouseKind.other,
}
ENDED = (MarriageState.divorced, MarriageState.widowed)
JAPANESE_OR_SPR = (LegalStatus.japanese_national, LegalStatus.special_permanent_resident)


@dataclass(frozen=True)
class MemberProblem:
    """A relation that cannot be true, on member ``index`` (``person_id``), in ``field``."""

    index: int
    person_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"member '{self.person_id}' (members[{self.index}]): {self.field}: {self.message}"


class RelationError(ValueError):
    """The household's relations cannot be true; ``problems`` names each member and field."""

    def __init__(self, problems: list[MemberProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def status_of(person: Person) -> LegalStatus:
    """The member's legal status; omitted reads as without status (the person under
    deportation), so files written before the field existed keep their meaning."""
    return person.legal_status or LegalStatus.without_status


def marriage_of(household: Household, person: Person) -> tuple[Marriage, Person | None] | None:
    """The person's marriage and the spouse member (if a member): recorded on the person, or
    on the spouse member naming them."""
    own = person.family_ties.marriage
    if own is not None:
        spouse = _member(household, own.spouse) if own.spouse else None
        return own, spouse
    for other in household.members:
        theirs = other.family_ties.marriage
        if theirs is not None and theirs.spouse == person.id and other is not person:
            return theirs, other
    return None


def derived_spouse_kind(household: Household, person: Person) -> SpouseKind | None:
    """``family_ties.spouse`` as the marriage says it, or None when it cannot be told (no
    marriage recorded, its state unknown, or a spouse outside the household of unknown status)."""
    found = marriage_of(household, person)
    if found is None or found[0].state is None:
        return None
    marriage, spouse = found
    if marriage.state in ENDED:
        return SpouseKind.none
    status = status_of(spouse) if spouse is not None else marriage.spouse_status
    return SPOUSE_KIND_OF_STATUS[status] if status is not None else None


def derived_child_of_japanese_or_spr(household: Household, person: Person) -> bool | None:
    """True when a parent member is a Japanese national or special permanent resident; None
    otherwise (a parent outside the household may still be one)."""
    for parent_id in person.parents or ():
        parent = _member(household, parent_id)
        if parent is not None and status_of(parent) in JAPANESE_OR_SPR:
            return True
    return None


def _words(vocabulary: str, code: str) -> str:
    """A code as the caseworker reads it: 'a Japanese national', not 'japanese'."""
    return f"'{REGISTRY.vocabularies[vocabulary].labels[code].en}'"


def _member(household: Household, person_id: str | None) -> Person | None:
    return next((p for p in household.members if p.id == person_id), None)


def relation_problems(household: Household) -> list[MemberProblem]:
    """Every relation of the household that cannot be true."""
    problems: list[MemberProblem] = []
    for index, person in enumerate(household.members):
        problems += _parent_problems(household, index, person)
        problems += _marriage_problems(household, index, person)
        problems += _derived_problems(household, index, person)
    if not problems:
        problems += _cycle_problems(household)
    return problems


def named_parent_problem(
    person_id: str, parent_id: str, seen: set[str], members: set[str]
) -> str | None:
    """What is wrong with ``person_id`` naming ``parent_id`` as a parent, by ids alone (the
    household JSON and a caseload's ``parents`` column are checked by this one rule)."""
    if parent_id == person_id:
        return "a person cannot be their own parent"
    if parent_id in seen:
        return f"'{parent_id}' is listed twice"
    if parent_id not in members:
        return f"'{parent_id}' is not a member of the household (check the id)"
    return None


def _parent_problems(household: Household, index: int, person: Person) -> list[MemberProblem]:
    out: list[MemberProblem] = []
    seen: set[str] = set()
    members = {m.id for m in household.members}
    for parent_id in person.parents or ():
        parent = _member(household, parent_id)
        found = named_parent_problem(person.id, parent_id, seen, members)
        if found is not None:
            message = found
        elif parent is not None and (
            parent.date_of_birth is not None
            and person.date_of_birth is not None
            # with dates known only to a month or a year: refused only if true on every day
            and earliest(parent.date_of_birth) >= latest(person.date_of_birth)
        ):
            message = (
                f"the parent '{parent_id}' ({parent.date_of_birth}) is not older than "
                f"this person ({person.date_of_birth})"
            )
        else:
            seen.add(parent_id)
            continue
        seen.add(parent_id)
        out.append(MemberProblem(index, person.id, "parents", message))
    return out


def _marriage_problems(household: Household, index: int, person: Person) -> list[MemberProblem]:
    marriage = person.family_ties.marriage
    if marriage is None or marriage.spouse is None:
        return []
    field = "family_ties.marriage.spouse"
    spouse = _member(household, marriage.spouse)
    if marriage.spouse == person.id:
        return [MemberProblem(index, person.id, field, "a person cannot be married to themself")]
    if spouse is None:
        message = f"'{marriage.spouse}' is not a member of the household (check the id)"
        return [MemberProblem(index, person.id, field, message)]
    if marriage.spouse in (person.parents or ()) or person.id in (spouse.parents or ()):
        message = f"'{marriage.spouse}' is recorded as a parent or child of this person"
        return [MemberProblem(index, person.id, field, message)]
    theirs = spouse.family_ties.marriage
    if theirs is None:
        return []
    if theirs.spouse != person.id:
        message = (
            f"'{spouse.id}' records a marriage to "
            f"{repr(theirs.spouse) if theirs.spouse else 'someone outside the household'}"
        )
        return [MemberProblem(index, person.id, field, message)]
    for name in ("married_on", "state"):
        mine, other = getattr(marriage, name), getattr(theirs, name)
        if mine is not None and other is not None and mine != other:
            mine_text, other_text = (
                (_words("marriage_state", mine), _words("marriage_state", other))
                if name == "state"
                else (str(mine), str(other))
            )
            message = f"{mine_text} here but {other_text} on the spouse '{spouse.id}'"
            return [MemberProblem(index, person.id, f"family_ties.marriage.{name}", message)]
    return []


def _derived_problems(household: Household, index: int, person: Person) -> list[MemberProblem]:
    out: list[MemberProblem] = []
    ties = person.family_ties
    spouse = derived_spouse_kind(household, person)
    if ties.spouse is not None and spouse is not None and ties.spouse != spouse:
        message = (
            f"is recorded as {_words('spouse_kind', ties.spouse)} but the marriage says "
            f"{_words('spouse_kind', spouse)} (from the spouse's legal status and where the "
            "marriage stands); correct one of them"
        )
        out.append(MemberProblem(index, person.id, "family_ties.spouse", message))
    child_of = derived_child_of_japanese_or_spr(household, person)
    if ties.child_of_japanese_or_spr is False and child_of:
        message = (
            "is recorded as no, but a parent member is a Japanese national or special "
            "permanent resident; correct one of them"
        )
        out.append(MemberProblem(index, person.id, "family_ties.child_of_japanese_or_spr", message))
    return out


def _cycle_problems(household: Household) -> list[MemberProblem]:
    """A member who is their own ancestor (A parent of B, B parent of A)."""
    parents = {p.id: tuple(p.parents or ()) for p in household.members}
    index = {p.id: i for i, p in enumerate(household.members)}
    for start, own in parents.items():
        pending, seen = list(own), set()
        while pending:
            current = pending.pop()
            if current == start:
                message = "this person is recorded, through their parents, as their own ancestor"
                return [MemberProblem(index[start], start, "parents", message)]
            if current not in seen:
                seen.add(current)
                pending.extend(parents.get(current, ()))
    return []
