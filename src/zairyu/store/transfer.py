"""Export one organisation's cases as JSON, and import them again, exactly.

The document holds every case with every version of its facts and every record attached to
it, with their ids and timestamps, so that exporting what was imported gives the same document.
An import runs in one transaction: it lands whole or not at all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from zairyu.store import audit
from zairyu.store.access import InvalidRequestError
from zairyu.store.database import Database
from zairyu.store.measure_tables import CASE_TABLES as MEASURE_TABLES
from zairyu.store.records import KINDS
from zairyu.store.tables import Base, Case, CaseVersion, Organisation, UTCDateTime

FORMAT = "zairyu-cases/1"
ATTACHED: dict[str, type[Base]] = (
    {"versions": CaseVersion}
    | {f"{kind.table.__tablename__}": kind.table for kind in KINDS}
    | {table.__tablename__: table for table in MEASURE_TABLES}
)
# Absent from documents exported before measures existed: read as none.
OPTIONAL = frozenset(table.__tablename__ for table in MEASURE_TABLES)
SKIPPED = frozenset({"org_id", "case_id"})


def _dump(row: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.name in SKIPPED:
            continue
        value = getattr(row, column.name)
        out[column.name] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


def _load(table: type[Base], data: dict[str, Any], org_id: str, case_id: str | None) -> Base:
    values: dict[str, Any] = {"org_id": org_id}
    if case_id is not None:
        values["case_id"] = case_id
    for column in table.__table__.columns:
        if column.name in SKIPPED:
            continue
        value = data[column.name]
        if value is not None and isinstance(column.type, UTCDateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[column.name] = value
    return table(**values)


def export_cases(db: Database, org_id: str) -> dict[str, Any]:
    with db.transaction() as s:
        org = s.get(Organisation, org_id)
        assert org is not None
        cases = []
        for case in s.scalars(select(Case).where(Case.org_id == org_id).order_by(Case.id)):
            item = _dump(case)
            for name, table in ATTACHED.items():
                item[name] = [_dump(r) for r in _attached(s, table, org_id, case.id)]
            cases.append(item)
        audit.record(
            s, None, "export", "organisation", org_id, org_id=org_id, detail=f"{len(cases)} cases"
        )
        return {"format": FORMAT, "organisation": org.name, "cases": cases}


def _attached(s: Session, table: type[Base], org_id: str, case_id: str) -> list[Base]:
    t: Any = table
    return list(s.scalars(select(t).where(t.org_id == org_id, t.case_id == case_id).order_by(t.id)))


def import_cases(db: Database, org_id: str, document: Any) -> int:
    """Add the document's cases to the organisation; returns how many."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidRequestError([{"path": "format", "message": f"expected {FORMAT!r}"}])
    with db.transaction() as s:
        for index, item in enumerate(document.get("cases", [])):
            where = f"cases[{index}]"
            try:
                if s.get(Case, item["id"]) is not None:
                    raise InvalidRequestError(
                        [{"path": f"{where}.id", "message": "a case with this id already exists"}]
                    )
                s.add(_load(Case, item, org_id, None))
                s.flush()
                for name, table in ATTACHED.items():
                    rows = item.get(name, []) if name in OPTIONAL else item[name]
                    s.add_all(_load(table, r, org_id, item["id"]) for r in rows)
                    s.flush()  # in ATTACHED's order: a measure before its events
            except (KeyError, TypeError, ValueError) as error:
                if isinstance(error, InvalidRequestError):
                    raise
                raise InvalidRequestError(
                    [{"path": where, "message": f"malformed ({type(error).__name__}: {error})"}]
                ) from None
            audit.record(s, None, "import", "case", item["id"], org_id=org_id)
        return len(document.get("cases", []))
