"""zairyu batch on JSON Lines: a line that cannot be read goes to the error file with its line
number, its household is set aside, and every other household is assessed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.services.batch import run_batch

AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")
RUNNER = CliRunner()


def _line(household: str, person: str, role: str = "parent") -> str:
    return json.dumps({"household_id": household, "person_id": person, "role": role})


def _batch(tmp_path: Path, lines: list[str]) -> tuple[list[str], list[dict]]:
    source = tmp_path / "caseload.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"
    run_batch(source, out, [PLAN], AS_OF, errors=errors)
    assessed = pl.read_csv(out, infer_schema=False)["household_id"].unique(maintain_order=True)
    return assessed.to_list(), pl.read_csv(errors, infer_schema=False).to_dicts()


def test_a_cut_off_line_goes_to_the_error_file_with_its_line_number(tmp_path):
    lines = [_line("h1", "a"), _line("h2", "b"), _line("h2", "c")[:30], _line("h3", "d")]
    assessed, problems = _batch(tmp_path, lines)
    assert [(p["row"], p["household_id"]) for p in problems] == [("3", "h2")]
    assert problems[0]["problem"].startswith("line 3 is not valid JSON")
    assert problems[0]["value"] == lines[2]
    assert assessed == ["h1", "h3"]


def test_a_line_that_is_not_an_object_is_a_bad_line(tmp_path):
    lines = [_line("h1", "a"), "[1, 2]", _line("h1", "b")]
    assessed, problems = _batch(tmp_path, lines)
    assert [p["row"] for p in problems] == ["2"]
    assert "not a JSON object" in problems[0]["problem"]
    assert assessed == []  # its household cannot be read: h1 before it is set aside


def test_a_line_whose_household_cannot_be_read_sets_aside_both_neighbours(tmp_path):
    lines = [_line("h1", "a"), _line("h2", "b"), "garbage", _line("h3", "c"), _line("h4", "d")]
    assessed, problems = _batch(tmp_path, lines)
    assert [(p["row"], p["household_id"]) for p in problems] == [("3", "h2"), ("4", "h3")]
    assert "households on the lines before and after it are set aside" in problems[0]["problem"]
    assert assessed == ["h1", "h4"]


def test_row_numbers_after_a_bad_line_are_those_of_a_good_file(tmp_path):
    lines = [_line("h1", "a"), "{oops", _line("h2", "b"), _line("h3", "c", "uncle")]
    _, problems = _batch(tmp_path, lines)
    assert [(p["row"], p["column"]) for p in problems] == [("2", ""), ("3", ""), ("4", "role")]


def test_batch_with_a_bad_line_exits_1_and_reports_it(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text(_line("h1", "a") + "\n" + _line("h2", "b")[:-1] + "\n", encoding="utf-8")
    result = RUNNER.invoke(
        app, ["batch", str(source), "--out", str(tmp_path / "r.csv"), "--as-of", "2024-06-10"]
    )
    assert result.exit_code == 1, result.output
    assert "1 persons in 1 households assessed" in result.output
    assert "Traceback" not in result.output


def test_strict_stops_at_a_bad_line_with_its_line_number(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text(_line("h1", "a") + "\n{\n", encoding="utf-8")
    result = RUNNER.invoke(
        app, ["batch", str(source), "--out", str(tmp_path / "r.csv"), "--strict"]
    )
    assert result.exit_code == 2
    assert "line 2 is not valid JSON" in result.output


def test_a_line_error_is_shown_escaped_even_when_the_file_makes_one_up(tmp_path):
    made_up = json.dumps({"household_id": "h1", "person_id": "a", "role": "parent",
                          "_line_error": "x\u202ey"})  # fmt: skip
    assessed, problems = _batch(tmp_path, [made_up, _line("h2", "b"), "{"])
    assert problems[0]["problem"] == "x\\u202ey"
    assert assessed == []  # h1 made up its own error; h2 is before the unreadable line
