"""`zairyu explain` shows the numbers a condition rests on, with their values and sources, so a
number of zairyu's own (a placeholder, a weight) is never hidden behind a result."""

from __future__ import annotations

from typer.testing import CliRunner

from zairyu.cli import app


def _explain(condition_id: str) -> str:
    result = CliRunner().invoke(app, ["explain", condition_id])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_condition_shows_the_placeholder_it_reads_through_a_variable():
    text = _explain("p3_married_to_japanese_or_spr")
    assert "parameter considerable_cohabitation_months = 12" in text
    assert "placeholder" in text and "[INFERRED]" in text


def test_the_weighing_shows_zairyus_own_weights_and_margin():
    text = _explain("positives_clearly_outweigh")
    for name in (
        "weight_positive_special = 2",
        "weight_negative_special = 3",
        "permission_margin = 2",
    ):
        assert f"parameter {name}" in text


def test_a_condition_without_numbers_lists_none():
    assert "parameter " not in _explain("child_born_in_japan")
