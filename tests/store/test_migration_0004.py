"""Migration 0004 on a store made under 0003, on SQLite and PostgreSQL: usernames become unique
per organisation, and every existing user, session, token and audit entry keeps working.

The store is ``data/store_0003.json``: every row written by zairyu at schema 0003 (see
``data/make_store_0003.py``), loaded into a database brought to 0003 by the migrations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, text
from sqlalchemy.exc import IntegrityError
from store_fixtures import FAST_HASHER, postgres_database

from zairyu.store import audit_verify
from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.database import Database, alembic_config

OLD = json.loads((Path(__file__).parent / "data" / "store_0003.json").read_text(encoding="utf-8"))
POLICY = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0)


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"datetime"}:
        return datetime.fromisoformat(value["datetime"]).astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(value["date"])
    return value


def _old_rows(table: str, **where: Any) -> list[dict[str, Any]]:
    rows = next(t["rows"] for t in OLD["tables"] if t["table"] == table)
    return [r for r in rows if all(r[k] == v for k, v in where.items())]


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    with db.migrating() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _revision(db: Database) -> str:
    with db.engine.connect() as connection:
        return str(connection.scalar(text("SELECT version_num FROM alembic_version")))


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The 0003 store, rows and audit key as 0003 wrote them, not yet upgraded."""
    key = tmp_path / "keys" / "audit.key"
    key.parent.mkdir(mode=0o700)
    key.write_text(OLD["audit_key"] + "\n", encoding="ascii")
    key.chmod(0o600)
    urls = iter([f"sqlite:///{tmp_path / 'old.db'}"])
    if request.param == "postgresql":
        urls = postgres_database()
    for url in urls:
        db = Database(url, audit_key_file=key)
        _migrate(db, "0003")
        with db.engine.begin() as connection:
            for item in OLD["tables"]:
                table = Table(item["table"], MetaData(), autoload_with=connection)
                rows = [{k: _value(v) for k, v in row.items()} for row in item["rows"]]
                connection.execute(table.delete())  # the head row the migrations start with
                if rows:
                    connection.execute(table.insert(), rows)
        yield db
        db.dispose()


def _accounts(db: Database) -> Accounts:
    return Accounts(db, FAST_HASHER, POLICY)


def test_users_made_under_0003_sign_in_by_organisation_after_the_upgrade(old_store):
    old_store.upgrade()
    assert _revision(old_store) == HEAD
    accounts = _accounts(old_store)
    aiko = accounts.login("Sanctuary Legal", "aiko", OLD["password"], None).actor
    assert aiko is not None and aiko.role == UserRole.admin
    assert accounts.login("Harbour Support", "chie", OLD["password"], None).actor is not None
    assert accounts.login("Harbour Support", "aiko", OLD["password"], None).actor is None


def test_sessions_tokens_and_the_audit_trail_of_0003_survive_the_upgrade(old_store):
    old_store.upgrade()
    accounts = _accounts(old_store)
    session = accounts.session_actor(OLD["cookie"], None)
    assert session is not None and session.actor.username == "aiko"
    assert session.csrf == OLD["csrf"] and session.lang is None
    token = accounts.token_actor(OLD["token"], None)
    assert token is not None and token.username == "aiko"
    with old_store.reading() as s:
        result = audit_verify.verify(s)
    assert result.intact, result.problems
    assert result.entries == len(_old_rows("audit_entries"))


def test_after_the_upgrade_another_organisation_may_use_a_name_already_taken(old_store):
    old_store.upgrade()
    accounts = _accounts(old_store)
    harbour = accounts.org_id("Harbour Support")
    accounts.add_user(harbour, "aiko", UserRole.caseworker, "another sound passphrase")
    theirs = accounts.login("Harbour Support", "aiko", "another sound passphrase", None).actor
    ours = accounts.login("Sanctuary Legal", "aiko", OLD["password"], None).actor
    assert theirs is not None and ours is not None
    assert (theirs.org_id, theirs.role) == (harbour, UserRole.caseworker)
    assert ours.user_id != theirs.user_id and ours.role == UserRole.admin


def test_downgrading_restores_store_wide_names_and_keeps_every_user(old_store):
    old_store.upgrade()
    _migrate(old_store, "0003", down=True)
    assert _revision(old_store) == "0003"
    with old_store.engine.begin() as connection:
        users = Table("users", MetaData(), autoload_with=connection)
        assert "lang" not in users.c
        assert connection.scalar(text("SELECT count(*) FROM users")) == 3
    duplicate = {
        "id": "another-ben",
        "org_id": _old_rows("organisations", name="Harbour Support")[0]["id"],
        "username": "ben",
        "role": "caseworker",
        "active": True,
        "failed_logins": 0,
        "created_at": datetime(2026, 12, 1, 12, 0),
    }
    with pytest.raises(IntegrityError), old_store.engine.begin() as connection:
        connection.execute(users.insert(), [duplicate])
    old_store.upgrade()
    assert _accounts(old_store).login("Sanctuary Legal", "ben", OLD["password"], None).actor


def test_downgrading_is_refused_while_two_organisations_share_a_username(old_store):
    old_store.upgrade()
    accounts = _accounts(old_store)
    accounts.add_user(
        accounts.org_id("Harbour Support"), "ben", UserRole.reviewer, "a sound passphrase 9"
    )
    with pytest.raises(RuntimeError, match="1 username\\(s\\) are used in more than one"):
        _migrate(old_store, "0003", down=True)
    assert _revision(old_store) == HEAD  # the refused downgrade changed nothing
    assert accounts.login("Sanctuary Legal", "ben", OLD["password"], None).actor is not None
