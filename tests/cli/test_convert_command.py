"""`zairyu convert`: household files to a caseload (CSV, Parquet, JSON Lines) and back, the
direction from the source; bad input is one line and exit 2, with nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.model.problems import load_household
from zairyu.model.table import household_rows

EXAMPLES = Path(__file__).parents[2] / "examples"
RUNNER = CliRunner()
EXACT = [p for p in sorted(EXAMPLES.glob("*.json")) if not p.name.startswith("13-")]


def _convert(*args: str | Path):
    return RUNNER.invoke(app, ["convert", *(str(a) for a in args)])


def _one_line(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _table(path: Path):
    return household_rows(load_household(path.read_text(encoding="utf-8"), str(path)))


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A folder with every example a caseload can hold."""
    folder = tmp_path / "households"
    folder.mkdir()
    for path in EXACT:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_a_folder_of_households_goes_to_a_caseload_and_comes_back_with_the_same_tables(
    examples, tmp_path, suffix
):
    caseload = tmp_path / f"caseload{suffix}"
    there = _convert(examples, "--out", caseload)
    assert there.exit_code == 0, there.output
    assert f"persons of {len(EXACT)} households -> {caseload}" in there.output
    assert "not carried: " in there.output and "school enrolments" in there.output
    back = tmp_path / "back"
    back.mkdir()
    result = _convert(caseload, "--out", back)
    assert result.exit_code == 0, result.output
    assert f"{len(EXACT)} households" in result.output and "0 set aside" in result.output
    for path in EXACT:
        household_id = json.loads(path.read_text(encoding="utf-8"))["id"]
        assert _table(back / f"{household_id}.json") == _table(path), path.name


def test_the_shift_jis_caseload_is_read_as_cp932_and_gives_example_14_exactly(tmp_path):
    result = _convert(EXAMPLES / "caseload-sjis.csv", "--out", tmp_path)
    assert "caseload-sjis.csv: read as CP932 (Shift_JIS)" in result.output
    written = (tmp_path / "伊藤家.json").read_text(encoding="utf-8")
    assert written == (EXAMPLES / "14-converted-from-shift-jis.json").read_text(encoding="utf-8")


def test_a_household_no_household_file_can_hold_is_set_aside_by_name_and_the_rest_written(
    tmp_path,
):
    # 佐藤家-4 is at a pre-school that has ended, on no day the caseload gives
    result = _convert(EXAMPLES / "caseload-sjis.csv", "--out", tmp_path)
    assert result.exit_code == 1, result.output
    assert "set aside: household '佐藤家': person '佐藤家-4': column 'school_ongoing'" in (
        result.output
    )
    assert "5 households (19 persons)" in result.output and "1 set aside" in result.output
    assert not (tmp_path / "佐藤家.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "伊藤家.json", "山田家.json", "田中家.json", "鈴木家.json", "高橋家.json"
    ]  # fmt: skip


def test_blank_cells_the_other_columns_decide_are_counted(tmp_path):
    result = _convert(EXAMPLES / "caseload.csv", "--out", tmp_path)
    assert "blank but decided by the other columns: in_japan_since" in result.output


def test_a_date_known_only_to_the_month_is_refused_naming_household_person_and_field(
    examples, tmp_path
):
    shutil.copy(EXAMPLES / "13-month-only-dates.json", examples)
    out = tmp_path / "caseload.csv"
    _one_line(
        _convert(examples, "--out", out),
        "household 'h-13', member 'p1'",
        "field 'date_of_birth' is known only to the month",
    )
    assert not out.exists()


def test_display_names_are_counted_as_not_carried_and_never_shown(tmp_path):
    household = json.loads((EXAMPLES / "03-preschool-only.json").read_text(encoding="utf-8"))
    household["members"][0]["display_name"] = "山田 花子"
    source = tmp_path / "named.json"
    source.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    result = _convert(source, "--out", tmp_path / "caseload.jsonl")
    assert result.exit_code == 0, result.output
    assert "display names 1" in result.output
    assert "花子" not in result.output
    assert "花子" not in (tmp_path / "caseload.jsonl").read_text(encoding="utf-8")


def test_a_folder_that_does_not_exist_is_refused_not_created(tmp_path):
    missing = tmp_path / "nope"
    _one_line(
        _convert(EXAMPLES / "caseload.csv", "--out", missing),
        f"--out: the folder {missing} does not exist",
    )
    _one_line(
        _convert(EXAMPLES / "01-covered-family.json", "--out", missing / "c.csv"),
        f"--out: the folder {missing} does not exist",
    )
    assert not missing.exists()


def test_no_household_file_is_overwritten(tmp_path):
    (tmp_path / "山田家.json").write_text("{}", encoding="utf-8")
    _one_line(
        _convert(EXAMPLES / "caseload-sjis.csv", "--out", tmp_path),
        "exist already (first: 山田家.json)",
    )
    assert (tmp_path / "山田家.json").read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["山田家.json"]


@pytest.mark.parametrize(
    ("source", "out", "needle"),
    [
        ("notes.txt", "out.csv", "convert reads household files"),
        ("missing.json", "out.csv", "missing.json: no such file or folder"),
        ("missing.csv", ".", "missing.csv: no such file"),
        ("01-covered-family.json", "out.txt", "a caseload is written as .csv"),
        ("01-covered-family.json", ".", "is a folder; name the caseload file"),
        ("caseload.csv", "out.csv", "is a file; name the folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, monkeypatch, source, out, needle):
    for name in ("01-covered-family.json", "caseload.csv"):
        shutil.copy(EXAMPLES / name, tmp_path)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "out.csv").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _one_line(_convert(source, "--out", out), needle)


def test_an_invalid_household_file_is_one_line_naming_the_file_and_the_problem(tmp_path):
    source = tmp_path / "bad.json"
    source.write_text('{"id": "h", "members": [{"id": "p1", "role": "aunt"}]}', encoding="utf-8")
    line = _one_line(_convert(source, "--out", tmp_path / "c.csv"), "bad.json", "role")
    assert not (tmp_path / "c.csv").exists(), line


def test_two_files_with_the_same_household_are_refused(tmp_path):
    for name in ("a.json", "b.json"):
        shutil.copy(EXAMPLES / "01-covered-family.json", tmp_path / name)
    _one_line(_convert(tmp_path, "--out", tmp_path / "c.csv"), "is also in")
