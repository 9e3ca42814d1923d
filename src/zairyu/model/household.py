"""The household and its members: the facts a caseworker records.

Every fact may be unknown. An unknown fact is written as ``null`` or left out, and it stays
unknown: the engine evaluates with three-valued logic and reports which facts it still needs.
An unknown is never read as ``false``. Misspelled or unexpected keys are rejected, so a typo
cannot silently become an unknown. The vocabularies (roles, school levels, ...) are in
``zairyu.model.kinds`` and re-exported here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    model_validator,
)

from zairyu.model.date_fields import BirthDay, Day
from zairyu.model.dates import earliest, latest
from zairyu.model.ids import ID_LENGTH, ID_PATTERN
from zairyu.model.kinds import (
    Applicant,
    DeportationGround,
    EntryMode,
    GuardianKind,
    LegalStatus,
    MarriageState,
    OffenceCategory,
    PenaltyKind,
    PreviousOrderKind,
    RaisedChildKind,
    ReleaseStatus,
    Role,
    SchoolHistoryExtent,
    SchoolLevel,
    SpouseKind,
    Suspension,
)
from zairyu.model.registry import REGISTRY
from zairyu.model.relations import RelationError, relation_problems
from zairyu.model.strict import Strict

# An id: 1 to 64 letters of any script (山田家), combining marks, digits, '_', '.' or '-';
# no spaces, controls or bidi overrides (\p{..} classes: pydantic-core, Polars, JSON Schema).
# Dates (``Day``, ``BirthDay``: zairyu.model.dates) are a day YYYY-MM-DD, or a month or a year
# when only that is known; a date of birth may also be an age on a stated day. Each is read as
# the interval of days it allows.


def _visible_text(value: str) -> str:
    """A name is visible text: a control character or a direction override (U+202E) could make
    a memo say something other than what it seems to."""
    if not all(ch.isprintable() or ch == "\u3000" for ch in value):  # 全角スペース is fine
        raise ValueError("may hold only visible characters (no line breaks, tabs or controls)")
    return value


# A person's name as the caseworker writes it. Never echoed in a message (problems.NOT_ECHOED).
DisplayName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_visible_text)]
# The fields whose value a refusal never repeats: they may name or identify a person.
NOT_ECHOED = frozenset({"display_name", "offence_as_judged"})

__all__ = [  # the vocabularies are re-exported for callers of the household model
    "Applicant",
    "DeportationGround",
    "EntryMode",
    "GuardianKind",
    "Household",
    "LegalStatus",
    "Marriage",
    "MarriageState",
    "OffenceCategory",
    "PenaltyKind",
    "Person",
    "PreviousOrderKind",
    "RaisedChildKind",
    "ReleaseStatus",
    "Role",
    "SchoolHistoryExtent",
    "SchoolLevel",
    "SpouseKind",
    "Suspension",
]


class SchoolEnrolment(Strict):
    """One period at one school. ``end`` is ``null`` while the child is still enrolled."""

    level: SchoolLevel
    start: Day
    end: Day | None = None
    in_japan: StrictBool = True
    home_language_school: StrictBool | None = Field(
        default=None,
        description=(
            "Teaches in the home-country language (母国語による教育を行っている教育機関); "
            "such a school does not count as a 小学校, 中学校 or 高等学校. Omitted or false: "
            "the school is read as the 小学校, 中学校 or 高等学校 its level names, under every "
            "policy alike."
        ),
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> SchoolEnrolment:
        if self.end is not None and latest(self.end) < earliest(self.start):
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Conviction(Strict):
    """One criminal conviction (前科), in the detail of the judgment. Sentences are whole months;
    a fine's amount is whole yen."""

    offence_as_judged: Annotated[str, Field(max_length=500)] | None = Field(
        default=None,
        description="The offence as written in the judgment (判決書記載の罪名), e.g. "
        "'出入国管理及び難民認定法違反'. Sensitive: never shown in an error message.",
    )
    offence: OffenceCategory
    convicted_on: Day | None = None
    penalty: PenaltyKind | None = Field(
        default=None,
        description="The principal penalty: imprisonment (拘禁刑, before June 2025 懲役 or 禁錮), "
        "a fine (罰金) or another penalty.",
    )
    fine_yen: Annotated[int, Field(ge=1, le=100_000_000_000)] | None = Field(
        default=None, description="With a fine, its amount in yen (罰金額)."
    )
    sentence_months: Annotated[int, Field(ge=0, le=1200)] | None = Field(
        default=None, description="Custodial sentence in months; 0 for a fine only."
    )
    life: StrictBool = Field(default=False, description="Life imprisonment (無期).")
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

    @model_validator(mode="after")
    def _penalty_agrees_with_sentence(self) -> Conviction:
        if self.penalty == PenaltyKind.fine:
            if self.sentence_months:
                raise ValueError(
                    f"penalty is 'fine' but sentence_months is {self.sentence_months}: a fine has "
                    "no custodial term (write 0 or leave it out, or correct the penalty)"
                )
            if self.life:
                raise ValueError("penalty is 'fine' but life is true")
            if self.suspension == Suspension.partial:
                raise ValueError("penalty is 'fine': only imprisonment can be partly suspended")
        elif self.fine_yen is not None:
            raise ValueError("fine_yen is set but penalty is not 'fine'")
        if self.penalty == PenaltyKind.imprisonment and self.sentence_months == 0 and not self.life:
            raise ValueError(
                "penalty is 'imprisonment' but sentence_months is 0: write the term in months"
            )
        return self


