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
from zairyu.io.batch import run_batch
from zairyu.io.formats import ResultWriter, scan
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
