"""A caseload file holds exact days only: a month in a date column is refused, naming the row
(an imprecise date is assessed from a household JSON file, docs/imprecise-dates.md)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from zairyu.cli.app import app


def test_a_month_only_birth_date_in_a_caseload_goes_to_the_error_file_with_its_row(
    tmp_path: Path,
) -> None:
    caseload = tmp_path / "caseload.csv"
    caseload.write_text("household_id,person_id,role,birth_date\nh1,p1,parent,2000-09\n")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app, ["batch", str(caseload), "--as-of", "2025-01-01", "--out", str(out)]
    )
    errors = (tmp_path / "out.errors.csv").read_text(encoding="utf-8")
    assert "1 problem(s)" in result.output
    assert "1,h1,birth_date,2000-09,not a date (write YYYY-MM-DD)" in errors
