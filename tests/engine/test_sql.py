"""The SQL generated for each policy gives, person by person, the same variables, conditions
and outcome as the Polars backend: on DuckDB and on the real PostgreSQL server."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from random import Random

import duckdb
import polars as pl
import pytest

from tests.engine.person_tables import random_caseload
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows
from zairyu.engine.plan import compile_policy
from zairyu.engine.sql import SQL_TYPES, to_sql
from zairyu.model.table import COLUMNS
from zairyu.policies.loader import load_policy_file
from zairyu.simulate.synth import synthesise

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "policy.yaml"
PLANS = [
    *default_catalogue().plans.values(),
    compile_policy(load_policy_file(BENCHMARK), str(BENCHMARK)),
]
DATES = [date(2024, 6, 10), date(2025, 2, 28)]
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def people() -> pl.DataFrame:
    frame = frame_from_rows(synthesise(150, seed=11))
    # Unknowns everywhere they can hurt: a few of every fact column set to NULL.
    facts = [c for c in COLUMNS if c not in ("household_id", "person_id", "role")]
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) % 17 == i % 17).then(None).otherwise(pl.col(c)).alias(c)
        for i, c in enumerate(facts)
    )


def _expected(plan, people, as_of) -> pl.DataFrame:
    return evaluate_frame(plan, people, as_of).collect().sort("person_id")


def _compare(expected: pl.DataFrame, got: pl.DataFrame, plan) -> None:
    for name in [s.name for s in plan.steps] + ["outcome"]:
        assert got[name].cast(expected[name].dtype).to_list() == expected[name].to_list(), name


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_duckdb_runs_the_generated_sql_to_the_same_results(plan, as_of, people):
    persons = people  # noqa: F841  (DuckDB reads the frame by its variable name)
    got = duckdb.sql(to_sql(plan, as_of, "duckdb")).pl().sort("person_id")
    _compare(_expected(plan, people, as_of), got, plan)


def test_years_between_counts_a_birthday_on_the_end_date_as_reached():
    plan = PLANS[-1]
    born = [date(2006, 6, day) for day in (9, 10, 11)]
    persons = frame_from_rows(  # noqa: F841
        [{"household_id": "h", "person_id": f"p{b.day:02d}", "role": "child", "birth_date": b}
         for b in born]
    )  # fmt: skip
    ages = duckdb.sql(to_sql(plan, date(2024, 6, 10))).pl().sort("person_id")["age"].to_list()
    assert ages == [18, 18, 17]


@pytest.fixture(scope="module")
def postgres():
    psycopg = pytest.importorskip("psycopg")
    try:
        connection = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable: {error}")
    schema = f"zairyu_sql_{uuid.uuid4().hex[:8]}"
    connection.execute(f"CREATE SCHEMA {schema}")
    connection.execute(f"SET search_path TO {schema}")
    yield connection
    connection.execute(f"DROP SCHEMA {schema} CASCADE")
    connection.close()


def _load(connection, people: pl.DataFrame) -> None:
    types = SQL_TYPES["postgres"]
    columns = ", ".join(f'"{c}" {types[COLUMNS[c].kind]}' for c in people.columns)
    connection.execute("DROP TABLE IF EXISTS persons")
    connection.execute(f"CREATE TABLE persons ({columns})")
    names = ", ".join(f'"{c}"' for c in people.columns)
    with connection.cursor() as cursor, cursor.copy(f"COPY persons ({names}) FROM STDIN") as copy:
        for row in people.iter_rows():
            copy.write_row(row)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_postgresql_runs_the_generated_sql_to_the_same_results(plan, people, postgres):
    _load(postgres, people)
    as_of = DATES[0]
    cursor = postgres.execute(to_sql(plan, as_of, "postgres"))
    names = [d.name for d in cursor.description]
    got = pl.DataFrame(cursor.fetchall(), schema=names, orient="row", infer_schema_length=None)
    _compare(_expected(plan, people, as_of), got.sort("person_id"), plan)


def test_spark_sql_quotes_names_with_backticks():
    text = to_sql(PLANS[-1], DATES[0], "spark")
    assert "`household_id`" in text and '"household_id"' not in text


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_duckdb_agrees_with_polars_on_random_person_tables(plan):
    # Random values in every column (including the facts synthesise leaves unknown), with
    # dates clustered on the legal boundaries: the same generator as the backend property test.
    rows = [row for household in random_caseload(Random(20261126), 400) for row in household]
    frame = frame_from_rows(rows)
    for as_of in DATES:
        persons = frame  # noqa: F841  (DuckDB reads the frame by its variable name)
        got = duckdb.sql(to_sql(plan, as_of, "duckdb"))
        _compare(_expected(plan, frame, as_of), got.pl().sort("person_id"), plan)
