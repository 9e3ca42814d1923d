"""Synthetic caseloads: reproducible, and calibrated to the published outcome shares."""

from __future__ import annotations

from datetime import date

import polars as pl
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.columnar import evaluate_frame, frame_from_rows
from zairyu.simulate.synth import assumptions, synthesise


def test_the_same_seed_gives_the_same_file(tmp_path):
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path in paths:
        result = CliRunner().invoke(
            app, ["synth", "--households", "50", "--seed", "4", "--out", str(path)]
        )
        assert result.exit_code == 0, result.output
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_another_seed_gives_another_caseload():
    assert synthesise(30, 1) != synthesise(30, 2)


def test_every_assumption_names_its_source_and_status():
    for item in assumptions().values():
        assert item.source and item.en
        assert item.status in {"CONFIRMED", "SECONDARY", "INFERRED", "ASSUMPTION"}


def test_children_born_in_japan_come_out_close_to_the_published_grant_rate():
    # Published (policy-facts 1.6): 212 of 263 children granted (80.6 %), 26 below school age.
    people = frame_from_rows(synthesise(3000, seed=1))
    plan = default_catalogue().get("children-2023")
    results = evaluate_frame(plan, people, date(2024, 6, 10)).collect()
    born_here = results.filter(pl.col("role") == "child", pl.col("born_in_japan"))
    granted = (born_here["outcome"] == "within_measure").mean()
    below_school_age = (~born_here["child_of_school_age"]).mean()
    assert 0.74 <= granted <= 0.86, granted
    assert 0.07 <= below_school_age <= 0.13, below_school_age
