"""Reforms change parameters or conditions; compare reports who changes and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import frame_from_rows
from zairyu.simulate.compare import compare
from zairyu.simulate.reform import Reform, ReformError, apply_reform, load_reform
from zairyu.simulate.synth import synthesise

EXAMPLES = Path(__file__).parents[2] / "examples" / "reforms"
BASE = default_catalogue().get("children-2023")
AS_OF = date(2024, 6, 10)
PEOPLE = frame_from_rows(synthesise(400, seed=9))


def test_an_empty_reform_changes_nobody():
    plan = apply_reform(BASE, Reform(id="none", policy="children-2023", title="no change"), "t")
    result = compare(PEOPLE, BASE, plan, AS_OF)
    assert result.changes.height == 0
    assert (result.by_outcome["change"] == 0).all()


def test_raising_the_age_limit_brings_in_only_18_and_19_year_old_children_and_their_families():
    reform = Reform(
        id="u20", policy="children-2023", title="u20", parameters={"age_of_majority": 20}
    )
    result = compare(PEOPLE, BASE, apply_reform(BASE, reform, "t"), AS_OF)
    children = result.changes.filter(role="child", reform="within_measure")
    assert children.height > 0
    assert set(children["age_band"]) == {"18-19"}
    assert all("child_minor: false -> true" in c for c in children["changed_conditions"])
    assert result.by_outcome["change"].sum() == 0  # persons move between outcomes


def test_covering_preschool_children_moves_them_into_the_measure():
    path = EXAMPLES / "preschool-children-covered.yaml"
    result = compare(PEOPLE, BASE, apply_reform(BASE, load_reform(path), str(path)), AS_OF)
    moved = result.changes.filter(role="child", reform="within_measure")
    assert moved.height > 0
    assert set(moved["age_band"]) <= {"0-5", "6-11"}  # born after 1 April 2018: at most 6


def test_a_reform_naming_an_unknown_condition_is_refused_with_its_name():
    reform = Reform(id="bad", policy="children-2023", title="bad", replace={"child_age": "TRUE"})
    with pytest.raises(ReformError, match="no variable or condition 'child_age'"):
        apply_reform(BASE, reform, "bad.yaml")


def test_compare_prints_tables_and_writes_the_persons_who_change(tmp_path):
    caseload = tmp_path / "caseload.parquet"
    PEOPLE.write_parquet(caseload)
    changes = tmp_path / "changes.csv"
    result = CliRunner().invoke(
        app, ["compare", str(caseload), "--reform", str(EXAMPLES / "children-under-20.yaml"),
              "--as-of", "2024-06-10", "--changes", str(changes)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "### By age band" in result.output
    assert changes.read_text().startswith("household_id,person_id,role,age_band,baseline,reform")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_reform_applies(path):
    apply_reform(BASE, load_reform(path), str(path))
