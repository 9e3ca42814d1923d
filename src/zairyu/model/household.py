"""The household and its members: the facts a caseworker records.

Every fact may be unknown. An unknown fact is written as ``null`` or left out, and it stays
unknown: the engine evaluates with three-valued logic and reports which facts it still needs.
An unknown is never read as ``false``. Misspelled or unexpected keys are rejected, so a typo
cannot silently become an unknown.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Role(StrEnum):
    """A member's place in the household (世帯における続柄)."""

    parent = "parent"
    child = "child"
    other_relative = "other_relative"


class SchoolLevel(StrEnum):
    """A level of education (学校の種類)."""

    preschool = "preschool"  # 幼稚園・保育所
    elementary = "elementary"  # 小学校
    junior_high = "junior_high"  # 中学校
    high = "high"  # 高等学校
    university = "university"  # 大学等
    other = "other"


class EntryMode(StrEnum):
    """How the person came to be in Japan (本邦に入国することとなった経緯)."""

    born_in_japan = "born_in_japan"  # 本邦で出生
    status_of_residence = "status_of_residence"  # 在留資格をもって入国
    illegal_entry = "illegal_entry"  # 不法入国
    illegal_landing = "illegal_landing"  # 不法上陸


class ReleaseStatus(StrEnum):
    """Where the person is while deportation proceedings run."""

    detained = "detained"  # 収容
    provisional_release = "provisional_release"  # 仮放免
    supervision = "supervision"  # 監理措置
    none = "none"  # 不拘束のまま


class Suspension(StrEnum):
    """Whether a sentence was suspended (刑の執行猶予)."""

    none = "none"  # 実刑
    full = "full"  # 刑の全部の執行猶予
    partial = "partial"  # 刑の一部の執行猶予


class OffenceCategory(StrEnum):
    """Broad category of the offence behind a conviction."""

    drug = "drug"  # 薬物犯罪
    prostitution = "prostitution"  # 売春関係
    immigration_fraud = "immigration_fraud"  # 旅券・在留カード等の偽造・不正受交付
    illegal_work_facilitation = "illegal_work_facilitation"  # 不法就労助長
    smuggling_of_persons = "smuggling_of_persons"  # 集団密航
    trafficking = "trafficking"  # 人身取引
    violent = "violent"  # 凶悪・粗暴犯
    property = "property"  # 財産犯
    traffic = "traffic"  # 交通
    terrorism = "terrorism"  # テロ関係
    illegal_stay = "illegal_stay"  # 不法残留・不法在留そのもの
    other = "other"


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SchoolEnrolment(Strict):
    """One period at one school. ``end`` is ``null`` while the child is still enrolled."""

    level: SchoolLevel
    start: date
    end: date | None = None
    in_japan: bool = True
    home_language_school: bool | None = Field(
        default=None,
        description="Teaches in the home-country language (母国語による教育を行っている教育機関).",
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> SchoolEnrolment:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Conviction(Strict):
    """One criminal conviction (前科). Sentences are whole months."""

    offence: OffenceCategory
    convicted_on: date | None = None
    sentence_months: Annotated[int, Field(ge=0, le=1200)] | None = Field(
        default=None, description="Custodial sentence in months; 0 for a fine only."
    )
    life: bool = Field(default=False, description="Life imprisonment (無期).")
    suspension: Suspension | None = None
    suspended_months: Annotated[int, Field(ge=0, le=1200)] | None = Field(
        default=None, description="With a partial suspension, the months suspended."
    )

    @model_validator(mode="after")
    def _partial_needs_months(self) -> Conviction:
        if self.suspension == Suspension.partial:
            if self.suspended_months is None:
                raise ValueError("a partly suspended sentence needs suspended_months")
            if self.sentence_months is not None and self.suspended_months > self.sentence_months:
                raise ValueError("suspended_months is longer than sentence_months")
        elif self.suspended_months is not None:
            raise ValueError("suspended_months is only for suspension 'partial'")
        return self


class SchoolHistory(Strict):
    """All enrolments. An empty list means: known never to have been enrolled."""

    enrolments: list[SchoolEnrolment]


class Immigration(Strict):
    """Immigration facts (入管法上の事実)."""

    entry_mode: EntryMode | None = None
    entry_date: date | None = None
    deportation_order: bool | None = Field(
        default=None, description="A written deportation order (退去強制令書) has been issued."
    )
    deportation_order_date: date | None = None
    release_status: ReleaseStatus | None = None

    @model_validator(mode="after")
    def _order_date_needs_order(self) -> Immigration:
        if self.deportation_order is False and self.deportation_order_date is not None:
            raise ValueError("deportation_order_date is set but deportation_order is false")
        return self


class NegativeRecord(Strict):
    """Negative facts (消極的な事情). ``convictions: []`` means known to have none."""

    convictions: list[Conviction] | None = None
    drug_use: bool | None = Field(default=None, description="Drug use (薬物使用).")
    prostitution: bool | None = Field(default=None, description="Prostitution (売春).")
    forged_residence_card: bool | None = Field(
        default=None, description="Used a forged residence card (偽造在留カード行使)."
    )
    sham_marriage: bool | None = Field(default=None, description="Sham marriage (偽装結婚).")


class Person(Strict):
    """One member of the household. Only ``id`` and ``role`` are required."""

    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
    role: Role
    date_of_birth: date | None = None
    born_in_japan: bool | None = None
    nationality: Annotated[str, Field(max_length=64)] | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code or a name."
    )
    school: SchoolHistory | None = None
    immigration: Immigration = Immigration()
    record: NegativeRecord = NegativeRecord()
    wishes_to_stay: bool | None = Field(
        default=None, description="Genuinely wishes to go on living in Japan (真に希望)."
    )
    could_act_as_guardian: bool | None = Field(
        default=None, description="Could appropriately care for the children (適切な監護者)."
    )


class ExternalGuardian(Strict):
    """Someone outside the household who could care for the children (他に適切な監護者)."""

    description: Annotated[str, Field(max_length=500)] | None = None
    available: bool | None = None


class Household(Strict):
    """A household: persons sharing residence and livelihood (住居及び生計を同じくする者)."""

    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
    members: Annotated[list[Person], Field(min_length=1, max_length=50)]
    external_guardian: ExternalGuardian | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = Field(
        default=None, description="Free text for the caseworker; never used by the engine."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Household:
        seen: set[str] = set()
        for person in self.members:
            if person.id in seen:
                raise ValueError(f"two members have the id {person.id!r}")
            seen.add(person.id)
        return self

    def member(self, person_id: str) -> Person:
        for person in self.members:
            if person.id == person_id:
                return person
        raise KeyError(person_id)
