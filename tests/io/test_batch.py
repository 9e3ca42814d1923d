"""zairyu batch on small caseloads in every format: results, row-level errors, --strict."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows
from zairyu.io.formats import ResultWriter, scan
from zairyu.model.columns import COLUMNS
from zairyu.services.batch import run_batch
from zairyu.simulate.synth import synthesise

AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")


def _write(frame: pl.DataFrame, path: Path) -> Path:
    writer = ResultWriter(path)
    writer.write(frame)
    writer.close()
    return path


@pytest.fixture(scope="module")
def caseload() -> pl.DataFrame:
    return frame_from_rows(synthesise(120, seed=5))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".jsonl"])
def test_every_format_gives_the_same_outcomes_as_the_engine(tmp_path, caseload, suffix):
    source = _write(caseload, tmp_path / f"caseload{suffix}")
    out = tmp_path / f"results{suffix}"
    run_batch(source, out, [PLAN], AS_OF, errors=tmp_path / "errors.csv")
    got = scan(out).collect()
    expected = evaluate_frame(PLAN, caseload, AS_OF).collect()
    assert got["outcome"].to_list() == expected["outcome"].to_list()
    assert {s.name for s in PLAN.steps} <= set(got.columns)


def test_a_bad_value_sets_its_household_aside_and_the_others_are_assessed(tmp_path, caseload):
    text = caseload.with_columns(pl.col("birth_date").cast(pl.String))
    first_household = text["household_id"][0]
    text = text.with_columns(
        pl.when(pl.int_range(pl.len()) == 1).then(pl.lit("2010-13-45"))
        .otherwise(pl.col("birth_date")).alias("birth_date")
    )  # fmt: skip
    source = _write(text, tmp_path / "caseload.csv")
    errors = tmp_path / "errors.csv"
    summary = run_batch(source, tmp_path / "out.csv", [PLAN], AS_OF, errors=errors)
    problems = pl.read_csv(errors).to_dicts()
    assert problems == [
        {"row": 2, "household_id": first_household, "column": "birth_date",
         "value": "2010-13-45", "problem": "not a date (write YYYY-MM-DD)"}
    ]  # fmt: skip
    size = (caseload["household_id"] == first_household).sum()
    assert summary.assessed == caseload.height - size
    assert summary.households == caseload["household_id"].n_unique() - 1


def test_strict_stops_at_the_first_bad_row_with_a_clear_message(tmp_path, caseload):
    text = caseload.with_columns(pl.col("role").cast(pl.String))
    text = text.with_columns(
        pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("uncle")).otherwise(pl.col("role"))
        .alias("role")
    )  # fmt: skip
    source = _write(text, tmp_path / "caseload.csv")
    result = CliRunner().invoke(
        app, ["batch", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2024-06-10",
              "--strict"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "row 4, column 'role', value 'uncle': must be one of parent, child" in result.output


def test_an_unknown_column_is_refused_rather_than_read_as_unknown(tmp_path, caseload):
    source = _write(caseload.rename({"born_in_japan": "born_in_japn"}), tmp_path / "c.csv")
    result = CliRunner().invoke(
        app, ["batch", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2024-06-10"]
    )
    assert result.exit_code == 2
    assert "unknown column(s) 'born_in_japn'" in result.output
    assert "Traceback" not in result.output


def test_small_chunks_give_the_same_results_as_one_chunk(tmp_path, caseload):
    source = _write(caseload, tmp_path / "caseload.parquet")
    run_batch(source, tmp_path / "one.parquet", [PLAN], AS_OF, errors=tmp_path / "e1.csv")
    run_batch(source, tmp_path / "many.parquet", [PLAN], AS_OF, errors=tmp_path / "e2.csv",
              chunk_rows=7)  # fmt: skip
    assert pl.read_parquet(tmp_path / "one.parquet").equals(
        pl.read_parquet(tmp_path / "many.parquet")
    )


def _one_bad_cell(tmp_path: Path, column: str, value: str) -> list[dict]:
    csv = tmp_path / "one.csv"
    csv.write_text(
        f"household_id,person_id,role,{column}\nh1,p1,parent,{value}\nh2,p2,child,\n",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.csv"
    run_batch(csv, tmp_path / "out.csv", [PLAN], AS_OF, errors=errors)
    return pl.read_csv(errors, infer_schema=False).to_dicts()


@pytest.mark.parametrize(
    "column", [c for c, spec in COLUMNS.items() if spec.values is not None and c != "role"]
)
def test_batch_refuses_a_value_that_the_household_format_refuses(tmp_path, column):
    problems = _one_bad_cell(tmp_path, column, "mom")
    assert [(p["row"], p["column"], p["value"]) for p in problems] == [("1", column, "mom")]
    assert problems[0]["problem"].startswith("must be one of ")


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("conviction_count", "-3", "must be at least 0"),
        ("refugee_application_count", "101", "must be at most 100"),
        ("longest_unsuspended_part_months", "99999", "must be at most 1200"),
    ],
)
def test_batch_refuses_a_number_that_cannot_be_true(tmp_path, column, value, problem):
    problems = _one_bad_cell(tmp_path, column, value)
    assert [(p["column"], p["value"], p["problem"]) for p in problems] == [(column, value, problem)]
