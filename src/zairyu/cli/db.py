"""`zairyu db upgrade`: bring the store's schema up to date."""

from __future__ import annotations

import typer

from zairyu.cli.app import app

db_app = typer.Typer(help="The case store's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration (ZAIRYU_DATABASE_URL, or the SQLite file).

    A store whose audit trail is not signed yet gets its audit key (ZAIRYU_AUDIT_KEY_FILE, by
    default ~/.config/zairyu/audit.key).
    """
    # The store is imported here, not at the top: commands that do not use it start faster.
    from zairyu.store.audit_key import AuditKeyError
    from zairyu.store.database import Database

    database = Database()
    try:
        created = database.upgrade()
    except AuditKeyError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=2) from None
    finally:
        database.dispose()
    typer.echo("the database schema is up to date")
    if created:
        typer.echo(
            f"created the audit key {database.audit_key_file}: back it up apart from the "
            "database (see docs/audit.md)"
        )
