"""Where the store lives, and how its schema is brought up to date.

With no setting, the store is a SQLite file in the data directory (``ZAIRYU_DATA_DIR``, by
default ``~/.local/share/zairyu``), so ``zairyu serve`` works with no setup. A deployment with
many users sets ``ZAIRYU_DATABASE_URL`` to a PostgreSQL URL. The audit key lives apart, in a
file (``audit_key``). Errors never carry the statement's parameters (``hide_parameters``): they
are record data.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from zairyu.store import audit
from zairyu.store.audit_key import AuditKeyError, audit_key_path, create_key, load_key
from zairyu.store.tables import AuditEntry


class StoreUnavailable(RuntimeError):
    """The database cannot be written (locked, read-only, full or unreachable)."""


def data_dir() -> Path:
    configured = os.environ.get("ZAIRYU_DATA_DIR")
    if configured:
        return Path(configured)
    return Path.home() / ".local" / "share" / "zairyu"


def database_url() -> str:
    """The configured database URL, or the embedded SQLite file."""
    configured = os.environ.get("ZAIRYU_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    return f"sqlite:///{data_dir() / 'zairyu.db'}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for a plain ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


BUSY_TIMEOUT_MS = 10_000  # how long to wait for a lock before answering "busy"


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only file keeps its journal
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return set_pragmas


def _begin_immediate(connection: Any) -> None:
    # Nearly every transaction writes (each read of a case is audited): take the write lock at
    # the start, so two writers queue instead of failing on a stale snapshot. Read-only work
    # (checking a token) asks for a plain, shared BEGIN.
    if connection.get_execution_options().get("zairyu_read_only"):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "isolation_level": None},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        hide_parameters=True,
        connect_args={"options": f"-c lock_timeout={int(busy_timeout_ms)}"},
    )


class Database:
    """An engine and its sessions. One per process."""

    def __init__(
        self,
        url: str | None = None,
        audit_key_file: Path | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.url = normalise_url(url or database_url())
        self.engine = make_engine(self.url, busy_timeout_ms)
        self.audit_key_file = audit_key_file or audit_key_path()
        self._key: bytes | None = None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def audit_key(self) -> bytes:
        if self._key is None:
            self._key = load_key(self.audit_key_file)
        return self._key

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        key = self.audit_key()
        with self._sessions(info={"audit_key": key}) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite it takes no write lock."""
        with self.engine.connect() as plain:
            connection = plain.execution_options(zairyu_read_only=True)
            with (
                Session(bind=connection, expire_on_commit=False, info=self._info()) as session,
                session.begin(),
            ):
                yield session

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """A connection for Core statements that only read (no ORM session, no audit key):
        on SQLite it takes no write lock. Its transaction ends when the block does."""
        with self.engine.connect() as plain:
            connection = plain.execution_options(zairyu_read_only=True)
            with connection.begin():
                yield connection

    def _info(self) -> dict[str, object]:
        return {"audit_key": self.audit_key()}

    def upgrade(self) -> bool:
        """Bring the schema to the newest migration; give a new trail its audit key.

        True if the audit key was created now.
        """
        with self.migrating() as connection:
            before = MigrationContext.configure(connection).get_current_revision()
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return self._ensure_key(unsigned=before in (None, "0001"))

    @contextmanager
    def migrating(self) -> Iterator[Connection]:
        """A connection in one transaction for migrations.

        On SQLite a migration may rebuild a table other tables refer to (batch mode), which
        SQLite allows only with foreign keys off; they are switched off for this connection
        (outside the transaction, where SQLite allows it), checked before the commit, and
        switched on again.
        """
        with self.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                _sqlite_foreign_keys(connection, "OFF")
            try:
                with connection.begin():
                    yield connection
                    if sqlite:
                        _check_foreign_keys(connection)
            finally:
                if sqlite:
                    _sqlite_foreign_keys(connection, "ON")

    def _ensure_key(self, unsigned: bool) -> bool:
        """Create the key for a trail not yet signed; sign that trail and baseline the records."""
        if not self.audit_key_file.exists():
            with self.engine.connect() as connection:
                entries = connection.scalar(select(func.count()).select_from(AuditEntry))
            if entries and not unsigned:
                raise AuditKeyError(
                    f"the audit trail is signed but its key {self.audit_key_file} is missing: "
                    "restore the key from its backup (a new key would make the trail "
                    "unverifiable)"
                )
            created = create_key(self.audit_key_file)
        else:
            created = False
        self.audit_key()
        if unsigned:
            with self.transaction() as s:
                audit.adopt(s)
        return created

    def check_writable(self) -> None:
        """Refuse to serve a store that cannot be written (e.g. a read-only SQLite file)."""
        try:
            with self.engine.begin() as connection:
                connection.execute(text("UPDATE audit_head SET seq = seq WHERE id = 1"))
        except DBAPIError as error:
            raise StoreUnavailable(unavailable_reason(error)) from None

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_foreign_keys(connection: Connection, state: str) -> None:
    # On the driver's own connection: through SQLAlchemy, a transaction would begin first.
    connection.connection.dbapi_connection.execute(f"PRAGMA foreign_keys={state}")  # type: ignore[union-attr]


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise RuntimeError(f"the migration left rows referring to nothing in {', '.join(tables)}")


def unavailable_reason(error: DBAPIError) -> str:
    """Why the database refused, in words, without the statement or its parameters."""
    text_ = str(error.orig).lower() if error.orig is not None else ""
    if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
        return "the database is read-only"
    if "locked" in text_ or "lock" in text_:
        return "the database is busy (locked by another writer)"
    if "full" in text_ or "no space" in text_ or "disk" in text_:
        return "the database is full (no space left)"
    return "the database cannot be reached"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config
