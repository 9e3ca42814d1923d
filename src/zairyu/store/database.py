"""Where the store lives, and how its schema is brought up to date.

With no setting, the store is a SQLite file in the data directory (``ZAIRYU_DATA_DIR``, by
default ``~/.local/share/zairyu``), so ``zairyu serve`` works with no setup. A deployment with
many users sets ``ZAIRYU_DATABASE_URL`` to a PostgreSQL URL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # Nearly every transaction writes (each read of a case is audited): take the write lock at
    # the start, so two writers queue instead of failing on a stale snapshot. Read-only work
    # (checking a token) asks for a plain, shared BEGIN.
    if connection.get_execution_options().get("zairyu_read_only"):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "isolation_level": None}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """An engine and its sessions. One per process."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url or database_url())
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite it takes no write lock."""
        with self.engine.connect() as plain:
            connection = plain.execution_options(zairyu_read_only=True)
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session

    def upgrade(self) -> None:
        """Bring the schema to the newest migration."""
        with self.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config
