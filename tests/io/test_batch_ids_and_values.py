"""zairyu batch: ids follow the household format's rule, and bad values are shown safely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.services.batch import run_batch

AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")


def _batch(tmp_path: Path, text: str) -> tuple[pl.DataFrame, list[dict]]:
    csv = tmp_path / "caseload.csv"
    csv.write_text(text, encoding="utf-8")
    errors, out = tmp_path / "errors.csv", tmp_path / "out.csv"
    run_batch(csv, out, [PLAN], AS_OF, errors=errors)
    return pl.read_csv(out, infer_schema=False), pl.read_csv(errors, infer_schema=False).to_dicts()


def test_japanese_household_and_person_ids_are_assessed(tmp_path):
    results, problems = _batch(
        tmp_path, "household_id,person_id,role\n山田家,山田_太郎,parent\n山田家,山田.花子,child\n"
    )
    assert problems == []
    assert results["person_id"].to_list() == ["山田_太郎", "山田.花子"]


@pytest.mark.parametrize("bad_id", ["h 1", "h\u202e1", "x" * 65])
def test_a_bad_id_sets_its_household_aside_with_the_rule_in_words(tmp_path, bad_id):
    results, problems = _batch(
        tmp_path, f'household_id,person_id,role\nh1,"{bad_id}",parent\nh2,p2,parent\n'
    )
    assert [(p["row"], p["column"]) for p in problems] == [("1", "person_id")]
    assert problems[0]["problem"].startswith("an id is 1 to 64 letters, digits")
    assert results["household_id"].to_list() == ["h2"]


def test_a_long_household_id_is_set_aside_even_though_it_is_shown_cut(tmp_path):
    long_id = "h" * 63  # allowed, but longer than a shown value
    results, problems = _batch(
        tmp_path, f"household_id,person_id,role\n{long_id},p1,parent\n{long_id},p2,uncle\n"
    )
    assert [p["column"] for p in problems] == ["role"]
    assert problems[0]["household_id"] == "h" * 60 + "… (63 characters)"
    assert results.height == 0


def test_a_100000_character_value_is_cut_in_the_error_file(tmp_path):
    _, problems = _batch(tmp_path, f"household_id,person_id,role\nh1,p1,{'u' * 100_000}\n")
    assert problems[0]["value"] == "u" * 60 + "… (100,000 characters)"


def test_a_bidirectional_override_in_a_bad_value_is_written_escaped(tmp_path):
    _, problems = _batch(tmp_path, "household_id,person_id,role\nh1,p1,par\u202eent\n")
    assert problems[0]["value"] == "par\\u202eent"


def test_strict_shows_a_bad_value_escaped_and_cut_in_its_one_line_message(tmp_path):
    csv = tmp_path / "caseload.csv"
    csv.write_text(f"household_id,person_id,role\nh1,p1,x\u202e{'y' * 100}\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["batch", str(csv), "--out", str(tmp_path / "out.csv"), "--strict"]
    )
    assert result.exit_code == 2
    assert "value 'x\\u202e" in result.output and "(102 characters)" in result.output
    assert "\u202e" not in result.output


@pytest.mark.parametrize(
    ("parents", "problem"),
    [
        ("m x", "'x' is not a member of the household (check the id)"),
        ("c", "a person cannot be their own parent"),
        ("m m", "'m' is listed twice"),
        (
            '"m,f"',
            "'m,f' is not a member of the household (check the id); "
            "separate the member ids with spaces",
        ),
    ],
)
def test_a_child_naming_a_parent_who_cannot_be_theirs_sets_the_household_aside(
    tmp_path, parents, problem
):
    results, problems = _batch(
        tmp_path,
        "household_id,person_id,role,parents\n"
        f"h1,m,parent,\nh1,c,child,{parents}\nh2,p,parent,\nh2,k,child,p\n",
    )
    assert [(p["row"], p["column"], p["problem"]) for p in problems] == [("2", "parents", problem)]
    assert results["household_id"].unique().to_list() == ["h2"]


def test_named_parents_in_a_caseload_decide_whose_parent_excludes_a_child(tmp_path):
    # Two families in one household: b1 entered illegally (a serious ground). Read by roles,
    # b1 excludes the child ac; once ac names a1, only a1's (unrecorded) record matters.
    head = "household_id,person_id,role,parents,entry_mode\n"
    rows = "h,a1,parent,,status_of_residence\nh,ac,child,{},\nh,b1,parent,,illegal_entry\n"
    by_roles, _ = _batch(tmp_path, head + rows.format(""))
    named, problems = _batch(tmp_path, head + rows.format("a1"))
    assert problems == []
    assert by_roles.filter(pl.col("person_id") == "ac")["no_excluded_parent"].to_list() == ["false"]
    assert named.filter(pl.col("person_id") == "ac")["no_excluded_parent"].to_list() == [None]