class SchoolHistory(Strict):
    """The enrolments. With ``extent`` ``complete`` (the default) the list is the whole history,
    so an empty list means known never to have been enrolled. With
    ``not_enrolled_now_past_unknown`` the person is not enrolled at present and the list holds
    only the enrolments known (perhaps none): earlier schooling is unknown, not absent."""

    extent: SchoolHistoryExtent = SchoolHistoryExtent.complete
    enrolments: list[SchoolEnrolment]

    @model_validator(mode="after")
    def _not_enrolled_now_means_no_open_enrolment(self) -> SchoolHistory:
        if self.extent == SchoolHistoryExtent.not_enrolled_now_past_unknown and any(
            e.end is None for e in self.enrolments
        ):
            raise ValueError(
                "extent says the person is not enrolled now, but an enrolment has no end date"
            )
        return self


class PreviousOrder(Strict):
    """An order under which the person left Japan before the present stay."""

    kind: PreviousOrderKind
    issued_on: Day | None = Field(default=None, description="Date of the order, if known.")


class Immigration(Strict):
    """Immigration facts (入管法上の事実)."""

    entry_mode: EntryMode | None = None
    entry_date: Day | None = None
    deportation_order: StrictBool | None = Field(
        default=None, description="A written deportation order (退去強制令書) has been issued."
    )
    deportation_order_date: Day | None = None
    release_status: ReleaseStatus | None = None
    deportation_grounds: list[DeportationGround] | None = Field(
        default=None,
        description="Deportation grounds the person falls under; [] means none of those listed.",
    )
    previous_orders: list[PreviousOrder] | None = Field(
        default=None,
        description="Earlier deportation orders (退去強制令書) or departure orders (出国命令) "
        "under which the person left Japan before; [] means known to have had none.",
    )

    @model_validator(mode="after")
    def _order_date_needs_order(self) -> Immigration:
        if self.deportation_order is False and self.deportation_order_date is not None:
            raise ValueError("deportation_order_date is set but deportation_order is false")
        return self


