"""Names of roles and facts shown to people, in Japanese and English."""

from __future__ import annotations

from zairyu.model.table import COLUMNS

ROLES = {
    "parent": {"ja": "親", "en": "parent"},
    "child": {"ja": "子", "en": "child"},
    "other_relative": {"ja": "その他の親族", "en": "other relative"},
}

FACTS_JA = {
    "role": "続柄",
    "birth_date": "生年月日",
    "born_in_japan": "本邦での出生",
    "nationality": "国籍",
    "school_level": "直近の在学の種類",
    "school_first_start": "小・中・高校への最初の在学開始日",
    "school_enrolled_ever": "小・中・高校への在学歴",
    "school_ongoing": "現在在学中",
    "school_last_end": "直近の在学の終了日",
    "entry_mode": "入国の態様",
    "entry_date": "入国日",
    "deportation_order": "退去強制令書の発付",
    "deportation_order_date": "退去強制令書の発付日",
    "release_status": "収容・仮放免・監理措置の別",
    "conviction_count": "前科の回数",
    "conviction_count_excluding_illegal_stay": "不法滞在以外の前科の回数",
    "life_sentence": "無期刑",
    "longest_sentence_not_fully_suspended_months": "全部執行猶予でない刑の最長刑期（月）",
    "longest_unsuspended_part_months": "執行猶予されなかった部分の最長期間（月）",
    "drug_use": "薬物使用",
    "prostitution": "売春",
    "forged_residence_card": "偽造在留カードの行使",
    "sham_marriage": "偽装結婚",
    "wishes_to_stay": "在留の希望",
    "could_act_as_guardian": "監護者となり得ること",
    "external_guardian_available": "世帯外の監護者",
    # Article 50 and the guidelines (issue 3)
    "in_japan_since": "本邦在住の始期（出生日又は入国日）",
    "school_current_local": "本邦の小・中・高校（母国語教育機関を除く）に在学中",
    "illegal_stay_since": "不法滞在の始期",
    "child_of_japanese_or_spr": "日本人又は特別永住者の子",
    "spouse_kind": "婚姻の相手方",
    "cohabiting_with_spouse_since": "夫婦としての共同生活の開始日",
    "spouses_support_each_other": "夫婦の相互の協力・扶助",
    "marriage_stable_and_mature": "婚姻の安定・成熟",
    "raises_child": "扶養している実子の種類",
    "raised_child_minor_unmarried": "実子が未成年かつ未婚",
    "holds_parental_authority": "実子の親権を現に有すること",
    "raising_child_in_japan_since": "実子との同居・監護養育の開始日",
    "supported_by_appended_table_2_parent": "別表第二の在留資格で在留する者の扶養を受けていること",
    "voluntary_appearance": "出頭申告",
    "previous_deportation_procedure": "過去の退去強制手続",
    "community_ties": "本邦への定着性・地域社会との関係",
    "permanent_resident": "永住許可",
    "former_japanese_national": "かつて日本国民として本邦に本籍を有したこと",
    "absconded_on_provisional_release": "仮放免中の逃亡",
    "breached_supervision_measures": "監理措置の条件違反・逃亡",
    "false_statements": "虚偽の申告",
    "criminal_organisation_member": "犯罪組織の構成員",
    "refugee_recognised": "難民の認定",
    "complementary_protection": "補完的保護対象者の認定",
    "refugee_application_count": "難民認定申請の回数",
    "refugee_application_pending": "難民認定申請中",
    "refugee_reasonable_grounds": "相当の理由がある資料の提出",
    "needs_treatment_in_japan": "難病等による本邦での治療の必要",
    "nurses_relative_needing_treatment": "治療を要する親族の看護の必要",
    "life_at_risk_without_treatment": "治療を継続できない場合の生命の危険",
    "trafficking_victim": "人身取引等により他人の支配下に置かれていること",
    "stateless_no_removal_country": "無国籍で送還先がないこと",
    "third_party_support": "雇用予定者等の第三者による支援",
    "other_humanitarian_need": "その他人道的配慮を必要とする特別な事情",
    "special_circumstances": "特別の事情（書面の理由を付して主張）",
    "application_made": "在留特別許可申請",
    "applied_on": "申請日",
    "applicant": "申請者",
    "unable_to_apply_in_person": "疾病その他の事由により本人が申請できないこと",
    "falls_under_art24_3_2": "第24条第3号の2該当（テロ関係）",
    "falls_under_art24_3_3": "第24条第3号の3該当（国際約束）",
    "falls_under_art24_4_c": "第24条第4号ハ該当（人身取引等の加害者）",
    "falls_under_other": "その他の退去強制事由",
}

# English names where the column's own description names a code (issue 12: no raw code on paper).
FACTS_EN = {
    "role": "Role in the household",
    "school_level": "Level of the latest enrolment",
    "spouse_kind": "Legally married to",
    "raises_child": "Supports a biological child",
    "applicant": "Who applied",
    "falls_under_art24_3_2": "Falls under art. 24(iii-2) (terrorism)",
    "falls_under_art24_3_3": "Falls under art. 24(iii-3) (entry to be prevented by treaty)",
    "falls_under_art24_4_c": "Falls under art. 24(iv)(c) (trafficking in persons: offender)",
    "falls_under_other": "Falls under another deportation ground",
}
OFFENCES = {
    "drug": {"ja": "薬物犯罪", "en": "a drug offence"},
    "prostitution": {"ja": "売春関係", "en": "a prostitution offence"},
    "immigration_fraud": {
        "ja": "旅券・在留カード等の偽造・不正受交付",
        "en": "forging or fraudulently obtaining a passport or residence card",
    },
    "illegal_work_facilitation": {"ja": "不法就労助長", "en": "facilitating illegal work"},
    "smuggling_of_persons": {"ja": "集団密航", "en": "smuggling of persons"},
    "trafficking": {"ja": "人身取引", "en": "trafficking in persons"},
    "violent": {"ja": "凶悪・粗暴犯", "en": "a violent offence"},
    "property": {"ja": "財産犯", "en": "a property offence"},
    "traffic": {"ja": "交通", "en": "a traffic offence"},
    "terrorism": {"ja": "テロ関係", "en": "a terrorism offence"},
    "illegal_stay": {"ja": "不法残留・不法在留", "en": "illegal stay itself"},
    "other": {"ja": "その他", "en": "another offence"},
}


def role_label(role: str, lang: str) -> str:
    return ROLES.get(role, {}).get(lang, role)


def fact_label(column: str, lang: str) -> str:
    offence = OFFENCES.get(column.removeprefix("convicted_"))
    if lang == "ja":
        if column in FACTS_JA:
            return FACTS_JA[column]
        if column.startswith("convicted_") and offence:
            return f"有罪判決（{offence['ja']}）"
    elif column in FACTS_EN:
        return FACTS_EN[column]
    elif column.startswith("convicted_") and offence:
        return f"Convicted of {offence['en']}"
    spec = COLUMNS.get(column)
    return spec.en if spec else column
