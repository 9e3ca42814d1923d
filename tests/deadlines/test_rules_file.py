"""The deadline rules file: loaded and validated, with errors naming the file and the item."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from zairyu.deadlines.facts import Measure
from zairyu.deadlines.loader import RULES_FILE, DeadlineFileError, load_rules_file, shipped_rules
from zairyu.policies.loader import load_sources


def _write(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_rules_load_and_every_citation_resolves() -> None:
    rules = shipped_rules()
    sources = load_sources()
    assert rules.rules
    for rule in rules.rules:
        assert rule.citation.source in sources
        assert rule.holiday.citation.source in sources


def test_a_rule_citing_an_unknown_source_is_named_with_the_source(tmp_path: Path) -> None:
    def change(raw):
        raw["rules"][2]["citation"]["source"] = "no-such-source"

    with pytest.raises(DeadlineFileError) as error:
        load_rules_file(_write(tmp_path, change))
    assert "rule 'supervisor_notice_within_7_days'" in str(error.value)
    assert "'no-such-source'" in str(error.value)


def test_a_rule_with_two_starts_is_refused_naming_the_rule_and_field(tmp_path: Path) -> None:
    def change(raw):
        raw["rules"][0]["start"]["field"] = "decided_on"

    with pytest.raises(DeadlineFileError) as error:
        load_rules_file(_write(tmp_path, change))
    message = str(error.value)
    assert message.startswith(str(tmp_path / "rules.yaml"))
    assert "rule 'supervisee_report_on_designated_date'" in message
    assert "start" in message and "exactly one" in message


def test_an_unknown_event_kind_is_refused(tmp_path: Path) -> None:
    def change(raw):
        raw["rules"][2]["start"]["event"] = ["learned_gossip"]

    with pytest.raises(DeadlineFileError, match=r"start\.event\.0"):
        load_rules_file(_write(tmp_path, change))


def test_a_rule_without_japanese_text_is_refused(tmp_path: Path) -> None:
    def change(raw):
        raw["rules"][4]["text"]["ja"] = "deposit"

    with pytest.raises(DeadlineFileError, match=r"rule 'deposit_due': text\.ja"):
        load_rules_file(_write(tmp_path, change))


def test_a_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(DeadlineFileError, match="not valid YAML"):
        load_rules_file(path)


def test_a_provisional_release_with_a_supervisor_is_refused() -> None:
    with pytest.raises(ValidationError, match="guarantor, not a supervisor"):
        Measure.model_validate(
            {
                "kind": "provisional_release_deportation",
                "decided_on": date(2025, 1, 6),
                "supervisor": {"name": "x"},
            }
        )


def test_supervision_with_a_release_period_is_refused() -> None:
    with pytest.raises(ValidationError, match="release_period_ends_on"):
        Measure.model_validate(
            {
                "kind": "supervision_after_order",
                "decided_on": date(2025, 1, 6),
                "release_period_ends_on": date(2025, 3, 1),
            }
        )
