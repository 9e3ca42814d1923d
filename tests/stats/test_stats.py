"""Official figures ship with their sources; charts are drawn from them and from results."""

from __future__ import annotations

from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.stats.figures import SERIES, figures


def test_every_figure_has_a_status_and_every_confirmed_one_a_source():
    table = figures()
    assert set(table["series"]) == set(SERIES)
    assert set(table["status"]) <= {"CONFIRMED", "SECONDARY", "INFERRED", "UNCONFIRMED"}
    sourced = table.filter(status="SECONDARY")
    assert sourced["source"].null_count() == 0


def test_the_measure_outcomes_add_up_as_published():
    cohort = dict(figures("measure_outcomes_2022_cohort").select("key", "value").iter_rows())
    assert cohort["granted"] + cohort["not_granted"] + cohort["left_voluntarily"] == 201
    wider = dict(figures("measure_outcomes_2024_cohort").select("key", "value").iter_rows())
    refused = wider["not_granted_below_school_age"] + wider["not_granted_parents"]
    assert wider["granted"] + refused + wider["left_voluntarily"] == 263


def test_stats_prints_figures_with_sources_and_draws_png_and_svg(tmp_path):
    result = CliRunner().invoke(app, ["stats", "--charts", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "| 2009 | 4,643 | persons | SECONDARY |" in result.output
    for stem in ("grants-per-year", "measure-outcomes-2024-cohort"):
        assert (tmp_path / f"{stem}.png").stat().st_size > 1000
        assert (tmp_path / f"{stem}.svg").read_text().startswith("<?xml")


def test_an_unknown_series_is_an_error_not_a_traceback():
    result = CliRunner().invoke(app, ["stats", "--series", "grants"])
    assert result.exit_code == 2
    assert "no series 'grants'" in result.output
