"""Every example household assesses cleanly, in both languages and both formats, and gets the
outcomes documented in examples/README.md (the table is parsed, so the docs cannot drift)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zairyu.cli  # noqa: F401  (registers the sub-commands on the app)
from zairyu.cli.app import app

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = "2025-01-01"
POLICY = "children-2023"
ROW = re.compile(r"^\|\s*`(?P<file>[^`]+\.json)`\s*\|(?P<situation>[^|]*)\|(?P<outcomes>[^|]*)\|")
OUTCOME = re.compile(r"([\w.\-]+):\s*([a-z_]+)")  # ids of any script (伊藤家-1)

# Phrases that would present an assessment as a decision.
DECISION_PHRASES = {
    "en": ["is granted", "will be granted", "has been granted", "permission granted", "decision:"],
    "ja": ["許可されます", "許可する。", "許可された", "決定しました", "決定：", "決定:"],
}


def documented_outcomes() -> dict[str, dict[str, str]]:
    """file name -> person id -> outcome, from the table in examples/README.md."""
    table: dict[str, dict[str, str]] = {}
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            table[match["file"]] = dict(OUTCOME.findall(match["outcomes"]))
    return table


DOCUMENTED = documented_outcomes()
FILES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def run_assess(name: str, lang: str, fmt: str) -> str:
    args = ["assess", str(EXAMPLES / name), "--as-of", AS_OF, "--lang", lang, "--format", fmt]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (
        f"zairyu {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result.stdout


def test_the_readme_table_lists_every_example_and_only_those() -> None:
    assert sorted(DOCUMENTED) == FILES


def test_the_examples_reach_every_outcome_of_the_policy() -> None:
    reached = {outcome for persons in DOCUMENTED.values() for outcome in persons.values()}
    assert reached >= {
        "within_measure",
        "within_measure_as_family",
        "outside_measure",
        "undetermined",
    }


def test_make_run_has_its_example() -> None:
    assert "01-covered-family.json" in FILES


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_json_outcomes_match_the_readme_table(name: str, lang: str) -> None:
    result = json.loads(run_assess(name, lang, "json"))
    policies = {p["policy_id"]: p for p in result["policies"]}
    assert POLICY in policies, f"{name}: {POLICY} was not assessed"
    actual = {p["person_id"]: p["outcome"] for p in policies[POLICY]["persons"]}
    assert actual == DOCUMENTED[name], (
        f"{name}: the outcomes differ from examples/README.md\n"
        f"  documented: {DOCUMENTED[name]}\n  actual:     {actual}"
    )
    for policy in result["policies"]:
        assert policy["disclaimer"]["en"] and policy["disclaimer"]["ja"]


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_text_is_an_assessment_never_a_decision(name: str, lang: str) -> None:
    text = run_assess(name, lang, "text")
    rest = " ".join(text.split())
    for policy in json.loads(run_assess(name, lang, "json"))["policies"]:
        disclaimer = " ".join(policy["disclaimer"][lang].split())
        assert disclaimer in rest, f"{name}: no disclaimer for {policy['policy_id']} in {lang}"
        rest = rest.replace(disclaimer, "")
    for phrase in DECISION_PHRASES[lang]:
        assert phrase not in rest, f"{name} ({lang}): the text says {phrase!r}"
    for person in DOCUMENTED[name]:
        assert person in text, f"{name} ({lang}): person {person} is not in the text"


def _members_with_a_status(name: str) -> set[str]:
    household = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return {
        m["id"]
        for m in household["members"]
        if m.get("legal_status") not in (None, "without_status")
    }


@pytest.mark.parametrize("name", [f for f in FILES if _members_with_a_status(f)])
def test_a_member_with_a_status_is_not_in_scope_of_any_policy_and_never_asked_about(
    name: str,
) -> None:
    result = json.loads(run_assess(name, "en", "json"))
    with_status = _members_with_a_status(name)
    for policy in result["policies"]:
        for person in policy["persons"]:
            asked = {f["person_id"] for f in person["missing_facts"]}
            if person["presumptive"]:
                asked |= {f["person_id"] for f in person["presumptive"]["missing_facts"]}
            assert not asked & with_status, f"{name}: {policy['policy_id']} asks about {asked}"
            if person["person_id"] in with_status:
                assert person["outcome"] == "not_in_scope", (policy["policy_id"], person)
                assert person["conditions"] == []
                assert "Not in scope" in person["outcome_text"]["en"]
                assert "対象外" in person["outcome_text"]["ja"]


def test_the_japanese_spouse_is_weighed_for_the_father_under_the_2024_guidelines() -> None:
    result = json.loads(run_assess("11-japanese-spouse.json", "en", "json"))
    (guidelines,) = [p for p in result["policies"] if p["policy_id"] == "guidelines-2024"]
    (father,) = [p for p in guidelines["persons"] if p["person_id"] == "p1"]
    assert father["outcome"] == "toward_permission"
    married = [c for c in father["conditions"] if "spouse_kind" in c["inputs"]]
    assert married and all(c["inputs"]["spouse_kind"] == "japanese" for c in married)


@pytest.mark.parametrize(
    ("lang", "month", "needed"),
    [
        ("en", "June 2006", "Date of birth: the exact date is needed, the result depends on it"),
        ("ja", "2006年6月", "生年月日：正確な日付が必要です。結果がこれにより変わります"),
    ],
)
def test_month_only_dates_are_shown_as_written_and_the_open_result_asks_for_the_exact_day(
    lang: str, month: str, needed: str
) -> None:
    args = ["assess", str(EXAMPLES / "13-month-only-dates.json"), "--as-of", AS_OF]
    result = CliRunner().invoke(app, [*args, "--lang", lang, "--detail"])
    assert result.exit_code == 0, result.output
    assert month in result.stdout
    assert f"c2: {needed}" in result.stdout


def test_month_only_dates_are_written_in_the_json_as_in_the_household_file() -> None:
    result = json.loads(run_assess("13-month-only-dates.json", "en", "json"))
    policy = next(p for p in result["policies"] if p["policy_id"] == POLICY)
    elder = next(p for p in policy["persons"] if p["person_id"] == "c2")
    assert elder["missing_facts"] == [
        {"person_id": "c2", "column": "birth_date", "field": "members[].date_of_birth",
         "written": "2006-06"}
    ]  # fmt: skip
    shown = {c["inputs"].get("birth_date") for c in elder["conditions"]} - {None}
    assert shown == {"2006-06"}
