"""Bad options and awkward files end a command with one line and exit code 2, never a
traceback or Typer's framed usage error; outputs go only where the user said."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
HOUSEHOLD = EXAMPLES / "01-covered-family.json"
RUNNER = CliRunner()


def _refused(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: "), result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    for bad in ("Traceback", "Value error", "Usage:", "╭"):
        assert bad not in result.output
    for needle in needles:
        assert needle in result.output, result.output


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["assess", str(HOUSEHOLD), "--lang", "fr"], ("--lang: 'fr'", "ja, en")),
        (["assess", str(HOUSEHOLD), "--format", "xml"], ("--format: 'xml'", "text, json")),
        (["sql", "children-2023", "--dialect", "mysql"], ("--dialect", "duckdb, postgres, spark")),
    ],
    ids=["assess --lang fr", "assess --format xml", "sql --dialect mysql"],
)
def test_a_value_outside_the_choices_is_refused_naming_the_choices(args, needles):
    _refused(RUNNER.invoke(app, args), *needles)


def test_a_refused_choice_is_shown_escaped():
    result = RUNNER.invoke(app, ["assess", str(HOUSEHOLD), "--lang", "e\u202en"])
    _refused(result, "'e\\u202en'")


def test_each_choice_is_still_accepted():
    for lang in ("ja", "en"):
        result = RUNNER.invoke(
            app, ["assess", str(HOUSEHOLD), "--lang", lang, "--as-of", "2025-01-01"]
        )
        assert result.exit_code == 0, result.output
    result = RUNNER.invoke(
        app, ["sql", "children-2023", "--dialect", "spark", "--as-of", "2025-01-01"]
    )
    assert result.exit_code == 0 and "spark dialect" in result.output


def test_a_household_file_with_a_bom_is_assessed(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + HOUSEHOLD.read_bytes())
    result = RUNNER.invoke(app, ["assess", str(path), "--as-of", "2025-01-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["household_id"] == "h-01"


def test_a_household_with_a_bom_on_standard_input_is_assessed():
    text = "\ufeff" + HOUSEHOLD.read_text(encoding="utf-8")
    result = RUNNER.invoke(app, ["assess", "-", "--as-of", "2025-01-01"], input=text)
    assert result.exit_code == 0, result.output


def test_a_household_file_in_utf16_is_refused_with_how_to_resave_it(tmp_path):
    path = tmp_path / "u16.json"
    path.write_bytes(HOUSEHOLD.read_text(encoding="utf-8").encode("utf-16"))
    _refused(RUNNER.invoke(app, ["assess", str(path)]), "is not UTF-8", "save it again")


def test_stats_refuses_a_caseload_given_as_results_before_printing_anything(tmp_path):
    result = RUNNER.invoke(
        app, ["stats", "--results", str(EXAMPLES / "caseload.csv"), "--charts", str(tmp_path)]
    )
    _refused(result, "not a results file", "no 'outcome' column", "zairyu batch")
    assert list(tmp_path.iterdir()) == []


def test_stats_refuses_a_results_file_that_does_not_exist(tmp_path):
    _refused(RUNNER.invoke(app, ["stats", "--results", str(tmp_path / "nope.csv")]), "no such file")


def _results(tmp_path: Path) -> Path:
    out = tmp_path / "results.csv"
    args = ["batch", str(EXAMPLES / "caseload.csv"), "--out", str(out), "--as-of", "2024-06-10"]
    assert RUNNER.invoke(app, [*args, "--policy", "children-2023"]).exit_code == 0
    return out


def test_stats_results_without_charts_prints_the_counts_and_writes_nothing(tmp_path, monkeypatch):
    results = _results(tmp_path)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = RUNNER.invoke(app, ["stats", "--results", str(results)])
    assert result.exit_code == 0, result.output
    assert "| within_measure | 9 |" in result.output
    assert "chart:" not in result.output
    assert list(here.iterdir()) == []


def test_stats_results_with_charts_draws_the_results_chart_there(tmp_path):
    results = _results(tmp_path)
    charts = tmp_path / "charts"
    result = RUNNER.invoke(app, ["stats", "--results", str(results), "--charts", str(charts)])
    assert result.exit_code == 0, result.output
    assert (charts / "results-outcomes.png").stat().st_size > 1000


def test_stats_refuses_charts_into_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    _refused(RUNNER.invoke(app, ["stats", "--charts", str(target)]), "is a file, not a folder")


def test_schema_out_refuses_a_missing_folder_and_creates_nothing(tmp_path):
    out = tmp_path / "new" / "dir" / "household.schema.json"
    result = RUNNER.invoke(app, ["schema", "--out", str(out)])
    _refused(result, f"the folder {out.parent} does not exist", "mkdir -p")
    assert not (tmp_path / "new").exists()


def test_schema_out_under_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / "file" / "x.json"
    _refused(RUNNER.invoke(app, ["schema", "--out", str(out)]), "is a file, not a folder")


def test_schema_out_onto_a_folder_is_refused(tmp_path):
    _refused(RUNNER.invoke(app, ["schema", "--out", str(tmp_path)]), "is a folder")


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_batch_refuses_a_caseload_that_does_not_exist(tmp_path, suffix):
    args = ["batch", str(tmp_path / f"nope{suffix}"), "--out", str(tmp_path / "out.csv")]
    _refused(RUNNER.invoke(app, args), f"nope{suffix}: no such file")


def test_batch_refuses_a_parquet_caseload_it_cannot_read_in_one_line(tmp_path):
    (tmp_path / "broken.parquet").write_text("not a parquet file", encoding="utf-8")
    args = ["batch", str(tmp_path / "broken.parquet"), "--out", str(tmp_path / "out.csv")]
    _refused(RUNNER.invoke(app, args), "broken.parquet: cannot read the file")
