"""Words for the values of the household vocabularies, in Japanese and English (interim, until
the fact registry carries them): the legal term of each code of ``zairyu.model.kinds``."""

from __future__ import annotations

CHOICES: dict[str, tuple[str, str]] = {
    # entry modes
    "born_in_japan": ("本邦で出生", "Born in Japan"),
    "status_of_residence": ("在留資格をもって入国", "Entered with a status of residence"),
    "illegal_entry": ("不法入国", "Illegal entry"),
    "illegal_landing": ("不法上陸", "Illegal landing"),
    # release status
    "detained": ("収容", "Detained"),
    "provisional_release": ("仮放免", "Provisional release"),
    "supervision": ("監理措置", "Supervision measures"),
    # school levels
    "preschool": ("幼稚園・保育所", "Preschool or nursery"),
    "elementary": ("小学校", "Elementary school"),
    "junior_high": ("中学校", "Junior high school"),
    "high": ("高等学校", "High school"),
    "university": ("大学等", "University or college"),
    # offences
    "drug": ("薬物犯罪", "Drug offence"),
    "prostitution": ("売春関係", "Prostitution-related"),
    "immigration_fraud": ("旅券・在留カード等の偽造等", "Forged passport or residence card"),
    "illegal_work_facilitation": ("不法就労助長", "Facilitating illegal work"),
    "smuggling_of_persons": ("集団密航", "Smuggling of persons"),
    "trafficking": ("人身取引", "Trafficking in persons"),
    "violent": ("凶悪・粗暴犯", "Violent offence"),
    "property": ("財産犯", "Property offence"),
    "traffic": ("交通", "Traffic offence"),
    "terrorism": ("テロ関係", "Terrorism-related"),
    "illegal_stay": ("不法残留・不法在留", "Illegal stay itself"),
    # suspension
    "full": ("刑の全部の執行猶予", "Wholly suspended"),
    "partial": ("刑の一部の執行猶予", "Partly suspended"),
    # spouse and child kinds
    "japanese": ("日本人", "A Japanese national"),
    "special_permanent_resident": ("特別永住者", "A special permanent resident"),
    "appended_table_2_resident": (
        "別表第二の在留資格で在留する者",
        "An Appended Table II resident",
    ),
    "japanese_or_spr": (
        "日本人又は特別永住者との間の実子",
        "A child with a Japanese national or SPR",
    ),
    # deportation grounds
    "art24_3_2": ("第24条第3号の2（テロ関係）", "Art. 24(iii-2) (terrorism)"),
    "art24_3_3": ("第24条第3号の3（国際約束）", "Art. 24(iii-3) (international commitment)"),
    "art24_4_c": (
        "第24条第4号ハ（人身取引等の加害者）",
        "Art. 24(iv)(c) (trafficking perpetrator)",
    ),
    # applicants
    "self": ("本人", "The person"),
    "father": ("父", "Father"),
    "mother": ("母", "Mother"),
    "spouse": ("配偶者", "Spouse"),
    "child": ("子", "Child"),
    "other_relative": ("親族", "A relative"),
    "other": ("その他", "Other"),
    "none": ("なし", "None"),
}


def choice_label(value: str, lang: str) -> str:
    """The word for a vocabulary code, or the code itself when it has none."""
    words = CHOICES.get(value)
    if words is None:
        return value
    return words[0] if lang == "ja" else words[1]
