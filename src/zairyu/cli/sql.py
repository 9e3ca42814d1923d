"""`zairyu sql`: print a policy as one SQL query over the person table."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from zairyu.cli.app import TODAY, AsOf, app, as_of_day, plans_or_exit


class Dialect(StrEnum):
    duckdb = "duckdb"
    postgres = "postgres"
    spark = "spark"


@app.command("sql")
def sql_command(
    policy: Annotated[str, typer.Argument(help="Policy id, or a policy file (.yaml).")],
    dialect: Annotated[Dialect, typer.Option("--dialect", help="SQL dialect.")] = Dialect.duckdb,
    as_of: AsOf = TODAY,
    table: Annotated[str, typer.Option("--table", help="Name of the person table.")] = "persons",
) -> None:
    """Print POLICY as one SQL query over the person table (one row per person, the columns of
    docs/caseload-format.md): every variable, condition and the outcome become columns."""
    from zairyu.engine.sql import to_sql

    on = as_of_day(as_of)
    (plan,) = plans_or_exit([policy], on)
    typer.echo(to_sql(plan, on, dialect.value, table))
