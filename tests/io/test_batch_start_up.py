"""What the batch path loads and how it writes: kept cheap, as every ``zairyu batch`` pays it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows, outcome_type
from zairyu.engine.plan import UNDETERMINED
from zairyu.io.formats import scan
from zairyu.model.columns import COLUMNS
from zairyu.services.batch import run_batch
from zairyu.simulate.synth import synthesise
from zairyu.stats.charts import outcome_counts

AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")

IMPORTED = "import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('pyarrow')))"


def _pyarrow_modules_after_importing(module: str) -> str:
    code = IMPORTED.format(module=module)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_batch_stack_does_not_import_pyarrow_at_start_up():
    assert _pyarrow_modules_after_importing("zairyu.services.batch") == "[]"


def test_the_batch_command_does_not_import_pyarrow_at_start_up():
    assert _pyarrow_modules_after_importing("zairyu.cli.batch") == "[]"


@pytest.fixture(scope="module")
def caseload_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("caseload") / "caseload.parquet"
    frame_from_rows(synthesise(150, seed=11)).write_parquet(path)
    return path


def test_role_and_outcome_are_written_as_enums_of_their_sorted_values(tmp_path, caseload_file):
    out = tmp_path / "results.parquet"
    run_batch(caseload_file, out, [PLAN], AS_OF, errors=tmp_path / "errors.csv")
    schema = pl.read_parquet_schema(out)
    assert schema["role"] == pl.Enum(sorted(COLUMNS["role"].values or ()))
    assert schema["outcome"] == pl.Enum(sorted([*(o.id for o in PLAN.outcomes), UNDETERMINED]))


def test_the_enum_outcome_holds_the_outcomes_the_text_one_did(tmp_path, caseload_file):
    out = tmp_path / "results.parquet"
    run_batch(caseload_file, out, [PLAN], AS_OF, errors=tmp_path / "errors.csv")
    got = pl.read_parquet(out)
    people = pl.read_parquet(caseload_file)
    text = evaluate_frame(PLAN, people, AS_OF).collect()
    assert got["outcome"].cast(pl.String).to_list() == text["outcome"].to_list()
    assert got["role"].cast(pl.String).to_list() == people["role"].to_list()
    assert len(set(text["outcome"])) > 1  # the comparison sees more than one outcome


def test_outcomes_of_a_results_file_sort_and_group_as_their_text(tmp_path, caseload_file):
    out = tmp_path / "results.parquet"
    run_batch(caseload_file, out, [PLAN], AS_OF, errors=tmp_path / "errors.csv")
    _, counts = outcome_counts(out)
    as_text = (
        pl.read_parquet(out)
        .select(pl.col("outcome").cast(pl.String))
        .group_by("outcome")
        .len()
        .sort("outcome")
    )
    assert counts["key"].cast(pl.String).to_list() == as_text["outcome"].to_list()
    assert counts["value"].to_list() == as_text["len"].to_list()


def test_every_policy_outcome_is_an_enum_when_several_are_assessed(tmp_path, caseload_file):
    plans = default_catalogue().in_force(AS_OF)
    out = tmp_path / "results.parquet"
    run_batch(caseload_file, out, plans, AS_OF, errors=tmp_path / "errors.csv")
    schema = pl.read_parquet_schema(out)
    assert len(plans) > 1
    for plan in plans:
        assert schema[f"{plan.id}.outcome"] == outcome_type(plan)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_text_formats_hold_the_same_role_and_outcome_as_parquet(tmp_path, caseload_file, suffix):
    parquet, out = tmp_path / "results.parquet", tmp_path / f"results{suffix}"
    run_batch(caseload_file, parquet, [PLAN], AS_OF, errors=tmp_path / "e1.csv")
    run_batch(caseload_file, out, [PLAN], AS_OF, errors=tmp_path / "e2.csv")
    expected = pl.read_parquet(parquet).select(pl.col("role", "outcome").cast(pl.String))
    got = scan(out).select("role", "outcome").collect()
    assert got.to_dicts() == expected.to_dicts()