class NegativeRecord(Strict):
    """Negative facts (消極的な事情). ``convictions: []`` means known to have none."""

    convictions: list[Conviction] | None = None
    drug_use: StrictBool | None = Field(default=None, description="Drug use (薬物使用).")
    prostitution_by_self: StrictBool | None = Field(
        default=None, description="Engaged in prostitution oneself (自ら売春を行ったこと)."
    )
    procured_prostitution: StrictBool | None = Field(
        default=None,
        description="Made others engage in prostitution (他人に売春を行わせたこと).",
    )
    prostitution: StrictBool | None = Field(
        default=None,
        description="Either: engaged in prostitution or made others do so (the only field of "
        "older files). When it is known which, write prostitution_by_self and "
        "procured_prostitution as well; they must agree with it.",
    )
    forged_residence_card: StrictBool | None = Field(
        default=None, description="Used a forged residence card (偽造在留カード行使)."
    )
    sham_marriage: StrictBool | None = Field(default=None, description="Sham marriage (偽装結婚).")
    criminal_organisation_member: StrictBool | None = Field(
        default=None, description="Member of a criminal organisation (犯罪組織の構成員)."
    )

    @model_validator(mode="after")
    def _prostitution_alias_agrees(self) -> NegativeRecord:
        either = (self.prostitution_by_self, self.procured_prostitution)
        if self.prostitution is False and True in either:
            raise ValueError(
                "prostitution is false but prostitution_by_self or procured_prostitution is "
                "true; correct whichever is wrong"
            )
        if self.prostitution is True and either == (False, False):
            raise ValueError(
                "prostitution is true but prostitution_by_self and procured_prostitution are "
                "both false; correct whichever is wrong"
            )
        return self


MemberId = Annotated[str, Field(min_length=1, max_length=ID_LENGTH, pattern=ID_PATTERN)]


class Marriage(Strict):
    """The person's marriage (婚姻): to a member of the household (``spouse``) or to someone
    outside it (``spouse_status``), when it was made and where it stands now."""

    spouse: MemberId | None = Field(
        default=None, description="The member id of the spouse, when the spouse is a member."
    )
    spouse_status: LegalStatus | None = Field(
        default=None,
        description="The legal status of a spouse who is not a member (日本人, 永住者, ...).",
    )
    married_on: Day | None = Field(default=None, description="Date of marriage (婚姻の日).")
    state: MarriageState | None = Field(
        default=None, description="Where the marriage stands now (婚姻の現状)."
    )

    @model_validator(mode="after")
    def _one_source_of_the_spouse_status(self) -> Marriage:
        if self.spouse is not None and self.spouse_status is not None:
            raise ValueError(
                "spouse_status is for a spouse outside the household; the spouse member's own "
                "legal_status says it (remove spouse_status)"
            )
        return self


class FamilyTies(Strict):
    """Family ties in Japan (家族関係): marriage and children, as the guidelines weigh them."""

    child_of_japanese_or_spr: StrictBool | None = Field(
        default=None,
        description="A child of a Japanese national or SPR (日本人の子又は特別永住者の子).",
    )
    spouse: SpouseKind | None = Field(
        default=None, description="Legally married to (婚姻の相手方)."
    )
    cohabiting_with_spouse_since: Day | None = Field(
        default=None,
        description="Living together as a couple since (夫婦としての共同生活の開始日).",
    )
    spouses_support_each_other: StrictBool | None = Field(
        default=None,
        description="The couple cooperate and support each other (相互に協力して扶助).",
    )
    marriage_stable_and_mature: StrictBool | None = Field(
        default=None,
        description="The marriage is stable and mature, e.g. a child (婚姻が安定かつ成熟).",
    )
    raises_child: RaisedChildKind | None = Field(
        default=None, description="Supports a biological child of this kind (扶養している実子)."
    )
    raised_child_minor_unmarried: StrictBool | None = Field(
        default=None, description="That child is a minor and unmarried (未成年かつ未婚)."
    )
    holds_parental_authority: StrictBool | None = Field(
        default=None,
        description="Currently holds parental authority over that child (親権を現に有する).",
    )
    raising_child_in_japan_since: Day | None = Field(
        default=None,
        description="Living with and raising that child in Japan since (同居・監護養育の開始日).",
    )
    supported_by_appended_table_2_parent: StrictBool | None = Field(
        default=None,
        description="A child supported by a parent residing with an Appended Table II status "
        "(別表第二の在留資格で在留する者の扶養を受けている実子).",
    )
    marriage: Marriage | None = Field(
        default=None, description="The marriage: spouse, date, where it stands (婚姻)."
    )

    @model_validator(mode="after")
    def _living_together_only_while_together(self) -> FamilyTies:
        state = self.marriage.state if self.marriage else None
        if self.cohabiting_with_spouse_since is not None and state not in (
            None,
            MarriageState.living_together,
        ):
            words = REGISTRY.vocabularies["marriage_state"].labels[str(state)].en
            raise ValueError(
                f"cohabiting_with_spouse_since is set but the couple are {words}: leave the "
                "date empty unless they live together now"
            )
        return self


