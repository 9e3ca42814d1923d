"""Fixtures giving each test module a migrated store on SQLite and on PostgreSQL.

PostgreSQL tests create their own database on the server named by ``ZAIRYU_TEST_POSTGRES_URL``
(default: the local server) and drop it afterwards, so parallel runs do not collide. When the
server cannot be reached they are skipped, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from zairyu.store.access import Actor, UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.database import Database

POSTGRES_ADMIN_URL = os.environ.get(
    "ZAIRYU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_database() -> Iterator[str]:
    """Create a fresh PostgreSQL database, yield its URL, drop it."""
    name = f"zairyu_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable ({type(error).__name__})")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def fresh_database(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A migrated store, with its audit key in a directory of its own (outside the database)."""
    keys = tmp_path_factory.mktemp("keys")
    if kind == "sqlite":
        path = tmp_path_factory.mktemp("store") / "zairyu.db"
        db = Database(f"sqlite:///{path}", audit_key_file=keys / "audit.key")
        db.upgrade()
        yield db
        db.dispose()
        return
    for url in postgres_database():
        db = Database(url, audit_key_file=keys / "audit.key")
        db.upgrade()
        yield db
        db.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A migrated store shared by the tests of one module (tests use their own organisations)."""
    yield from fresh_database(request.param, tmp_path_factory)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A migrated store of the test's own, for tests that damage it."""
    yield from fresh_database(request.param, tmp_path_factory)


FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def make_accounts(db: Database) -> Accounts:
    return Accounts(db, FAST_HASHER, LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0))


def make_actor(
    db: Database, role: UserRole = UserRole.caseworker, org_id: str | None = None
) -> Actor:
    accounts = make_accounts(db)
    org_id = org_id or accounts.add_org(f"org-{uuid.uuid4().hex[:8]}")
    username = f"user-{uuid.uuid4().hex[:8]}"
    user_id = accounts.add_user(org_id, username, role, "correct horse battery staple")
    return Actor(user_id, username, org_id, role, "127.0.0.1")


HOUSEHOLD = {
    "id": "h1",
    "members": [
        {"id": "p1", "role": "parent", "date_of_birth": "1985-04-02"},
        {"id": "c1", "role": "child", "date_of_birth": "2012-06-01", "born_in_japan": True},
    ],
}
