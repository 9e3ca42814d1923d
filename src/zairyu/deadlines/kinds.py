"""The kinds of measures, of the events that start or stop a clock, and of who must act."""

from __future__ import annotations

from enum import StrEnum


class MeasureKind(StrEnum):
    supervision_before_order = "supervision_before_order"  # 監理措置（令書発付前、第44条の2）
    supervision_after_order = "supervision_after_order"  # 監理措置（令書発付後、第52条の2）
    provisional_release_detention = "provisional_release_detention"  # 仮放免（収容令書）
    provisional_release_deportation = "provisional_release_deportation"  # 仮放免（退去強制令書）

    @property
    def is_supervision(self) -> bool:
        return self in SUPERVISION

    @property
    def is_provisional_release(self) -> bool:
        return not self.is_supervision


SUPERVISION = frozenset({MeasureKind.supervision_before_order, MeasureKind.supervision_after_order})


class EventKind(StrEnum):
    """Something that happened or is planned, dated by ``day``."""

    report_date_designated = "report_date_designated"  # 届出日の指定（day = 指定された届出日）
    report_made = "report_made"  # 被監理者の届出をした日
    learned_absconding_risk = "learned_absconding_risk"  # 監理人が逃亡（のおそれ）を知った日
    learned_condition_breach = "learned_condition_breach"  # 監理人が条件違反を知った日
    learned_illegal_work = "learned_illegal_work"  # 監理人が不法就労を知った日
    learned_report_failure = "learned_report_failure"  # 監理人が届出の懈怠・虚偽を知った日
    learned_death = "learned_death"  # 監理人が被監理者の死亡を知った日
    supervisor_contact_changed = "supervisor_contact_changed"  # 監理人の住所・連絡先の変更
    relationship_ended = "relationship_ended"  # 親族関係・雇用関係の終了
    supervisor_notified = "supervisor_notified"  # 監理人が届け出た日（refers_to = その事由）
    deposit_paid = "deposit_paid"  # 保証金を納付した日
    move_planned = "move_planned"  # 住居の変更の予定日（仮放免）
    travel_planned = "travel_planned"  # 行動範囲外への旅行の出発予定日（仮放免）
    permission_obtained = "permission_obtained"  # 許可を受けた日（refers_to = その予定）
    extension_applied = "extension_applied"  # 仮放免期間の延長を申請した日
    other = "other"


class Party(StrEnum):
    """Who must act."""

    supervisee = "supervisee"  # 被監理者
    supervisor = "supervisor"  # 監理人
    releasee = "releasee"  # 仮放免された者（と身元保証人）


# The title shown for a reminder a person typed in on a case, where its own words (which may
# be personal) are not to be shown.
TYPED_TITLE = {
    "ja": "リマインダー（ケースに入力されたもの）",
    "en": "Reminder (typed in on a case)",
}