class ResidenceHistory(Strict):
    """The stay in Japan and conduct during it (在留状況)."""

    illegal_stay_since: Day | None = Field(
        default=None,
        description="Without status since "
        "(不法滞在の始期: overstay start, or the illegal entry date).",
    )
    voluntary_appearance: StrictBool | None = Field(
        default=None,
        description="Appeared at an immigration office of own accord to declare it (出頭申告).",
    )
    previous_deportation_procedure: StrictBool | None = Field(
        default=None,
        description="Was subject to deportation procedures before (過去の退去強制手続).",
    )
    community_ties: StrictBool | None = Field(
        default=None,
        description="Settled in Japan with ties to the local community, school, neighbourhood "
        "(本邦への定着性・地域社会との関係).",
    )
    permanent_resident: StrictBool | None = Field(
        default=None, description="Has permanent residence permission (永住許可)."
    )
    former_japanese_national: StrictBool | None = Field(
        default=None,
        description="Once had a registered domicile as a Japanese national (元日本国民).",
    )
    absconded_on_provisional_release: StrictBool | None = Field(
        default=None, description="Absconded while on provisional release (仮放免中の逃亡)."
    )
    breached_supervision_measures: StrictBool | None = Field(
        default=None,
        description="Absconded or broke conditions under supervision measures (監理措置).",
    )
    false_statements: StrictBool | None = Field(
        default=None, description="Made false statements in the procedure (虚偽の申告)."
    )


class RefugeeStatus(Strict):
    """Refugee and complementary protection (難民・補完的保護)."""

    recognised_refugee: StrictBool | None = Field(
        default=None, description="Recognised as a refugee."
    )
    complementary_protection: StrictBool | None = Field(
        default=None, description="Recognised as a complementary-protection beneficiary."
    )
    applications: Annotated[int, Field(ge=0, le=100)] | None = Field(
        default=None, description="Number of refugee applications made, the pending one included."
    )
    application_pending: StrictBool | None = Field(
        default=None, description="A refugee application is pending (難民認定申請中)."
    )
    reasonable_grounds_submitted: StrictBool | None = Field(
        default=None,
        description="Submitted materials showing reasonable grounds for recognition (相当の理由).",
    )

    @model_validator(mode="after")
    def _pending_needs_an_application(self) -> RefugeeStatus:
        if self.application_pending and self.applications == 0:
            raise ValueError("application_pending is true but applications is 0")
        return self


class Humanitarian(Strict):
    """Humanitarian circumstances (人道上の配慮)."""

    needs_treatment_in_japan: StrictBool | None = Field(
        default=None,
        description="Needs treatment in Japan for an intractable disease etc. (難病等).",
    )
    nurses_relative_needing_treatment: StrictBool | None = Field(
        default=None, description="Must nurse a relative who needs such treatment (親族の看護)."
    )
    life_at_risk_without_treatment: StrictBool | None = Field(
        default=None, description="Concrete risk to life if treatment in Japan cannot continue."
    )
    trafficking_victim: StrictBool | None = Field(
        default=None,
        description="Staying under another's control through trafficking (人身取引等).",
    )
    stateless_no_removal_country: StrictBool | None = Field(
        default=None, description="Stateless, with no country to be deported to (無国籍)."
    )
    third_party_support: StrictBool | None = Field(
        default=None, description="Sufficient support from a future employer or other third party."
    )
    other_humanitarian_need: StrictBool | None = Field(
        default=None, description="Other special circumstances needing humanitarian consideration."
    )
    special_circumstances_asserted: StrictBool | None = Field(
        default=None,
        description="A caseworker asserts 'special circumstances' "
        "(特別の事情, art. 50(1) proviso).",
    )
    special_circumstances_reasons: Annotated[str, Field(max_length=5000)] | None = Field(
        default=None, description="The written reasons for the special circumstances asserted."
    )

    @model_validator(mode="after")
    def _special_circumstances_need_reasons(self) -> Humanitarian:
        if self.special_circumstances_asserted and not self.special_circumstances_reasons:
            raise ValueError(
                "special_circumstances_asserted is true: write the reasons in "
                "special_circumstances_reasons"
            )
        return self


