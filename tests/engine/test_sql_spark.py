"""The Spark SQL generated for each policy, run on a local Spark session over a synthetic
caseload read from Parquet, gives person by person the same variables, conditions and outcome
as the Polars backend (as tests/engine/test_sql.py shows for DuckDB and PostgreSQL).

Needs the ``spark`` extra (pyspark) and a Java runtime; skips, saying which is missing, without
them. One local session for the module (one core, two shuffle partitions, no UI, bound to
127.0.0.1), one query per policy and date over one table: about a minute in all, of which the
session's start-up is 10 to 40 seconds depending on the machine's load.
"""

from __future__ import annotations

import os
import shutil
from random import Random

import polars as pl
import pytest

from tests.engine.person_tables import random_caseload
from tests.engine.test_sql import DATES, PLANS, _compare, _expected, people  # noqa: F401
from zairyu.engine.columnar import frame_from_rows
from zairyu.engine.sql import to_sql
from zairyu.simulate.synth import synthesise

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "no Java runtime for Spark (java not on PATH, JAVA_HOME unset)", allow_module_level=True
    )

from pyspark.sql import SparkSession


@pytest.fixture(scope="module")
def spark():
    session = (
        SparkSession.builder.master("local[1]")
        .appName("zairyu-sql-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _prefixed(frame: pl.DataFrame, prefix: str, columns: list[str]) -> pl.DataFrame:
    ids = [(prefix + pl.col(c)).alias(c) for c in ("household_id", "person_id")]
    return frame.with_columns(ids).select(columns)


@pytest.fixture(scope="module")
def caseload(people) -> pl.DataFrame:  # noqa: F811
    """One person table (one Spark query per policy and date): test_sql's synthetic caseload
    with unknowns in every column, a larger synthetic one (about 2,800 persons), and random
    households with dates on the legal boundaries (the backends' property-test generator)."""
    synthetic = frame_from_rows(synthesise(800, seed=16))
    rows = [row for household in random_caseload(Random(20261201), 150) for row in household]
    randoms = frame_from_rows(rows)
    return pl.concat(
        [
            people,
            _prefixed(synthetic, "S", people.columns),
            _prefixed(randoms, "R", people.columns),
        ],
        how="vertical_relaxed",
    )


@pytest.fixture(scope="module")
def persons(spark, caseload, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("spark") / "persons.parquet"
    caseload.write_parquet(path)
    spark.read.parquet(str(path)).createOrReplaceTempView("persons")
    return "persons"


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.id)
def test_spark_runs_the_generated_sql_to_the_same_results(plan, as_of, spark, persons, caseload):
    got = pl.from_arrow(spark.sql(to_sql(plan, as_of, "spark", persons)).toArrow())
    assert isinstance(got, pl.DataFrame) and got.height == caseload.height
    _compare(_expected(plan, caseload, as_of), got.sort("person_id"), plan)
