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
}


def role_label(role: str, lang: str) -> str:
    return ROLES.get(role, {}).get(lang, role)


def fact_label(column: str, lang: str) -> str:
    if lang == "ja":
        if column in FACTS_JA:
            return FACTS_JA[column]
        if column.startswith("convicted_"):
            return f"有罪判決（{column.removeprefix('convicted_')}）"
    spec = COLUMNS.get(column)
    return spec.en if spec else column
