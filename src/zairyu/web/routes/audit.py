"""The audit trail of the caller's organisation, for its admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from zairyu.store import audit
from zairyu.store.access import ADMINS
from zairyu.web.fields import Instant
from zairyu.web.security import CurrentActor, Found

router = APIRouter(tags=["audit"])


class AuditEntryOut(BaseModel):
    seq: int
    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: str | None
    case_id: str | None
    remote: str | None
    detail: str | None


@router.get("/audit", response_model=list[AuditEntryOut])
def read_audit(
    actor: CurrentActor,
    found: Found,
    case_id: Annotated[str | None, Query(max_length=36, description="Only this case.")] = None,
    user: Annotated[str | None, Query(max_length=100, description="Only this username.")] = None,
    since: Annotated[Instant | None, Query(description="From this instant.")] = None,
    until: Annotated[Instant | None, Query(description="Before this instant.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Entries of your organisation, newest first (admins only). Reading it is audited too."""
    actor.require(ADMINS)
    with found.db.transaction() as s:
        entries = audit.show(
            s,
            org_id=actor.org_id,
            case_id=case_id,
            actor=user,
            since=since,
            until=until,
            limit=limit,
        )
        audit.record(s, actor, "read", "audit", None, detail=f"{len(entries)} entries")
    return entries
