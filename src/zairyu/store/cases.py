"""Cases and the versions of their household facts, seen through one organisation.

Every query here is filtered by the actor's organisation: a case of another organisation is
"not found", exactly like a case that does not exist. Changing the facts never overwrites
them: each change adds a version, and the case's version number is advanced only if it is
still the one the caller read (optimistic locking), so a concurrent edit is refused, not lost.
"""

from __future__ import annotations

import builtins
import copy
from collections.abc import Callable
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from zairyu.store import audit
from zairyu.store.access import WRITERS, Actor, ConflictError, NotFoundError
from zairyu.store.database import Database
from zairyu.store.tables import Case, CaseVersion, utc_now


def case_in_org(s: Session, actor: Actor, case_id: str, *, lock: bool = False) -> Case:
    """The case, if it belongs to the actor's organisation; otherwise NotFoundError.

    ``lock``: hold the case's row until the transaction ends (PostgreSQL ``FOR UPDATE``; on
    SQLite every writing transaction already holds the write lock).
    """
    query = select(Case).where(Case.id == case_id, Case.org_id == actor.org_id)
    case = s.scalar(query.with_for_update() if lock else query)
    if case is None:
        raise NotFoundError("case")
    return case


def _current(s: Session, case: Case) -> CaseVersion:
    version = s.scalar(
        select(CaseVersion).where(
            CaseVersion.case_id == case.id, CaseVersion.version == case.version
        )
    )
    assert version is not None, "every case has its current version"
    return version


def case_view(case: Case, current: CaseVersion) -> dict[str, Any]:
    return {
        "id": case.id,
        "reference": case.reference,
        "status": case.status,
        "version": case.version,
        "household": current.household,
        "created_at": case.created_at,
        "created_by": case.created_by,
        "updated_at": case.updated_at,
        "updated_by": case.updated_by,
    }


def version_view(version: CaseVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "household": version.household,
        "note": version.note,
        "created_at": version.created_at,
        "created_by": version.created_by,
    }


class Cases:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, actor: Actor, reference: str, household: dict[str, Any], note: str | None = None
    ) -> dict[str, Any]:
        actor.require(WRITERS)
        now = utc_now()
        with self.db.transaction() as s:
            case = Case(
                org_id=actor.org_id,
                reference=reference,
                status="open",
                version=1,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            s.add(case)
            s.flush()
            first = CaseVersion(
                org_id=actor.org_id,
                case_id=case.id,
                version=1,
                household=household,
                note=note,
                created_at=now,
                created_by=actor.username,
            )
            s.add(first)
            audit.record(s, actor, "create", "case", case.id, detail="version 1", tracked=True)
            return case_view(case, first)

    def list(self, actor: Actor) -> list[dict[str, Any]]:
        with self.db.transaction() as s:
            cases = s.scalars(
                select(Case).where(Case.org_id == actor.org_id).order_by(Case.created_at)
            )
            views = [
                {k: v for k, v in case_view(c, _current(s, c)).items() if k != "household"}
                for c in cases
            ]
            audit.record(s, actor, "list", "case", None, detail=f"{len(views)} cases")
            return views

    def get(self, actor: Actor, case_id: str) -> dict[str, Any]:
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            audit.record(s, actor, "read", "case", case.id, detail=f"version {case.version}")
            return case_view(case, _current(s, case))

    def change(
        self,
        actor: Actor,
        case_id: str,
        expected_version: int,
        *,
        household: dict[str, Any] | None = None,
        reference: str | None = None,
        status: str | None = None,
        note: str | None = None,
        edit: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Record a new version, if the case is still at ``expected_version``.

        ``edit`` derives the new household from the current one inside the same transaction,
        with the case locked, so an edit of a person never rests on a stale read.
        """
        actor.require(WRITERS)
        now = utc_now()
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id, lock=True)
            previous = _current(s, case)
            if case.version != expected_version:
                raise ConflictError(case.version, case_view(case, previous))
            if edit is not None:
                household = edit(copy.deepcopy(previous.household))
            new_version = expected_version + 1
            values: dict[str, Any] = {
                "version": new_version,
                "updated_at": now,
                "updated_by": actor.username,
            }
            if reference is not None:
                values["reference"] = reference
            if status is not None:
                values["status"] = status
            advanced: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                update(Case)
                .where(Case.id == case.id, Case.version == expected_version)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if advanced.rowcount != 1:
                s.refresh(case)
                raise ConflictError(case.version, case_view(case, _current(s, case)))
            added = CaseVersion(
                org_id=actor.org_id,
                case_id=case.id,
                version=new_version,
                household=household if household is not None else previous.household,
                note=note,
                created_at=now,
                created_by=actor.username,
            )
            s.add(added)
            s.flush()
            s.refresh(case)
            audit.record(
                s, actor, "update", "case", case.id, detail=f"version {new_version}", tracked=True
            )
            return case_view(case, added)

    def versions(self, actor: Actor, case_id: str) -> builtins.list[dict[str, Any]]:
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            rows = s.scalars(
                select(CaseVersion)
                .where(CaseVersion.case_id == case.id, CaseVersion.org_id == actor.org_id)
                .order_by(CaseVersion.version)
            )
            views = [version_view(v) for v in rows]
            audit.record(s, actor, "read", "case_versions", case.id, case_id=case.id)
            return views

    def version(self, actor: Actor, case_id: str, number: int) -> dict[str, Any]:
        with self.db.transaction() as s:
            case = case_in_org(s, actor, case_id)
            row = s.scalar(
                select(CaseVersion).where(
                    CaseVersion.case_id == case.id,
                    CaseVersion.org_id == actor.org_id,
                    CaseVersion.version == number,
                )
            )
            if row is None:
                raise NotFoundError("case version")
            audit.record(s, actor, "read", "case", case.id, detail=f"version {number}")
            return version_view(row)
