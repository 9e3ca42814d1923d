"""`zairyu audit verify`: check that no audit entry was altered or deleted."""

from __future__ import annotations

import typer

from zairyu.cli.app import app
from zairyu.store import audit
from zairyu.store.database import Database

audit_app = typer.Typer(
    help="The audit trail of every creation, change and read.", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify() -> None:
    """Walk the hash chain; exit 1 and name each break if any entry was altered or deleted."""
    database = Database()
    with database.transaction() as s:
        result = audit.verify(s)
    for problem in result.problems:
        typer.echo(f"BROKEN: {problem}", err=True)
    if not result.intact:
        raise typer.Exit(code=1)
    typer.echo(f"the audit trail is intact ({result.entries} entries)")
