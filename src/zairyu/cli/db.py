"""`zairyu db upgrade`: bring the store's schema up to date."""

from __future__ import annotations

import typer

from zairyu.cli.app import app
from zairyu.store.database import Database

db_app = typer.Typer(help="The case store's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration (ZAIRYU_DATABASE_URL, or the SQLite file)."""
    database = Database()
    database.upgrade()
    database.dispose()
    typer.echo("the database schema is up to date")
