"""Beside each result, the report says which of zairyu's own numbers (the weights, the margin,
the placeholder periods, the "about" magnitudes) decided it: with another value a reasonable
reading could give that number, the outcome would differ. Changing the number in a copy of the
policy flips the note."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml

from zairyu.engine.assessment import PersonResult, assess
from zairyu.engine.catalogue import Catalogue, build_catalogue, default_catalogue
from zairyu.engine.own_numbers import deciding_numbers
from zairyu.engine.presumption import presumed_absent
from zairyu.model.problems import load_household
from zairyu.model.table import household_rows
from zairyu.policies.loader import POLICY_DIR
from zairyu.report.explanation import render_text
from zairyu.report.view import assessment_view
from zairyu.web.pages.stored import from_stored

AS_OF = date(2025, 1, 1)
EXAMPLE = Path("examples/03-preschool-only.json")  # a parent and a preschool child
MARGIN_EN = "The margin by which positives must exceed negatives = 2"


def _household():
    return load_household(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))


def _copy_with(tmp_path: Path, parameter: str, **changes: object) -> Catalogue:
    """guidelines-2024 alone, in a folder of its own, with one parameter changed (a change
    to None removes the key)."""
    folder = tmp_path / "guidelines-2024"
    shutil.copytree(POLICY_DIR / "guidelines-2024", folder)
    path = folder / "policy.yaml"
    policy = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in policy["parameters"]:
        if item["id"] == parameter:
            item.update(changes)
    policy["parameters"] = [
        {k: v for k, v in item.items() if v is not None} for item in policy["parameters"]
    ]
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return build_catalogue(tmp_path)


def _parent(catalogue: Catalogue | None = None) -> PersonResult:
    result = assess(_household(), AS_OF, ["guidelines-2024"], catalogue=catalogue)
    return result.person("guidelines-2024", "p1")


def _notes(catalogue: Catalogue | None, lang: str = "en") -> list[str]:
    result = assess(_household(), AS_OF, ["guidelines-2024"], catalogue=catalogue)
    view = assessment_view(result, lang)  # type: ignore[arg-type]
    return [note for group in view.policies[0].groups for note in group.notes]


def test_the_margin_decides_the_parents_indication_and_the_note_says_what_1_would_give():
    parent = _parent()
    assert parent.presumptive is not None
    assert parent.presumptive.outcome == "needs_judgement"
    margin = next(d for d in parent.decided_by if d.parameter == "permission_margin")
    assert (margin.value, margin.level) == (2, "presumptive")
    assert [(a.value, a.outcome) for a in margin.alternatives] == [(1, "toward_permission")]
    assert any(MARGIN_EN in note and "with 1: Likely to be considered toward permission" in note
               for note in _notes(None))  # fmt: skip


def test_a_margin_of_3_in_a_copy_of_the_policy_decides_nothing_and_the_note_is_gone(tmp_path):
    catalogue = _copy_with(tmp_path, "permission_margin", value=3,
                           zairyu_own={"alternatives": [2, 4]})  # fmt: skip
    parent = _parent(catalogue)
    assert parent.presumptive is not None
    assert parent.presumptive.outcome == "needs_judgement"  # the same indication
    assert "permission_margin" not in [d.parameter for d in parent.decided_by]
    assert not any("The margin by which" in note for note in _notes(catalogue))


def test_a_number_not_marked_as_zairyus_own_is_never_named(tmp_path):
    catalogue = _copy_with(tmp_path, "permission_margin", zairyu_own=None)
    assert "permission_margin" not in [d.parameter for d in _parent(catalogue).decided_by]


def test_the_note_is_in_japanese_too():
    notes = _notes(None, "ja")
    assert any(
        "zairyu 独自の数値で決まっています" in n and "「明らかに上回る」とする差＝2" in n
        for n in notes
    )


def test_the_json_carries_the_deciding_numbers_as_a_separate_field():
    result = assess(_household(), AS_OF, ["guidelines-2024"]).to_dict()
    (policy,) = result["policies"]
    parent = next(p for p in policy["persons"] if p["person_id"] == "p1")
    margin = next(d for d in parent["decided_by"] if d["parameter"] == "permission_margin")
    assert (margin["value"], margin["level"]) == (2, "presumptive")
    assert margin["alternatives"] == [{"value": 1, "outcome": "toward_permission"}]


def test_a_strict_result_names_the_number_that_decided_it():
    scalar = default_catalogue().scalar("guidelines-2024")
    rows = presumed_absent(scalar, household_rows(_household()))  # the facts now recorded
    outcome = str(scalar.evaluate(rows, AS_OF)[0]["outcome"])
    found = deciding_numbers(scalar, rows, 0, outcome, "strict", AS_OF)
    assert "permission_margin" in [d.parameter for d in found]
    assert all(d.level == "strict" for d in found)


def test_an_undetermined_result_names_no_number():
    scalar = default_catalogue().scalar("guidelines-2024")
    rows = household_rows(_household())
    assert deciding_numbers(scalar, rows, 0, "undetermined", "strict", AS_OF) == []


def test_the_text_report_shows_the_note_beside_the_result():
    text = render_text(assess(_household(), AS_OF, ["guidelines-2024"]), "en")
    lines = text.splitlines()
    at = next(k for k, line in enumerate(lines) if line.strip().startswith("p1 (parent)"))
    assert any(MARGIN_EN in line for line in lines[at : at + 6])


def test_a_stored_assessment_keeps_the_deciding_numbers():
    fresh = assess(_household(), AS_OF, ["guidelines-2024"])
    again = from_stored(fresh.to_dict())
    assert again.person("guidelines-2024", "p1").decided_by == (
        fresh.person("guidelines-2024", "p1").decided_by
    )
