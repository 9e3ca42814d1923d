"""`zairyu db upgrade`: bring the store's schema up to date; and the one way a command that
opens the store says it cannot (one line, exit code 2, never the database's traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from typer._click.globals import get_current_context

from zairyu.cli.app import app, fail

db_app = typer.Typer(help="The case store's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


if TYPE_CHECKING:
    from zairyu.store.database import Database

USE = "(write postgresql+psycopg://USER:PASSWORD@HOST/NAME, or leave it unset for SQLite)"


def closed_with_command(database: Database) -> Database:
    """``database``, its connections closed when the running command ends (also when it fails,
    and when a test runs the command in process): a command never leaves a connection open."""
    context = get_current_context(silent=True)
    if context is not None:
        context.call_on_close(database.dispose)
    return database


@contextmanager
def store_refusals(prefix: str) -> Iterator[None]:
    """End the command with ``error: PREFIX: why`` when the store cannot be opened, upgraded
    or written: unreachable, read-only, locked or full (in words, without the URL, which may
    hold a password), an address that is not a database URL or names a driver that is not
    installed, a missing audit key."""
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from zairyu.store.audit_key import AuditKeyError
    from zairyu.store.database import StoreUnavailable, unavailable_reason

    try:
        yield
    except (StoreUnavailable, AuditKeyError) as error:
        raise fail(f"{prefix}: {error}") from None
    except DBAPIError as error:  # a read-only or unreachable store fails in the migration
        raise fail(f"{prefix}: {unavailable_reason(error)}") from None
    except ArgumentError:
        message = "ZAIRYU_DATABASE_URL is not a database address zairyu can use"
        raise fail(f"{prefix}: {message} {USE}") from None
    except ModuleNotFoundError as error:  # a URL of a database whose driver is not installed
        raise fail(f"{prefix}: the database driver {error.name} is not installed {USE}") from None


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration (ZAIRYU_DATABASE_URL, or the SQLite file).

    A store whose audit trail is not signed yet gets its audit key (ZAIRYU_AUDIT_KEY_FILE, by
    default ~/.config/zairyu/audit.key). A store that cannot be reached is one line and exit
    code 2.
    """
    # The store is imported here, not at the top: commands that do not use it start faster.
    from zairyu.store.database import Database

    with store_refusals("the schema was not upgraded"):
        database = Database()
        try:
            created = database.upgrade()
        finally:
            database.dispose()
    typer.echo("the database schema is up to date")
    if created:
        typer.echo(
            f"created the audit key {database.audit_key_file}: back it up apart from the "
            "database (see docs/audit.md)"
        )
