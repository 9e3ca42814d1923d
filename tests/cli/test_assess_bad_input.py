"""Bad input to `zairyu assess`: exit code 2, a message naming the person and the field, never a
traceback, never an assessment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zairyu.cli  # noqa: F401  (registers the commands)
from zairyu.cli.app import app

RUNNER = CliRunner()
GOOD = {
    "id": "h-bad",
    "members": [
        {"id": "p1", "role": "parent", "date_of_birth": "1985-03-01"},
        {"id": "c1", "role": "child", "date_of_birth": "2012-05-01", "born_in_japan": True},
    ],
}


def _run(tmp_path: Path, content: str, *args: str):
    path = tmp_path / "household.json"
    path.write_text(content, encoding="utf-8")
    return RUNNER.invoke(app, ["assess", str(path), "--as-of", "2025-01-01", *args])


def _with(member: int, **changes: object) -> str:
    data = json.loads(json.dumps(GOOD))
    data["members"][member].update(changes)
    return json.dumps(data)


def _assert_rejected(result, *needles: str) -> None:
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    assert "within_measure" not in output and "Assessment:" not in output
    for needle in needles:
        assert needle in output, output


def test_a_valid_household_is_assessed(tmp_path):
    result = _run(tmp_path, json.dumps(GOOD))
    assert result.exit_code == 0, result.output


def test_invalid_json_is_rejected_with_the_line_and_column(tmp_path):
    _assert_rejected(_run(tmp_path, '{"id": "h1", "members": [}'), "not valid JSON", "line 1")


def test_a_misspelled_field_is_named_with_the_person(tmp_path):
    content = _with(1, born_in_japn=True)
    _assert_rejected(_run(tmp_path, content), "member 'c1'", "born_in_japn", "not a known field")


def test_a_missing_required_field_is_named_with_the_person(tmp_path):
    data = json.loads(json.dumps(GOOD))
    del data["members"][1]["role"]
    _assert_rejected(_run(tmp_path, json.dumps(data)), "member 'c1'", "role", "required")


def test_a_date_of_birth_after_the_assessment_date_is_rejected(tmp_path):
    content = _with(1, date_of_birth="2026-02-01")
    _assert_rejected(_run(tmp_path, content), "member 'c1'", "date_of_birth", "after")


def test_a_parent_younger_than_their_child_is_rejected(tmp_path):
    content = _with(0, date_of_birth="2013-01-01")
    _assert_rejected(_run(tmp_path, content), "member 'p1'", "date_of_birth", "not older")


def test_an_unknown_role_is_rejected(tmp_path):
    _assert_rejected(_run(tmp_path, _with(1, role="cousin")), "member 'c1'", "role", "cousin")


def test_a_household_with_no_members_is_rejected(tmp_path):
    content = json.dumps({"id": "h-empty", "members": []})
    _assert_rejected(_run(tmp_path, content), "household 'h-empty'", "members")


def test_a_malformed_date_is_named(tmp_path):
    _assert_rejected(_run(tmp_path, _with(1, date_of_birth="01/05/2012")), "date_of_birth")


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = RUNNER.invoke(app, ["assess", str(tmp_path / "nope.json")])
    _assert_rejected(result, "no such file")


def test_a_bad_as_of_date_is_a_clear_error(tmp_path):
    path = tmp_path / "h.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    result = RUNNER.invoke(app, ["assess", str(path), "--as-of", "2025-13-01"])
    _assert_rejected(result, "--as-of", "YYYY-MM-DD")


def test_a_date_before_every_policy_is_a_clear_error(tmp_path):
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"id": "h", "members": [{"id": "a", "role": "parent"}]}))
    result = RUNNER.invoke(app, ["assess", str(path), "--as-of", "1990-01-01"])
    _assert_rejected(result, "no policy is in force on 1990-01-01")


@pytest.mark.parametrize("content", ["[]", '"text"', "null"])
def test_json_that_is_not_an_object_is_rejected(tmp_path, content):
    _assert_rejected(_run(tmp_path, content), "JSON object")


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["members"][0]["rol"] = "parent"
    data["members"][1]["born_in_japan"] = "perhaps"
    result = _run(tmp_path, json.dumps(data))
    _assert_rejected(result, "member 'p1'", "rol", "member 'c1'", "born_in_japan")


def test_an_output_in_a_folder_that_does_not_exist_is_refused(tmp_path):
    target = tmp_path / "new" / "folder" / "household.schema.json"
    result = RUNNER.invoke(app, ["schema", "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output and not target.parent.exists()


def test_an_unreadable_input_is_a_clear_error_not_a_traceback(tmp_path):
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    _assert_rejected(RUNNER.invoke(app, ["assess", str(folder)]), "cannot read")


def test_a_nul_character_in_a_text_field_is_named(tmp_path):
    _assert_rejected(_run(tmp_path, _with(1, nationality="PH\u0000L")), "nationality", "NUL")


@pytest.mark.parametrize("value", [0, 1325376000, "2012/05/01", "2012-5-1"])
def test_a_date_must_be_written_year_month_day(tmp_path, value):
    result = _run(tmp_path, _with(1, date_of_birth=value))
    _assert_rejected(result, "member 'c1'", "date_of_birth", "YYYY-MM-DD")


def test_a_japanese_household_and_person_id_are_accepted(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["id"] = "山田家"
    data["members"][0]["id"] = "山田_太郎"
    result = _run(tmp_path, json.dumps(data, ensure_ascii=False))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("bad_id", ["h 1", "h\u202e1", "h\n1", "x" * 65, ""])
def test_a_bad_id_is_refused_with_the_rule_in_words(tmp_path, bad_id):
    data = json.loads(json.dumps(GOOD))
    data["id"] = bad_id
    result = _run(tmp_path, json.dumps(data))
    _assert_rejected(result, "field 'id'", "an id is 1 to 64 letters, digits")
    assert "A-Za-z" not in result.output and "\\p{" not in result.output


def test_a_100000_character_id_is_shown_cut_with_its_length(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["members"][1]["id"] = "c" * 100_000
    result = _run(tmp_path, json.dumps(data))
    _assert_rejected(result, "(100,000 characters)", "member '" + "c" * 60 + "…'")
    assert len(result.output) < 1000


def test_a_bidirectional_override_in_a_refused_value_is_shown_escaped(tmp_path):
    result = _run(tmp_path, _with(1, role="chi\u202eld"))
    _assert_rejected(result, "'chi\\u202eld'", "member 'c1'", "field 'role'")
    assert "\u202e" not in result.output
