"""The fixed vocabularies of the household format: roles, school levels, entry modes, ...

Each value is the English code used in JSON; the comment gives the Japanese legal term.
"""

from __future__ import annotations

from enum import StrEnum


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


class SpouseKind(StrEnum):
    """Whom the person is legally married to (婚姻の相手方)."""

    japanese = "japanese"  # 日本人
    special_permanent_resident = "special_permanent_resident"  # 特別永住者
    appended_table_2_resident = "appended_table_2_resident"  # 別表第二の在留資格で在留する者
    other = "other"  # その他の外国人
    none = "none"  # 婚姻していない


class RaisedChildKind(StrEnum):
    """The biological child the person supports (扶養している実子), by the child's status."""

    japanese_or_spr = "japanese_or_spr"  # 日本人又は特別永住者との間に出生した実子
    appended_table_2_resident = "appended_table_2_resident"  # 別表第二の在留資格で在留する実子
    none = "none"  # そのような実子を扶養していない


class DeportationGround(StrEnum):
    """Deportation grounds (退去強制事由, art. 24 of the Act) named by art. 50's proviso."""

    art24_3_2 = "art24_3_2"  # 第24条第3号の2（公衆等脅迫目的の犯罪行為等、テロ関係）
    art24_3_3 = "art24_3_3"  # 第24条第3号の3（国際約束により入国を防止すべき者）
    art24_4_c = "art24_4_c"  # 第24条第4号ハ（人身取引等を行い、唆し、又は助けた者）
    other = "other"  # その他の退去強制事由


class Applicant(StrEnum):
    """Who filed the application for special permission to stay (申請者)."""

    self = "self"  # 本人
    father = "father"  # 父
    mother = "mother"  # 母
    spouse = "spouse"  # 配偶者
    child = "child"  # 子
    other_relative = "other_relative"  # 親族
    other = "other"  # その他


class LegalStatus(StrEnum):
    """A member's legal position in Japan (本邦における法的地位). Only a person without status
    is subject to deportation and so within any measure; the others are assessed as not in
    scope and count as spouse, parent or guardian."""

    without_status = "without_status"  # 在留資格を有しない者（本件の対象者）
    japanese_national = "japanese_national"  # 日本国民
    special_permanent_resident = "special_permanent_resident"  # 特別永住者
    permanent_resident = "permanent_resident"  # 永住者
    long_term_resident = "long_term_resident"  # 定住者
    spouse_or_child_of_japanese = "spouse_or_child_of_japanese"  # 日本人の配偶者等
    # 永住者の配偶者等
    spouse_or_child_of_permanent_resident = "spouse_or_child_of_permanent_resident"
    other_status = "other_status"  # その他の在留資格


class MarriageState(StrEnum):
    """Where a marriage stands now (婚姻の現状)."""

    living_together = "living_together"  # 同居
    living_apart = "living_apart"  # 別居（単身赴任等、夫婦関係は継続）
    separated = "separated"  # 別居（夫婦関係の破綻・離婚協議中等）
    divorced = "divorced"  # 離婚
    widowed = "widowed"  # 死別


class GuardianKind(StrEnum):
    """Who would care for the children outside the household (世帯外の監護者の種別)."""

    relative = "relative"  # 親族
    childrens_home = "childrens_home"  # 児童養護施設等
    foster_parent = "foster_parent"  # 里親
    other = "other"  # その他の者


class PenaltyKind(StrEnum):
    """The principal penalty of a conviction (主刑の種類)."""

    imprisonment = "imprisonment"  # 拘禁刑（改正前の懲役・禁錮を含む）
    fine = "fine"  # 罰金
    other = "other"  # その他（拘留・科料、外国の刑など）


class PreviousOrderKind(StrEnum):
    """An order that ended an earlier stay in Japan (過去に受けた退去強制令書又は出国命令)."""

    deportation_order = "deportation_order"  # 退去強制令書
    departure_order = "departure_order"  # 出国命令


class SchoolHistoryExtent(StrEnum):
    """How much of the school history the enrolments list holds (在学歴の範囲)."""

    complete = "complete"  # すべての在学歴（空の一覧は在学歴なし）
    not_enrolled_now_past_unknown = "not_enrolled_now_past_unknown"  # 現在は不在学、過去は不明
