"""Commands that used to end in a traceback end with one line naming what is wrong, and exit
code 2: a store that cannot be reached, a port that does not exist, a language zairyu does not
speak, an output folder that does not exist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

UNREACHABLE = "postgresql+psycopg://u:p@127.0.0.1:1/x"
RUNNER = CliRunner()


def _one_line(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for bad in ("Traceback", "Value error", "Usage:", "╭", "sqlalche.me", "u:p@"):
        assert bad not in result.output
    for needle in needles:
        assert needle in result.output, result.output
    return lines[0]


@pytest.mark.parametrize("command", [["db", "upgrade"], ["serve"]])
def test_an_unreachable_database_is_one_line_without_its_password(command, monkeypatch):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", UNREACHABLE)
    _one_line(RUNNER.invoke(app, command), "the database cannot be reached")


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http"])
def test_a_port_that_does_not_exist_is_refused_before_the_store_is_touched(port, monkeypatch):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", UNREACHABLE)
    line = _one_line(RUNNER.invoke(app, ["serve", "--port", port]), "--port", "1 to 65535")
    assert "database" not in line


@pytest.mark.parametrize(
    "args",
    [["policies", "--lang", "fr"], ["explain", "p3_married_to_japanese_or_spr", "--lang", "fr"]],
    ids=["policies", "explain"],
)
def test_a_language_other_than_japanese_or_english_is_refused(args):
    _one_line(RUNNER.invoke(app, args), "--lang: 'fr' is not one of: ja, en")


def test_policies_and_explain_still_speak_japanese():
    policies = RUNNER.invoke(app, ["policies", "--lang", "ja"])
    assert policies.exit_code == 0 and "在留特別許可" in policies.output
    explained = RUNNER.invoke(app, ["explain", "p3_married_to_japanese_or_spr", "--lang", "ja"])
    assert explained.exit_code == 0, explained.output


def test_an_output_into_a_folder_that_does_not_exist_is_refused_naming_it(tmp_path):
    out = tmp_path / "nope" / "dir" / "household.schema.json"
    line = _one_line(RUNNER.invoke(app, ["schema", "--out", str(out)]), "--out")
    assert f"the folder {out.parent} does not exist" in line
    assert not (tmp_path / "nope").exists()


def test_every_output_option_refuses_a_missing_folder_the_same_way(tmp_path):
    out = tmp_path / "nope" / "results.csv"
    caseload = Path(__file__).parents[2] / "examples" / "caseload.csv"
    result = RUNNER.invoke(app, ["batch", str(caseload), "--out", str(out)])
    _one_line(result, f"--out: the folder {out.parent} does not exist")
    assert not out.parent.exists()


def test_an_output_into_an_existing_folder_is_written(tmp_path):
    out = tmp_path / "household.schema.json"
    result = RUNNER.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Household"


def test_charts_go_into_a_new_folder_only_if_the_folder_around_it_exists(tmp_path):
    deep = tmp_path / "nope" / "charts"
    _one_line(RUNNER.invoke(app, ["stats", "--charts", str(deep)]), f"the folder {deep.parent}")
    assert not deep.parent.exists()
    result = RUNNER.invoke(app, ["stats", "--charts", str(tmp_path / "charts")])
    assert result.exit_code == 0, result.output
    assert any((tmp_path / "charts").iterdir())


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("nonsense", "is not a database address zairyu can use"),
        ("mysql://a@b/c", "the database driver MySQLdb is not installed"),
    ],
)
def test_a_database_address_zairyu_cannot_use_is_one_line(url, said, monkeypatch):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", url)
    _one_line(RUNNER.invoke(app, ["db", "upgrade"]), said, "postgresql+psycopg://")


@pytest.mark.parametrize(
    "command",
    [["org", "add", "X"], ["export", "--org", "X"], ["user", "token", "aiko", "--org", "X"]],
)
def test_commands_on_organisations_and_users_say_the_store_cannot_be_reached(command, monkeypatch):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", UNREACHABLE)
    _one_line(
        RUNNER.invoke(app, command), "the store cannot be used: the database cannot be reached"
    )
