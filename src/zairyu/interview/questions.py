"""The questions of the guided interview, one per household field, in Japanese and English.

The wording of each question and its help come from the fact registry (``model/facts.yaml``);
this table adds what the interview needs to ask it, keyed by the household field path
(``record.convictions`` is the field ``record.convictions`` of a member;
``external_guardian.available`` is the household's). Each question names the person-table
columns one answer settles, so a single "none" to "convictions" settles every conviction
column.

``cost``: 1 the family can answer at once; 2 needs a document; 3 only a caseworker can judge or
is sensitive (asked last).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from zairyu.model.columns import CONVICTION_COLUMNS, GROUND_COLUMNS, SCHOOL_COLUMNS
from zairyu.model.kinds import (
    Applicant,
    DeportationGround,
    EntryMode,
    GuardianKind,
    LegalStatus,
    MarriageState,
    OffenceCategory,
    PreviousOrderKind,
    RaisedChildKind,
    ReleaseStatus,
    SchoolLevel,
    SpouseKind,
    Suspension,
)
from zairyu.model.registry import REGISTRY, Field

Kind = Literal[
    "bool",
    "date",
    "enum",
    "text",
    "int",
    "convictions",
    "enrolments",
    "grounds",
    "orders",
    "special",
]
Scope = Literal["person", "household"]


@dataclass(frozen=True)
class Question:
    path: str
    kind: Kind
    columns: tuple[str, ...]
    ja: str
    en: str
    topic: str
    cost: int = 1
    scope: Scope = "person"
    choices: tuple[str, ...] = ()
    help_ja: str = ""
    help_en: str = ""
    documents: dict[str, str] = field(default_factory=dict)

    @property
    def field(self) -> Field | None:
        """The fact registry's entry for this question's household field."""
        key = self.path if self.scope == "household" else f"members[].{self.path}"
        return REGISTRY.fields.get(key)

    def text(self, lang: str) -> str:
        """The question, worded once in the fact registry."""
        found = self.field
        if found is not None:
            return found.question.get(lang)
        return self.ja if lang == "ja" else self.en

    def help(self, lang: str) -> str:
        found = self.field
        if found is not None:
            return found.help.get(lang)
        return self.help_ja if lang == "ja" else self.help_en


PASSPORT = {"ja": "旅券、在留カード又は入国記録", "en": "Passport, residence card or entry record"}
ORDER = {"ja": "退去強制令書の写し", "en": "A copy of the written deportation order"}
RECORD = {"ja": "判決書、本人の申告", "en": "Judgments; the person's own statement"}


def _b(
    path: str, columns: tuple[str, ...], ja: str, en: str, topic: str, cost: int = 1
) -> Question:
    return Question(path, "bool", columns, ja, en, topic, cost)


def _d(
    path: str, columns: tuple[str, ...], ja: str, en: str, topic: str, cost: int = 1
) -> Question:
    return Question(path, "date", columns, ja, en, topic, cost)


def _e(
    path: str, columns: tuple[str, ...], ja: str, en: str, topic: str, choices: tuple[str, ...]
) -> Question:
    return Question(path, "enum", columns, ja, en, topic, 1, choices=choices)


def _values(kind: type) -> tuple[str, ...]:
    return tuple(v.value for v in kind)  # type: ignore[attr-defined]


QUESTIONS: tuple[Question, ...] = (
    _e(
        "legal_status",
        ("legal_status",),
        "在留資格のない方ですか。日本国民、又は在留資格をお持ちの方ですか。",
        "Is this person without status, a Japanese national or a holder of a status?",
        "identity",
        _values(LegalStatus),
    ),
    _d(
        "date_of_birth",
        ("birth_date", "in_japan_since"),
        "生年月日は。",
        "What is the date of birth?",
        "identity",
    ),
    _b(
        "born_in_japan",
        ("born_in_japan", "in_japan_since"),
        "日本で生まれましたか。",
        "Was this person born in Japan?",
        "identity",
    ),
    Question(
        "nationality", "text", ("nationality",), "国籍は。", "What is the nationality?", "identity"
    ),
    _e(
        "immigration.entry_mode",
        ("entry_mode", "illegal_stay_since"),
        "どのように日本に来ましたか（入国の態様）。",
        "How did this person come to Japan?",
        "immigration",
        _values(EntryMode),
    ),
    Question(
        "immigration.entry_date",
        "date",
        ("entry_date", "in_japan_since", "illegal_stay_since"),
        "入国日は。",
        "On what date did this person enter Japan?",
        "immigration",
        2,
        documents=PASSPORT,
    ),
    Question(
        "immigration.deportation_order",
        "bool",
        ("deportation_order",),
        "退去強制令書が発付されていますか。",
        "Has a written deportation order been issued?",
        "immigration",
        2,
        documents=ORDER,
    ),
    Question(
        "immigration.deportation_order_date",
        "date",
        ("deportation_order_date",),
        "退去強制令書の発付日は。",
        "On what date was the deportation order issued?",
        "immigration",
        2,
        documents=ORDER,
    ),
    _e(
        "immigration.release_status",
        ("release_status",),
        "現在、収容・仮放免・監理措置のいずれですか。",
        "Is this person detained, on provisional release or under supervision?",
        "immigration",
        _values(ReleaseStatus),
    ),
    Question(
        "immigration.deportation_grounds",
        "grounds",
        GROUND_COLUMNS,
        "次の退去強制事由に該当しますか（該当するものすべて）。",
        "Does this person fall under any of these deportation grounds (all that apply)?",
        "immigration",
        3,
        choices=_values(DeportationGround),
        help_ja="「いずれもない」は該当なしとして記録されます。",
        help_en="'None of these' is recorded as falling under none of them.",
    ),
    Question(
        "immigration.previous_orders",
        "orders",
        ("previous_deportation_order", "previous_departure_order", "previous_order_first_date"),
        "今回の滞在より前に、退去強制令書又は出国命令により出国したことがありますか。",
        "Before the present stay, did this person leave under a deportation or departure order?",
        "immigration",
        2,
        choices=_values(PreviousOrderKind),
    ),
    Question(
        "school.enrolments",
        "enrolments",
        SCHOOL_COLUMNS,
        "学校に通ったことがありますか。直近の学校と、小学校以上に最初に通い始めた日は。",
        "Has this person ever been to school? The latest school, and when elementary school "
        "(or higher) first began?",
        "school",
        2,
        choices=_values(SchoolLevel),
        help_ja="在学証明書があれば確認してください。母国語教育機関は小・中・高校に含まれないため、"
        "「その他の学校」を選んでください。",
        help_en="Check a certificate of enrolment if there is one. A home-language school does not "
        "count as an elementary, junior high or high school: choose 'other school' for it.",
        documents={"ja": "在学証明書", "en": "Certificate of enrolment"},
    ),
    Question(
        "record.convictions",
        "convictions",
        CONVICTION_COLUMNS,
        "有罪判決を受けたことがありますか。",
        "Has this person ever been convicted of an offence?",
        "record",
        3,
        choices=_values(OffenceCategory),
        help_ja="「ない」と答えると、前科に関するすべての事実が決まります。複数ある場合は最も重いものを入力し、残りはケース画面で追加してください。",
        help_en="Answering 'no' settles every fact about convictions. If there are several, enter "
        "the most serious here and the others on the case page.",
        documents=RECORD,
    ),
    _b(
        "record.drug_use",
        ("drug_use",),
        "薬物を使用したことがありますか。",
        "Has this person ever used illegal drugs?",
        "record",
        3,
    ),
    _b(
        "record.prostitution",
        ("prostitution",),
        "売春に関わったことがありますか。",
        "Has this person been involved in prostitution?",
        "record",
        3,
    ),
    _b(
        "record.prostitution_by_self",
        ("prostitution_by_self",),
        "自ら売春をしたことがありますか。",
        "Has this person engaged in prostitution themself?",
        "record",
        3,
    ),
    _b(
        "record.procured_prostitution",
        ("procured_prostitution",),
        "他人に売春をさせたことがありますか。",
        "Has this person made others engage in prostitution?",
        "record",
        3,
    ),
    _b(
        "record.forged_residence_card",
        ("forged_residence_card",),
        "偽造在留カードを行使したことがありますか。",
        "Has this person ever used a forged residence card?",
        "record",
        3,
    ),
    _b(
        "record.sham_marriage",
        ("sham_marriage",),
        "偽装結婚をしたことがありますか。",
        "Has this person entered into a sham marriage?",
        "record",
        3,
    ),
    _b(
        "record.criminal_organisation_member",
        ("criminal_organisation_member",),
        "犯罪組織の構成員ですか。",
        "Is this person a member of a criminal organisation?",
        "record",
        3,
    ),
    _b(
        "wishes_to_stay",
        ("wishes_to_stay",),
        "日本で暮らし続けることを本当に希望していますか。",
        "Does this person genuinely wish to go on living in Japan?",
        "family",
    ),
    _b(
        "could_act_as_guardian",
        ("could_act_as_guardian",),
        "子どもを適切に監護できますか。",
        "Could this person appropriately care for the children?",
        "family",
        3,
    ),
    Question(
        "external_guardian.available",
        "bool",
        ("external_guardian_available",),
        "世帯の外に、子どもを監護できる人がいますか。",
        "Is there someone outside the household who could care for the children?",
        "family",
        3,
        scope="household",
    ),
    Question(
        "external_guardian.kind",
        "enum",
        ("external_guardian_kind",),
        "世帯外で監護するのは、親族、施設、里親、その他のいずれですか。",
        "Would a relative, a children's home, a foster parent or someone else care for them?",
        "family",
        scope="household",
        choices=_values(GuardianKind),
    ),
    Question(
        "external_guardian.agreed",
        "bool",
        ("external_guardian_agreed",),
        "その方は監護を書面で承諾していますか（施設・里親は措置が決まっていますか）。",
        "Has that person agreed in writing (a home or foster parent: is the placement decided)?",
        "family",
        2,
        scope="household",
    ),
    Question(
        "external_guardian.legal_status",
        "enum",
        ("external_guardian_status",),
        "世帯外で監護する方の法的地位は。",
        "What is the legal status of the person who would care for them?",
        "family",
        scope="household",
        choices=_values(LegalStatus),
    ),
    _b(
        "family_ties.child_of_japanese_or_spr",
        ("child_of_japanese_or_spr",),
        "日本人又は特別永住者の子ですか。",
        "Is this person a child of a Japanese national or special permanent resident?",
        "family",
    ),
    _e(
        "family_ties.spouse",
        ("spouse_kind",),
        "法律上の婚姻の相手方は。",
        "To whom is this person legally married?",
        "family",
        _values(SpouseKind),
    ),
    _e(
        "family_ties.marriage.state",
        ("marriage_state", "spouse_kind"),
        "婚姻の現状は（同居・別居・離婚・死別）。",
        "Where does the marriage stand now (together, apart, divorced, widowed)?",
        "family",
        _values(MarriageState),
    ),
    _d(
        "family_ties.marriage.married_on",
        ("married_on",),
        "婚姻の日は。",
        "On what date was the marriage registered?",
        "family",
        2,
    ),
    _e(
        "family_ties.marriage.spouse_status",
        ("spouse_legal_status", "spouse_kind"),
        "世帯外の配偶者の法的地位は。",
        "What is the legal status of the spouse outside the household?",
        "family",
        _values(LegalStatus),
    ),
    _d(
        "family_ties.cohabiting_with_spouse_since",
        ("cohabiting_with_spouse_since",),
        "夫婦として同居を始めた日は。",
        "Since when have the couple lived together?",
        "family",
    ),
    _b(
        "family_ties.spouses_support_each_other",
        ("spouses_support_each_other",),
        "夫婦は互いに協力し扶助していますか。",
        "Do the couple cooperate and support each other?",
        "family",
        3,
    ),
    _b(
        "family_ties.marriage_stable_and_mature",
        ("marriage_stable_and_mature",),
        "婚姻は安定かつ成熟していますか（子がいる等）。",
        "Is the marriage stable and mature (a child, for example)?",
        "family",
        3,
    ),
    _e(
        "family_ties.raises_child",
        ("raises_child",),
        "扶養している実子は。",
        "Which biological child does this person support?",
        "family",
        _values(RaisedChildKind),
    ),
    _b(
        "family_ties.raised_child_minor_unmarried",
        ("raised_child_minor_unmarried",),
        "その子は未成年かつ未婚ですか。",
        "Is that child a minor and unmarried?",
        "family",
    ),
    _b(
        "family_ties.holds_parental_authority",
        ("holds_parental_authority",),
        "その子の親権を現に有していますか。",
        "Does this person hold parental authority over that child?",
        "family",
        2,
    ),
    _d(
        "family_ties.raising_child_in_japan_since",
        ("raising_child_in_japan_since",),
        "その子と日本で同居し監護養育を始めた日は。",
        "Since when has this person lived with and raised that child in Japan?",
        "family",
    ),
    _b(
        "family_ties.supported_by_appended_table_2_parent",
        ("supported_by_appended_table_2_parent",),
        "別表第二の在留資格で在留する親に扶養されていますか。",
        "Is this person supported by a parent residing with an Appended Table II status?",
        "family",
        2,
    ),
    _d(
        "residence.illegal_stay_since",
        ("illegal_stay_since",),
        "在留資格を失った（不法滞在となった）日は。",
        "Since what date has this person been without status?",
        "residence",
        2,
    ),
    _b(
        "residence.voluntary_appearance",
        ("voluntary_appearance",),
        "自ら入管に出頭して申告しましたか。",
        "Did this person appear at immigration of their own accord?",
        "residence",
    ),
    _b(
        "residence.previous_deportation_procedure",
        ("previous_deportation_procedure",),
        "過去に退去強制手続を受けたことがありますか。",
        "Was this person subject to deportation procedures before?",
        "residence",
        2,
    ),
    _b(
        "residence.community_ties",
        ("community_ties",),
        "日本に定着し、地域社会とのつながりがありますか。",
        "Is this person settled in Japan, with ties to the local community?",
        "residence",
        3,
    ),
    _b(
        "residence.permanent_resident",
        ("permanent_resident",),
        "永住許可を受けていますか。",
        "Does this person hold permanent residence?",
        "residence",
    ),
    _b(
        "residence.former_japanese_national",
        ("former_japanese_national",),
        "かつて日本国民として本籍を有していましたか。",
        "Was this person once a Japanese national with a registered domicile?",
        "residence",
    ),
    _b(
        "residence.absconded_on_provisional_release",
        ("absconded_on_provisional_release",),
        "仮放免中に逃亡したことがありますか。",
        "Has this person absconded while on provisional release?",
        "residence",
        3,
    ),
    _b(
        "residence.breached_supervision_measures",
        ("breached_supervision_measures",),
        "監理措置の条件に違反し又は逃亡したことがありますか。",
        "Has this person broken the conditions of supervision measures?",
        "residence",
        3,
    ),
    _b(
        "residence.false_statements",
        ("false_statements",),
        "手続で虚偽の申告をしたことがありますか。",
        "Has this person made false statements in the procedure?",
        "residence",
        3,
    ),
    _b(
        "refugee.recognised_refugee",
        ("refugee_recognised",),
        "難民として認定されていますか。",
        "Has this person been recognised as a refugee?",
        "refugee",
        2,
    ),
    _b(
        "refugee.complementary_protection",
        ("complementary_protection",),
        "補完的保護対象者として認定されていますか。",
        "Has this person been recognised for complementary protection?",
        "refugee",
        2,
    ),
    Question(
        "refugee.applications",
        "int",
        ("refugee_application_count",),
        "難民認定申請を何回しましたか（係属中のものを含む）。",
        "How many refugee applications has this person made (the pending one included)?",
        "refugee",
        2,
    ),
    _b(
        "refugee.application_pending",
        ("refugee_application_pending",),
        "難民認定申請が係属中ですか。",
        "Is a refugee application pending?",
        "refugee",
        2,
    ),
    _b(
        "refugee.reasonable_grounds_submitted",
        ("refugee_reasonable_grounds",),
        "難民と認定すべき相当の理由がある資料を提出しましたか。",
        "Were materials showing reasonable grounds for recognition submitted?",
        "refugee",
        3,
    ),
    _b(
        "humanitarian.needs_treatment_in_japan",
        ("needs_treatment_in_japan",),
        "難病等により日本での治療が必要ですか。",
        "Does this person need treatment in Japan for an intractable disease?",
        "humanitarian",
        2,
    ),
    _b(
        "humanitarian.nurses_relative_needing_treatment",
        ("nurses_relative_needing_treatment",),
        "治療を要する親族を看護する必要がありますか。",
        "Must this person nurse a relative who needs such treatment?",
        "humanitarian",
        2,
    ),
    _b(
        "humanitarian.life_at_risk_without_treatment",
        ("life_at_risk_without_treatment",),
        "日本で治療を続けられないと生命に危険がありますか。",
        "Would this person's life be at risk if treatment in Japan stopped?",
        "humanitarian",
        3,
    ),
    _b(
        "humanitarian.trafficking_victim",
        ("trafficking_victim",),
        "人身取引等により他人の支配下に置かれていますか。",
        "Is this person under another's control through trafficking?",
        "humanitarian",
        3,
    ),
    _b(
        "humanitarian.stateless_no_removal_country",
        ("stateless_no_removal_country",),
        "無国籍で送還先がありませんか。",
        "Is this person stateless, with no country of removal?",
        "humanitarian",
        2,
    ),
    _b(
        "humanitarian.third_party_support",
        ("third_party_support",),
        "雇用予定者等の第三者による十分な支援がありますか。",
        "Is there sufficient support from a future employer or another third party?",
        "humanitarian",
        2,
    ),
    _b(
        "humanitarian.other_humanitarian_need",
        ("other_humanitarian_need",),
        "その他、人道的配慮を必要とする特別な事情がありますか。",
        "Are there other special circumstances needing humanitarian consideration?",
        "humanitarian",
        3,
    ),
    Question(
        "humanitarian.special_circumstances_asserted",
        "special",
        ("special_circumstances",),
        "「特別の事情」を書面の理由を付して主張しますか。",
        "Do you assert 'special circumstances', with written reasons?",
        "humanitarian",
        3,
        help_ja="主張する場合は理由を記入してください（入管法第50条第1項ただし書）。",
        help_en="If you assert them, write the reasons (Immigration Act art. 50(1), proviso).",
    ),
    _b(
        "application.made",
        ("application_made",),
        "在留特別許可の申請をしましたか。",
        "Has an application for special permission to stay been made?",
        "application",
    ),
    _d(
        "application.applied_on",
        ("applied_on",),
        "申請日は。",
        "On what date was it filed?",
        "application",
    ),
    _e(
        "application.applicant",
        ("applicant",),
        "申請したのは誰ですか。",
        "Who filed the application?",
        "application",
        _values(Applicant),
    ),
    _b(
        "application.unable_to_apply_in_person",
        ("unable_to_apply_in_person",),
        "疾病等により本人が申請できませんか。",
        "Is this person unable to apply in person through illness or similar?",
        "application",
        2,
    ),
)
SUSPENSIONS = _values(Suspension)
BY_PATH: dict[str, Question] = {q.path: q for q in QUESTIONS}
BY_COLUMN: dict[str, tuple[Question, ...]] = {}
for _q in QUESTIONS:
    for _column in _q.columns:
        BY_COLUMN[_column] = (*BY_COLUMN.get(_column, ()), _q)
