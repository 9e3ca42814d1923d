"""What the batch path loads and how it writes: kept cheap, as every ``zairyu batch`` pays it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from zairyu.cli import COMMANDS, MODULES, load
from zairyu.cli.app import app as cli_app
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows, outcome_type
from zairyu.engine.plan import UNDETERMINED
from zairyu.io.formats import ResultWriter, scan
from zairyu.model.columns import COLUMNS
from zairyu.services.batch import StrictStopError, run_batch
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


def _with_bad_role(caseload_file: Path, tmp_path: Path, row_index: int) -> Path:
    people = pl.read_parquet(caseload_file)
    bad = people.with_columns(
        pl.when(pl.int_range(pl.len()) == row_index).then(pl.lit("uncle"))
        .otherwise(pl.col("role")).alias("role")
    )  # fmt: skip
    path = tmp_path / "bad.parquet"
    bad.write_parquet(path)
    return path


def test_results_of_many_chunks_stream_into_one_parquet_file_without_pyarrow(tmp_path):
    code = (
        "import sys; from pathlib import Path; from datetime import date\n"
        "import polars as pl\n"
        "from zairyu.engine.catalogue import default_catalogue\n"
        "from zairyu.engine.columnar import frame_from_rows\n"
        "from zairyu.services.batch import StrictStopError, run_batch\n"
        "from zairyu.simulate.synth import synthesise\n"
        f"work = Path({str(tmp_path)!r})\n"
        "frame_from_rows(synthesise(200, seed=3)).write_parquet(work / 'in.parquet')\n"
        "plan = default_catalogue().get('children-2023')\n"
        "run_batch(work / 'in.parquet', work / 'out.parquet', [plan], date(2024, 6, 10),\n"
        "          errors=work / 'e.csv', chunk_rows=9)\n"
        "print(sorted(m for m in sys.modules if m.startswith('pyarrow')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    results = pl.read_parquet(tmp_path / "out.parquet")
    assert results["row"].to_list() == list(
        range(1, pl.read_parquet(tmp_path / "in.parquet").height + 1)
    )


def test_strict_stop_in_a_later_chunk_is_raised_as_itself_after_the_earlier_chunks(
    tmp_path, caseload_file
):
    source = _with_bad_role(caseload_file, tmp_path, 100)
    out = tmp_path / "results.parquet"
    with pytest.raises(StrictStopError, match="row 101, column 'role', value 'uncle'"):
        run_batch(source, out, [PLAN], AS_OF, errors=tmp_path / "e.csv", strict=True, chunk_rows=10)
    written = pl.read_parquet(out)
    assert 0 < written.height < 100
    assert written["row"].to_list() == list(range(1, written.height + 1))


def test_a_bad_row_in_a_later_chunk_sets_only_its_household_aside(tmp_path, caseload_file):
    source = _with_bad_role(caseload_file, tmp_path, 100)
    people = pl.read_parquet(source)
    household = people["household_id"][100]
    out = tmp_path / "results.parquet"
    summary = run_batch(source, out, [PLAN], AS_OF, errors=tmp_path / "e.csv", chunk_rows=10)
    written = pl.read_parquet(out)
    assert (
        written["person_id"].to_list()
        == people.filter(pl.col("household_id") != household)["person_id"].to_list()
    )
    assert summary.assessed == written.height
    assert summary.problems == 1


def test_the_chunk_by_chunk_writer_still_writes_several_chunks_to_parquet(tmp_path):
    frame = frame_from_rows(synthesise(40, seed=2))
    writer = ResultWriter(tmp_path / "out.parquet")
    for start in range(0, frame.height, 15):
        writer.write(frame.slice(start, 15))
    writer.close()
    assert pl.read_parquet(tmp_path / "out.parquet").equals(frame)


@pytest.mark.parametrize("chunk_rows", [10, 1_000_000])
def test_the_summary_counts_the_outcomes_the_results_file_holds(
    tmp_path, caseload_file, chunk_rows
):
    plans = default_catalogue().in_force(AS_OF)
    out = tmp_path / "results.parquet"
    summary = run_batch(
        caseload_file, out, plans, AS_OF, errors=tmp_path / "e.csv", chunk_rows=chunk_rows
    )
    written = pl.read_parquet(out)
    for plan in plans:
        column = written[f"{plan.id}.outcome"].cast(pl.String)
        assert dict(summary.outcomes[plan.id]) == dict(Counter(column.to_list()))
    assert summary.households == written["household_id"].n_unique()
    assert summary.assessed == written.height


RUN_MAIN = """
import atexit, sys
sys.argv = ["zairyu", *{args!r}]
atexit.register(lambda: print({report}, file=sys.stderr))  # a batch ends without returning
from zairyu.cli import main
try:
    main()
