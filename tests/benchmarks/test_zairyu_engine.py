"""The benchmark's zairyu engine evaluates a caseload as ``zairyu batch`` does: the in-process
rounds time the same work the command line does, on the same columns."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from benchmarks.engines import AS_OF, OUTPUTS, zairyu_engine
from benchmarks.engines import python_loop as python_engine
from benchmarks.generate import generate

from zairyu.services.batch import run_batch


def test_the_in_process_evaluation_reads_a_caseload_without_the_columns_the_file_lacks():
    frame = generate(2_000, seed=7)
    assert "legal_status" not in frame.columns  # read by every policy's scope rule
    evaluated = zairyu_engine.evaluate(zairyu_engine.prepare(frame))
    assert evaluated.columns == list(OUTPUTS) and evaluated.height == frame.height


def test_the_in_process_evaluation_agrees_with_the_batch_command_and_the_plain_loop(tmp_path: Path):
    frame = generate(2_000, seed=7)
    source, target = tmp_path / "people.parquet", tmp_path / "out.parquet"
    frame.write_parquet(source)
    run_batch(source, target, [zairyu_engine.BASE], AS_OF, errors=tmp_path / "errors.csv")
    batch = pl.read_parquet(target).select(OUTPUTS)
    in_process = zairyu_engine.evaluate(zairyu_engine.prepare(frame))
    plain = python_engine.evaluate(python_engine.prepare(frame))
    assert in_process.equals(batch.cast(in_process.schema))
    assert in_process.equals(plain.cast(in_process.schema))


def test_one_household_is_assessed_with_its_trace_from_the_prepared_caseload():
    frame = zairyu_engine.prepare(generate(200, seed=7))
    rows = [r for r in frame.to_dicts() if r["household_id"] == frame["household_id"][0]]
    result = zairyu_engine.single(rows, trace=True)
    assert [p.person_id for p in result.persons] == [str(r["person_id"]) for r in rows]
