"""A policy file with a mistake is rejected when loaded, with an error naming the file, the
condition and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from zairyu.engine.catalogue import build_catalogue
from zairyu.policies.loader import POLICY_DIR, SOURCES_FILE, PolicyFileError

BASE = yaml.safe_load((POLICY_DIR / "children-2023" / "policy.yaml").read_text(encoding="utf-8"))


def _catalogue_with(tmp_path: Path, *policies: dict) -> Path:
    for k, policy in enumerate(policies):
        path = tmp_path / f"policy-{k}.yaml"
        path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    shutil.copy(SOURCES_FILE, tmp_path / "sources.yaml")
    return tmp_path


def _broken(**change_condition: object) -> dict:
    policy = yaml.safe_load(yaml.safe_dump(BASE))
    condition = next(c for c in policy["conditions"] if c["id"] == "child_born_in_japan")
    for key, value in change_condition.items():
        if value is None:
            del condition[key]
        else:
            condition[key] = value
    return policy


def _load_error(tmp_path: Path, *policies: dict) -> str:
    directory = _catalogue_with(tmp_path, *policies)
    with pytest.raises(PolicyFileError) as caught:
        build_catalogue(directory, directory / "sources.yaml")
    return str(caught.value)


def test_the_shipped_policies_load():
    catalogue = build_catalogue()
    assert "children-2023" in catalogue.plans


def test_an_unknown_variable_is_rejected_naming_file_and_condition(tmp_path):
    message = _load_error(tmp_path, _broken(expr="born_in_japon"))
    assert "policy-0.yaml" in message
    assert "condition 'child_born_in_japan'" in message
    assert "unknown variable 'born_in_japon'" in message


def test_a_bad_expression_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(expr="born_in_japan AND ("))
    assert "condition 'child_born_in_japan'" in message and "cannot parse" in message


def test_a_type_error_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(expr="birth_date > 5"))
    assert "condition 'child_born_in_japan'" in message and "cannot mix date and int" in message


def test_a_non_boolean_condition_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(expr="age_at_reference"))
    assert "must be bool" in message


def test_an_unknown_function_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(expr="now() > birth_date"))
    assert "condition 'child_born_in_japan'" in message


def test_a_missing_citation_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(citation=None))
    assert "condition 'child_born_in_japan'" in message and "citation" in message
    assert "required" in message


def test_a_citation_outside_the_registry_is_rejected(tmp_path):
    citation = {"source": "no-such-source", "pinpoint": "x", "status": "CONFIRMED"}
    message = _load_error(tmp_path, _broken(citation=citation))
    assert "condition 'child_born_in_japan'" in message and "no-such-source" in message


def test_missing_japanese_text_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(text={"en": "Born in Japan"}))
    assert "condition 'child_born_in_japan'" in message and "text.ja" in message


def test_english_text_only_in_the_japanese_slot_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(text={"ja": "Born in Japan", "en": "Born in Japan"}))
    assert "no Japanese characters" in message


def test_missing_english_text_is_rejected(tmp_path):
    message = _load_error(tmp_path, _broken(text={"ja": "本邦で出生したこと"}))
    assert "condition 'child_born_in_japan'" in message and "text.en" in message


def test_a_circular_definition_is_rejected(tmp_path):
    policy = _broken(expr="child_eligible")
    message = _load_error(tmp_path, policy)
    assert "circular definition" in message


def test_overlapping_validity_in_one_family_is_rejected(tmp_path):
    second = yaml.safe_load(yaml.safe_dump(BASE))
    second["id"] = "children-2023-bis"
    second["effective_from"] = "2024-01-01"
    message = _load_error(tmp_path, BASE, second)
    assert "overlaps" in message and "children-2023" in message


def test_consecutive_versions_of_one_family_are_accepted(tmp_path):
    first = yaml.safe_load(yaml.safe_dump(BASE))
    first["effective_to"] = "2023-12-31"
    second = yaml.safe_load(yaml.safe_dump(BASE))
    second["id"] = "children-2023-bis"
    second["effective_from"] = "2024-01-01"
    directory = _catalogue_with(tmp_path, first, second)
    catalogue = build_catalogue(directory, directory / "sources.yaml")
    assert set(catalogue.plans) == {"children-2023", "children-2023-bis"}


def test_a_last_outcome_that_may_not_hold_is_rejected(tmp_path):
    policy = yaml.safe_load(yaml.safe_dump(BASE))
    policy["outcomes"][-1]["when"] = "role = 'child'"
    assert "last outcome must hold always" in _load_error(tmp_path, policy)


def test_invalid_yaml_is_rejected_naming_the_file(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    shutil.copy(SOURCES_FILE, tmp_path / "sources.yaml")
    with pytest.raises(PolicyFileError) as caught:
        build_catalogue(tmp_path, tmp_path / "sources.yaml")
    assert "bad.yaml" in str(caught.value) and "not valid YAML" in str(caught.value)


@pytest.mark.parametrize(
    ("expr", "value", "column"),
    [
        ("entry_mode IN ('ilegal_entry')", "ilegal_entry", "entry_mode"),
        ("role = 'parnet'", "parnet", "role"),
        ("'married_to_alien' = spouse_kind", "married_to_alien", "spouse_kind"),
    ],
)
def test_a_text_that_is_not_a_value_of_its_column_is_rejected(tmp_path, expr, value, column):
    message = _load_error(tmp_path, _broken(expr=expr))
    assert "condition 'child_born_in_japan'" in message
    assert f"'{value}' is not a value of '{column}'" in message