except SystemExit:
    pass
"""
CLI_MODULES = 'sorted(m for m in sys.modules if m.startswith("zairyu.cli."))'


def _main_in_a_fresh_process(
    *args: str, report: str = CLI_MODULES
) -> subprocess.CompletedProcess[str]:
    """``zairyu ARGS`` in a new interpreter; its last line of stderr is ``report``'s value."""
    code = RUN_MAIN.format(args=list(args), report=report)
    env = {**os.environ, "COLUMNS": "200"}
    command = [sys.executable, "-c", code]
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env)


def test_zairyu_batch_imports_only_the_batch_command_module(tmp_path, caseload_file):
    out = tmp_path / "results.parquet"
    done = _main_in_a_fresh_process(
        "batch", str(caseload_file), "--out", str(out), "--as-of", "2024-06-10"
    )
    assert done.stderr.splitlines()[-1] == "['zairyu.cli.app', 'zairyu.cli.batch']"
    assert pl.read_parquet(out).height == pl.read_parquet(caseload_file).height


NOT_FOR_BATCH = ("charset_normalizer", "rich", "pyarrow", "numpy")
"""Not imported by ``zairyu batch`` of a small, sound caseload on no terminal: the encoding
guess (for a refused file), the progress bar (a terminal), multi-chunk Parquet through
pyarrow, numpy (caseloads of 200,000 persons and more)."""


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_zairyu_batch_does_not_import_what_it_does_not_need(tmp_path, caseload_file, suffix):
    source = caseload_file
    if suffix == ".csv":
        source = tmp_path / "caseload.csv"
        pl.read_parquet(caseload_file).write_csv(source)
    args = [
        "batch",
        str(source),
        "--out",
        str(tmp_path / f"results{suffix}"),
        "--as-of",
        "2024-06-10",
    ]
    report = f'sorted({{m.split(".")[0] for m in sys.modules}} & set({NOT_FOR_BATCH!r}))'
    done = _main_in_a_fresh_process(*args, report=report)
    assert done.stderr.splitlines()[-1] == "[]"


def test_zairyu_help_still_lists_every_command():
    done = _main_in_a_fresh_process("--help")
    for command in COMMANDS:
        assert f" {command} " in done.stdout, command
    imported = done.stderr.splitlines()[-1]
    assert all(f"'zairyu.cli.{module}'" in imported for module in MODULES)


def test_every_registered_command_is_mapped_to_the_module_that_registers_it():
    load()
    registered: dict[str, set[str]] = {}
    for command in cli_app.registered_commands:
        name = command.name or str(command.callback.__name__).replace("_", "-")
        registered[name] = {str(command.callback.__module__)}
    for group in cli_app.registered_groups:
        typer_app = group.typer_instance
        registered[str(group.name)] = {
            str(c.callback.__module__) for c in typer_app.registered_commands
        }
    registered.pop("cli-reference")  # every module is imported for it
    assert {name: {f"zairyu.cli.{m}"} for name, m in COMMANDS.items()} == registered
    modules = {m for ms in registered.values() for m in ms} | {"zairyu.cli.reference"}
    assert {f"zairyu.cli.{m}" for m in MODULES} == modules


def test_the_app_of_zairyu_cli_app_runs_any_command_with_no_module_imported_before():
    code = (
        "from typer.testing import CliRunner\n"
        "from zairyu.cli.app import app\n"
        "result = CliRunner().invoke(app, ['policies'])\n"
        "print(result.exit_code, 'children-2023' in result.output)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 True"
