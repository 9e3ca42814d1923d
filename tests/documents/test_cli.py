"""`zairyu memo`, `zairyu checklist`, `zairyu sheet` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

FAMILY = str(Path(__file__).parents[2] / "examples" / "01-covered-family.json")
runner = CliRunner()


@pytest.mark.parametrize("command", ["memo", "checklist", "sheet"])
def test_each_command_writes_a_pdf(command: str, tmp_path: Path) -> None:
    out = tmp_path / f"{command}.pdf"
    args = [command, FAMILY, "--lang", "en", "--as-of", "2024-06-10", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_html_option_writes_the_html_the_pdf_is_typeset_from(tmp_path: Path) -> None:
    out = tmp_path / "memo.html"
    args = ["memo", FAMILY, "--as-of", "2024-06-10", "--era", "--html", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "令和6年6月10日" in html


def test_an_invalid_household_ends_with_exit_2_naming_the_member_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "h-x", "members": [{"id": "a1", "role": "kid"}]}', encoding="utf-8")
    result = runner.invoke(app, ["memo", str(bad), "--out", str(tmp_path / "m.pdf")])
    assert result.exit_code == 2
    assert "member 'a1'" in result.output and "role" in result.output
    assert not (tmp_path / "m.pdf").exists()


def test_a_missing_file_and_a_bad_date_end_with_exit_2(tmp_path: Path) -> None:
    out = str(tmp_path / "m.pdf")
    missing = runner.invoke(app, ["memo", str(tmp_path / "none.json"), "--out", out])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_date = runner.invoke(app, ["sheet", FAMILY, "--as-of", "2024-13-01", "--out", out])
    assert bad_date.exit_code == 2 and "--as-of" in bad_date.output


def test_an_unknown_language_is_refused() -> None:
    result = runner.invoke(app, ["memo", FAMILY, "--lang", "fr", "--out", "x.pdf"])
    assert result.exit_code == 2


def test_the_memo_refuses_a_household_that_assess_refuses(tmp_path):
    # The same assessment service, with the same checks: a school start before birth cannot be true.
    household = {
        "id": "h1",
        "members": [
            {
                "id": "c1",
                "role": "child",
                "date_of_birth": "2012-01-01",
                "school": {"enrolments": [{"level": "elementary", "start": "2010-04-01"}]},
            }
        ],
    }
    path = tmp_path / "h.json"
    path.write_text(json.dumps(household), encoding="utf-8")
    for command in ("memo", "assess"):
        args = [command, str(path), "--as-of", "2024-06-10"]
        if command == "memo":
            args += ["--out", str(tmp_path / "m.pdf")]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (command, result.output)
        assert "member 'c1'" in result.output and "before the date of birth" in result.output
    assert not (tmp_path / "m.pdf").exists()
