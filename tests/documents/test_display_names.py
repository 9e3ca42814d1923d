"""A member's display name is shown where a reader asked for the assessment: the text report of
zairyu assess, the PDF memo and the web assessment page, always beside the member's id. A
refusal of the same household names the member by id only."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

import zairyu.cli  # noqa: F401  (registers the commands)
from tests.documents.pdf_tools import AS_OF, needs_poppler, pdf_text
from zairyu.cli.app import app
from zairyu.documents.build import assessed, memo
from zairyu.documents.words import Words

RUNNER = CliRunner()
HOUSEHOLD = {
    "id": "yamada",
    "members": [
        {"id": "p1", "role": "parent", "display_name": "山田　花子", "date_of_birth": "1985-03-01"},
        {"id": "c1", "role": "child", "date_of_birth": "2012-05-01", "born_in_japan": True},
    ],
}


def _assess(tmp_path: Path, household: dict, *args: str):
    path = tmp_path / "household.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    return RUNNER.invoke(app, ["assess", str(path), "--as-of", "2025-01-01", *args])


def test_the_text_report_shows_the_display_name_beside_the_id(tmp_path):
    result = _assess(tmp_path, HOUSEHOLD, "--detail")
    assert result.exit_code == 0, result.output
    assert "山田　花子 [p1] (parent)" in result.output
    assert re.search(r"^    c1 \(child\)", result.output, re.M)  # no name: the id alone


def test_the_json_result_carries_no_display_name(tmp_path):
    result = _assess(tmp_path, HOUSEHOLD, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "山田" not in result.output


def test_a_refused_household_with_a_display_name_names_the_member_by_id_only(tmp_path):
    bad = json.loads(json.dumps(HOUSEHOLD))
    bad["members"][0]["date_of_birth"] = "2030-01-01"
    bad["members"].append(dict(bad["members"][0]))  # the same id twice: a household refusal
    result = _assess(tmp_path, bad)
    assert result.exit_code == 2
    assert "p1" in result.output and "Traceback" not in result.output
    assert "山田" not in result.output


@needs_poppler
def test_the_memo_shows_the_display_name_beside_the_id():
    household, assessment = assessed(json.dumps(HOUSEHOLD), "yamada.json", AS_OF)
    text = re.sub(r"\s+", "", pdf_text(memo(household, assessment, Words("ja")).pdf()))
    assert "山田花子[p1]" in text
