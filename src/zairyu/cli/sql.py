"""`zairyu sql`: print a policy as one SQL query over the person table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

from zairyu.cli.app import TODAY, AsOf, app, as_of_day, plans_or_exit
from zairyu.cli.choices import metavar, one_of

if TYPE_CHECKING:
    from zairyu.engine.sql import Dialect

DIALECTS = ("duckdb", "postgres", "spark")  # zairyu.engine.sql.Dialect (not imported: slow)


@app.command("sql")
def sql_command(
    policy: Annotated[str, typer.Argument(help="Policy id, or a policy file (.yaml).")],
    dialect: Annotated[
        str,
        typer.Option(
            "--dialect",
            help="SQL dialect.",
            parser=one_of("--dialect", *DIALECTS),
            metavar=metavar(*DIALECTS),
        ),
    ] = "duckdb",
    as_of: AsOf = TODAY,
    table: Annotated[str, typer.Option("--table", help="Name of the person table.")] = "persons",
) -> None:
    """Print POLICY as one SQL query over the person table (one row per person, the columns of
    docs/caseload-format.md): every variable, condition and the outcome become columns."""
    from zairyu.engine.sql import to_sql

    on = as_of_day(as_of)
    (plan,) = plans_or_exit([policy], on)
    typer.echo(to_sql(plan, on, cast("Dialect", dialect), table))