class Application(Strict):
    """The application for special permission to stay (在留特別許可申請, from 10 June 2024)."""

    made: StrictBool | None = Field(default=None, description="An application has been made.")
    applied_on: Day | None = None
    applicant: Applicant | None = Field(default=None, description="Who filed it.")
    unable_to_apply_in_person: StrictBool | None = Field(
        default=None, description="Cannot apply in person through illness etc. (疾病その他)."
    )

    @model_validator(mode="after")
    def _date_needs_application(self) -> Application:
        if self.made is False and (self.applied_on is not None or self.applicant is not None):
            raise ValueError("applied_on or applicant is set but made is false")
        return self


class Person(Strict):
    """One member of the household. Only ``id`` and ``role`` are required."""

    id: Annotated[str, Field(min_length=1, max_length=ID_LENGTH, pattern=ID_PATTERN)]
    role: Role
    display_name: DisplayName | None = Field(
        default=None,
        description="A name to show on memos, pages and the text report. Sensitive: never "
        "logged, never in an error message, left out of exports unless asked for.",
    )
    date_of_birth: BirthDay | None = None
    born_in_japan: StrictBool | None = None
    nationality: Annotated[str, Field(max_length=64)] | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code or a name."
    )
    school: SchoolHistory | None = None
    immigration: Immigration = Immigration()
    record: NegativeRecord = NegativeRecord()
    wishes_to_stay: StrictBool | None = Field(
        default=None, description="Genuinely wishes to go on living in Japan (真に希望)."
    )
    could_act_as_guardian: StrictBool | None = Field(
        default=None, description="Could appropriately care for the children (適切な監護者)."
    )
    family_ties: FamilyTies = FamilyTies()
    residence: ResidenceHistory = ResidenceHistory()
    refugee: RefugeeStatus = RefugeeStatus()
    humanitarian: Humanitarian = Humanitarian()
    application: Application = Application()
    legal_status: LegalStatus | None = Field(
        default=None,
        description="Legal status in Japan (本邦における法的地位). Omitted: without status, "
        "a person the case is about (every file written before this field existed).",
    )
    parents: Annotated[list[MemberId], Field(max_length=4)] | None = Field(
        default=None, description="The member ids of this person's parents in the household."
    )


class ExternalGuardian(Strict):
    """Someone outside the household who could care for the children (他に適切な監護者)."""

    description: Annotated[str, Field(max_length=500)] | None = None
    available: StrictBool | None = None
    kind: GuardianKind | None = Field(
        default=None, description="A relative, a children's home, a foster parent or another."
    )
    agreed: StrictBool | None = Field(
        default=None,
        description="A relative or other person has agreed in writing to act as guardian; for "
        "a children's home or foster parent, the placement has been arranged (措置・委託).",
    )
    legal_status: LegalStatus | None = Field(
        default=None, description="The guardian's own legal status in Japan (a person only)."
    )

    @model_validator(mode="after")
    def _a_home_has_no_status(self) -> ExternalGuardian:
        if self.kind == GuardianKind.childrens_home and self.legal_status is not None:
            raise ValueError("a children's home has no legal status: remove legal_status")
        return self


class Household(Strict):
    """A household: persons sharing residence and livelihood (住居及び生計を同じくする者)."""

    id: Annotated[str, Field(min_length=1, max_length=ID_LENGTH, pattern=ID_PATTERN)]
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
        problems = relation_problems(self)
        if problems:
            raise RelationError(problems)
        return self

    def member(self, person_id: str) -> Person:
        for person in self.members:
            if person.id == person_id:
                return person
        raise KeyError(person_id)
