"""Export one organisation's cases as JSON, and import them again, exactly.

The document holds every case with every version of its facts and every record attached to
it, with their ids and timestamps, so that exporting what was imported gives the same document.
An import is checked whole before anything is written, then runs in one transaction: it lands
whole or not at all. Errors name the case and the field, never the value.

Members' display names identify people, so an export leaves them out unless asked for
(``display_names=True``, ``zairyu export --with-display-names``); only a document exported with
them is the exact copy of the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from zairyu.store import audit
from zairyu.store.access import InvalidRequestError
from zairyu.store.database import Database
from zairyu.store.measure_tables import CASE_TABLES as MEASURE_TABLES
from zairyu.store.records import KINDS
from zairyu.store.tables import Base, Case, CaseVersion, Organisation, UTCDateTime, new_id

FORMAT = "zairyu-cases/1"
ATTACHED: dict[str, type[Base]] = (
    {"versions": CaseVersion}
    | {f"{kind.table.__tablename__}": kind.table for kind in KINDS}
    | {table.__tablename__: table for table in MEASURE_TABLES}  # a measure before its events
)
# Absent from documents exported before measures existed: read as none.
OPTIONAL = frozenset(table.__tablename__ for table in MEASURE_TABLES)
SKIPPED = frozenset({"org_id", "case_id"})
# What a case must also pass, beyond its rows' types: given where the case is in the document
# ("cases[0]") and the case converted, the (path, message) pairs that make it untrue. The
# services layer supplies it (services/transfer.py: the household and record checks every
# other way in applies), so that the store does not depend on the services.
CaseCheck = Callable[[str, dict[str, Any]], list[tuple[str, str]]]


def _dump(row: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.name in SKIPPED:
            continue
        value = getattr(row, column.name)
        out[column.name] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


def _converted(table: type[Base], data: Any, where: str) -> dict[str, Any]:
    """The row's values, converted; InvalidRequestError naming the field (never its value)."""
    if not isinstance(data, dict):
        raise _problem(where, "is not an object")
    values: dict[str, Any] = {}
    for column in table.__table__.columns:
        if column.name in SKIPPED:
            continue
        if column.name not in data:
            raise _problem(f"{where}.{column.name}", "is missing")
        value = data[column.name]
        try:
            if value is not None and isinstance(column.type, UTCDateTime):
                value = datetime.fromisoformat(value)
                if value.tzinfo is None:
                    raise ValueError("no timezone")
            elif value is not None and isinstance(column.type, Date):
                value = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _problem(f"{where}.{column.name}", "is not a valid date or time") from None
        if value is None and not column.nullable and column.default is None:
            raise _problem(f"{where}.{column.name}", "may not be empty")
        values[column.name] = value
    return values


def _problem(path: str, message: str) -> InvalidRequestError:
    return InvalidRequestError([{"path": path, "message": message}])


def _without_display_names(household: Any) -> Any:
    """The household of a case version with no member's display name (other keys untouched)."""
    if not isinstance(household, dict) or not isinstance(household.get("members"), list):
        return household
    members = [
        {k: v for k, v in m.items() if k != "display_name"} if isinstance(m, dict) else m
        for m in household["members"]
    ]
    return {**household, "members": members}


def export_cases(db: Database, org_id: str, *, display_names: bool = False) -> dict[str, Any]:
    """Every case of the organisation; members' display names only with ``display_names``."""
    with db.transaction() as s:
        org = s.get(Organisation, org_id)
        assert org is not None
        cases = []
        for case in s.scalars(select(Case).where(Case.org_id == org_id).order_by(Case.id)):
            item = _dump(case)
            for name, table in ATTACHED.items():
                item[name] = [_dump(r) for r in _attached(s, table, org_id, case.id)]
            if not display_names:
                for version in item["versions"]:
                    version["household"] = _without_display_names(version["household"])
            cases.append(item)
        detail = f"{len(cases)} cases" + (", with display names" if display_names else "")
        audit.record(s, None, "export", "organisation", org_id, org_id=org_id, detail=detail)
        return {"format": FORMAT, "organisation": org.name, "cases": cases}


def _attached(s: Session, table: type[Base], org_id: str, case_id: str) -> list[Base]:
    t: Any = table
    return list(s.scalars(select(t).where(t.org_id == org_id, t.case_id == case_id).order_by(t.id)))


def _checked(document: Any, check: CaseCheck | None = None) -> list[dict[str, Any]]:
    """Every case of the document, converted and checked before anything is written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _problem("format", f"expected {FORMAT!r}")
    items = document.get("cases")
    if not isinstance(items, list):
        raise _problem("cases", "is not a list")
    checked: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        where = f"cases[{index}]"
        case = _converted(Case, item, where)
        attached: dict[str, list[dict[str, Any]]] = {}
        for name, table in ATTACHED.items():
            rows = item.get(name, [] if name in OPTIONAL else None)
            if not isinstance(rows, list):
                raise _problem(f"{where}.{name}", "is not a list")
            attached[name] = [
                _converted(table, r, f"{where}.{name}[{i}]") for i, r in enumerate(rows)
            ]
        numbers = [v["version"] for v in attached["versions"]]
        if case["version"] not in numbers or len(set(numbers)) != len(numbers):
            raise _problem(
                f"{where}.versions", "must hold each version once, the current one included"
            )
        converted = {"case": case, **attached}
        for path, message in check(where, converted) if check is not None else []:
            raise _problem(path, message)
        checked.append(converted)
    return checked


def _fresh(item: dict[str, Any]) -> dict[str, Any]:
    """The same case under new ids (records keep naming the household's person ids); a record
    that names another record of the case (an event its measure) names the new id."""
    case_id = new_id()
    renamed = {row["id"]: new_id() for name in ATTACHED for row in item[name]}
    out: dict[str, Any] = {"case": {**item["case"], "id": case_id}}
    for name in ATTACHED:
        out[name] = [
            {
                key: renamed.get(value, value) if key == "id" or key.endswith("_id") else value
                for key, value in row.items()
            }
            for row in item[name]
        ]
    return out


def import_cases(
    db: Database,
    org_id: str,
    document: Any,
    *,
    fresh_ids: bool = False,
    check: CaseCheck | None = None,
) -> int:
    """Add the document's cases to the organisation, all or none; returns how many.

    The whole document is checked before anything is written, each case also by ``check``
    (``zairyu.services.transfer.import_cases`` passes the checks every other way in applies).
    ``fresh_ids`` gives every case and record a new id, so a copy can go into another
    organisation of the same store.
    """
    items = _checked(document, check)
    if fresh_ids:
        items = [_fresh(item) for item in items]
    with db.transaction() as s:
        for index, item in enumerate(items):
            case_id = item["case"]["id"]
            if s.get(Case, case_id) is not None:
                raise _problem(f"cases[{index}].id", "a case with this id already exists")
            s.add(Case(**item["case"], org_id=org_id))
            s.flush()
            for name, table in ATTACHED.items():
                for row in item[name]:
                    if s.get(table, row["id"]) is not None:
                        raise _problem(f"cases[{index}].{name}", "a record id already exists")
                    s.add(table(**row, org_id=org_id, case_id=case_id))
                s.flush()  # in ATTACHED's order: a measure before its events
            audit.record(s, None, "import", "case", case_id, org_id=org_id, tracked=True)
            for kind in KINDS:
                for row in item[kind.table.__tablename__]:
                    audit.record(
                        s,
                        None,
                        "import",
                        kind.entity,
                        row["id"],
                        org_id=org_id,
                        case_id=case_id,
                        tracked=True,
                    )
        return len(items)
