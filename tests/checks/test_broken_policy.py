"""A deliberately broken policy: each check catches its mistake, with a case the engine confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zairyu.checks.run import check_plan, describe
from zairyu.cli.app import app
from zairyu.engine.catalogue import build_catalogue

BROKEN = Path(__file__).parent / "broken"


@pytest.fixture(scope="module")
def report():
    plan = build_catalogue(BROKEN).get("broken-demo")
    return check_plan(plan, size=2)


def _finding(report, finding_id):
    found = {f.id: f for f in report.findings}
    assert finding_id in found, f"{finding_id} not found; found {sorted(found)}"
    return found[finding_id]


def test_a_condition_that_can_never_be_true_is_reported_dead(report):
    finding = _finding(report, "dead:broken-demo:impossible_age:never_true")
    assert finding.severity == "error"
    assert "can never be true" in finding.message


def test_an_outcome_implied_by_an_earlier_one_is_reported_shadowed_with_a_case(report):
    finding = _finding(report, "shadowed:broken-demo:clean_and_wishing:clean")
    (scene,) = finding.scenes
    assert scene.claimed == "clean"
    assert scene.confirmed, scene.mismatch
    person = scene.household["members"][0]
    assert person["wishes_to_stay"] is True
    assert person["record"]["drug_use"] is False


def test_outcomes_no_one_can_get_are_reported_unreachable(report):
    _finding(report, "outcome:broken-demo:clean_and_wishing:unreachable")
    _finding(report, "outcome:broken-demo:young_adult:unreachable")


def test_a_ground_rewarding_an_unfavourable_fact_is_reported_with_both_households(report):
    finding = _finding(report, "monotone:broken-demo:drug_use:self")
    before, after = finding.scenes
    assert before.claimed in ("other", "clean")
    assert after.claimed == "favoured"
    assert before.confirmed and after.confirmed
    assert before.household["members"][0]["record"]["drug_use"] is False
    assert after.household["members"][0]["record"]["drug_use"] is True


def test_every_case_shown_reads_as_members_and_their_facts(report):
    finding = _finding(report, "monotone:broken-demo:drug_use:self")
    lines = describe(finding.scenes[1])
    assert lines[0].startswith("after: drug_use of p1 worse")
    assert "p1 gets 'favoured' (the engine agrees)" in lines[0]
    assert any(line.strip().startswith("p1 (") and "record.drug_use yes" in line for line in lines)


def test_a_sound_policy_shows_no_finding_the_broken_one_lacks(report):
    ids = {f.id.split(":")[0] for f in report.findings}
    assert ids <= {"dead", "outcome", "shadowed", "overlap", "monotone", "info"}


def test_the_command_fails_on_the_broken_policy_and_prints_each_finding(tmp_path):
    result = CliRunner().invoke(
        app, ["check", "--policies", str(BROKEN), "--size", "2", "--examples", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    assert "dead:broken-demo:impossible_age:never_true" in result.output
    assert "shadowed:broken-demo:clean_and_wishing:clean" in result.output
    assert "monotone:broken-demo:drug_use:self" in result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "monotone_broken-demo_drug_use_self_2.json" in written


def test_a_waiver_in_the_policy_file_clears_its_finding(tmp_path):
    text = (BROKEN / "broken-demo.yaml").read_text(encoding="utf-8")
    waived = text + (
        "waivers:\n"
        "  - check: dead:broken-demo:impossible_age:never_true\n"
        "    reason: Kept on purpose to test the checks.\n"
    )
    (tmp_path / "broken-demo.yaml").write_text(waived, encoding="utf-8")
    report = check_plan(build_catalogue(tmp_path).get("broken-demo"), size=1, only=["dead"])
    finding = _finding(report, "dead:broken-demo:impossible_age:never_true")
    assert finding.waived == "Kept on purpose to test the checks."
    assert finding not in report.failing()
