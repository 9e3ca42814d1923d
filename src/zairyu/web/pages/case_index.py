"""The case list as one read: the organisation's cases with their last assessment at a glance
and their open reminders, searched, filtered and cut into pages.

Every query is filtered by the actor's organisation, as in ``zairyu.store.cases``; listing is
recorded in the audit trail once per page shown (ids only, never the search words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from zairyu.model.name_search import household_has_name
from zairyu.store import audit
from zairyu.store.access import Actor
from zairyu.store.cases import case_in_org
from zairyu.store.database import Database
from zairyu.store.tables import AssessmentRecord, Case, CaseVersion, Reminder

PER_PAGE = 20


@dataclass
class Glance:
    """One policy of a case's last assessment: how many persons have each outcome."""

    policy_id: str
    counts: list[tuple[str, dict[str, str], int]]  # (outcome code, its texts, persons)


@dataclass
class CaseRow:
    id: str
    reference: str
    status: str
    version: int
    updated_at: Any
    open_reminders: int
    assessed_on: Any = None
    glance: list[Glance] = field(default_factory=list)

    def outcomes(self) -> set[str]:
        return {code for g in self.glance for code, _text, _n in g.counts}


@dataclass
class CasePage:
    rows: list[CaseRow]
    total: int
    page: int
    pages: int
    outcome_choices: dict[str, dict[str, str]]


def glance(result: dict[str, Any]) -> list[Glance]:
    out = []
    for policy in result.get("policies", []):
        counts: dict[str, int] = {}
        for person in policy.get("persons", []):
            counts[person["outcome"]] = counts.get(person["outcome"], 0) + 1
        texts = policy.get("outcomes", {})
        out.append(
            Glance(
                policy["policy_id"],
                [
                    (code, texts.get(code, {"ja": code, "en": code}), n)
                    for code, n in counts.items()
                ],
            )
        )
    return out


def case_page(
    db: Database,
    actor: Actor,
    *,
    reference: str = "",
    name: str = "",
    status: str = "",
    outcome: str = "",
    with_reminders: bool = False,
    page: int = 1,
) -> CasePage:
    with db.transaction() as s:
        query = select(Case).where(Case.org_id == actor.org_id)
        if reference:
            query = query.where(Case.reference.ilike(f"%{_like(reference)}%", escape="\\"))
        if status:
            query = query.where(Case.status == status)
        cases = list(s.scalars(query.order_by(Case.updated_at.desc(), Case.id)))
        if name:
            cases = _named(s, actor, cases, name)
        ids = [c.id for c in cases]
        reminders = dict(
            s.execute(
                select(Reminder.case_id, func.count())
                .where(Reminder.org_id == actor.org_id, Reminder.done.is_(False))
                .where(Reminder.case_id.in_(ids))
                .group_by(Reminder.case_id)
            ).all()
        )
        rows = [
            CaseRow(c.id, c.reference, c.status, c.version, c.updated_at, reminders.get(c.id, 0))
            for c in cases
        ]
        if with_reminders:
            rows = [r for r in rows if r.open_reminders]
        choices = _with_assessments(s, actor, rows)
        if outcome:
            rows = [r for r in rows if outcome in r.outcomes()]
        total = len(rows)
        pages = max(1, -(-total // PER_PAGE))
        page = min(max(page, 1), pages)
        shown = rows[(page - 1) * PER_PAGE : page * PER_PAGE]
        # the name searched for is never written down: not in the trail, the logs or a URL
        how = " found by a member's name" if name else ""
        audit.record(s, actor, "list", "case", None, detail=f"{len(shown)} cases{how}")
        return CasePage(shown, total, page, pages, choices)


def _named(s: Any, actor: Actor, cases: list[Case], name: str) -> list[Case]:
    """The cases whose current household has a member whose display name holds ``name``."""
    households = dict(
        s.execute(
            select(CaseVersion.case_id, CaseVersion.household)
            .join(Case, (Case.id == CaseVersion.case_id) & (Case.version == CaseVersion.version))
            .where(Case.org_id == actor.org_id, CaseVersion.org_id == actor.org_id)
        ).all()
    )
    return [c for c in cases if household_has_name(households.get(c.id) or {}, name)]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _with_assessments(s: Any, actor: Actor, rows: list[CaseRow]) -> dict[str, dict[str, str]]:
    """Attach each case's last assessment; return every outcome seen, with its texts."""
    latest = (
        select(AssessmentRecord.case_id, func.max(AssessmentRecord.created_at).label("at"))
        .where(AssessmentRecord.org_id == actor.org_id)
        .group_by(AssessmentRecord.case_id)
        .subquery()
    )
    found = s.execute(
        select(AssessmentRecord.case_id, AssessmentRecord.as_of, AssessmentRecord.result).join(
            latest,
            (latest.c.case_id == AssessmentRecord.case_id)
            & (latest.c.at == AssessmentRecord.created_at),
        )
    ).all()
    by_case = {case_id: (as_of, result) for case_id, as_of, result in found}
    choices: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.id in by_case:
            row.assessed_on, result = by_case[row.id]
            row.glance = glance(result)
            for g in row.glance:
                for code, text, _n in g.counts:
                    choices.setdefault(code, text)
    return choices


def current_households(db: Database, actor: Actor) -> list[dict[str, Any]]:
    """The current facts of every case of the organisation (for the caseload's counts)."""
    with db.transaction() as s:
        found = s.execute(
            select(CaseVersion.household)
            .join(Case, (Case.id == CaseVersion.case_id) & (Case.version == CaseVersion.version))
            .where(Case.org_id == actor.org_id, CaseVersion.org_id == actor.org_id)
            .order_by(Case.created_at, Case.id)
        ).all()
        audit.record(s, actor, "read", "caseload", None, detail=f"{len(found)} cases")
        return [household for (household,) in found]


def assessment_list(db: Database, actor: Actor, case_id: str) -> list[dict[str, Any]]:
    """A case's assessments, newest first, without their (large) results."""
    with db.transaction() as s:
        case_in_org(s, actor, case_id)
        rows = s.execute(
            select(
                AssessmentRecord.id,
                AssessmentRecord.as_of,
                AssessmentRecord.case_version,
                AssessmentRecord.created_by,
            )
            .where(AssessmentRecord.case_id == case_id, AssessmentRecord.org_id == actor.org_id)
            .order_by(AssessmentRecord.created_at.desc(), AssessmentRecord.id)
        ).all()
        audit.record(s, actor, "list", "assessment", None, detail=f"case {case_id}")
        return [r._asdict() for r in rows]
