"""Write ``store_0003.json``: a store made by zairyu at schema 0003, for the 0004 upgrade test.

Run it with the code of a commit whose newest migration is 0003 (it was made with commit
88d1407), not with the code of this tree::

    mkdir /tmp/z0003 && git archive 88d1407 src | tar -x -C /tmp/z0003
    PYTHONPATH=/tmp/z0003/src .venv/bin/python tests/store/data/make_store_0003.py

Two organisations, users made through the accounts of that version (argon2 passwords, a
browser session, an API token, a calendar feed), a case, and the signed audit trail of it all;
every row of every table is written out with the audit key, so the test can load the same
store into SQLite and PostgreSQL at 0003 and upgrade it.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select

import zairyu.store.measure_tables  # noqa: F401 (its tables join Base.metadata)
from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.calendar_feeds import CalendarFeeds
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.tables import Base

PASSWORD = "a passphrase from 0003"
HOUSEHOLD = {
    "id": "h1",
    "members": [{"id": "p1", "role": "parent", "date_of_birth": "1985-04-02"}],
}
OUT = Path(__file__).with_name("store_0003.json")


def plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat(timespec="microseconds")}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder) / "audit.key"
        db = Database(f"sqlite:///{folder}/old.db", audit_key_file=key_file)
        db.upgrade()
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        # A session that lasts a century, so the test does not depend on the day it runs.
        accounts = Accounts(db, hasher, LoginPolicy(session_hours=100 * 365 * 24))
        first = accounts.add_org("Sanctuary Legal")
        second = accounts.add_org("Harbour Support")
        accounts.add_user(first, "aiko", UserRole.admin, PASSWORD)
        accounts.add_user(first, "ben", UserRole.caseworker, PASSWORD)
        accounts.add_user(second, "chie", UserRole.admin, PASSWORD)
        actor = accounts.login("aiko", PASSWORD, "127.0.0.1").actor
        assert actor is not None
        cookie, csrf = accounts.open_session(actor)
        _, token = accounts.issue_token(actor, "laptop")
        CalendarFeeds(db).create(actor, personal_titles=False, lang="ja")
        case = Cases(db).create(actor, "OLD-1", HOUSEHOLD, "made under 0003")
        tables = []
        with db.reading() as s:
            for table in Base.metadata.sorted_tables:
                rows = [
                    {name: plain(value) for name, value in row.items()}
                    for row in s.execute(select(table)).mappings()
                ]
                tables.append({"table": table.name, "rows": rows})
            revision = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version")
            version = revision.scalar_one()
        document = {
            "revision": version,
            "audit_key": key_file.read_text(encoding="ascii").strip(),
            "password": PASSWORD,
            "cookie": cookie,
            "csrf": csrf,
            "token": token,
            "case_id": case["id"],
            "tables": tables,
        }
        db.dispose()
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
