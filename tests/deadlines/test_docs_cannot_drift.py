"""docs/deadlines.md names every rule, and every source a rule cites is registered with a
status; the migration revises the schema the code declares (checked in the store tests)."""

from __future__ import annotations

from pathlib import Path

from zairyu.deadlines.loader import shipped_rules
from zairyu.policies.loader import load_sources

DOC = Path(__file__).parents[2] / "docs" / "deadlines.md"


def test_the_deadlines_doc_names_every_rule_with_its_source_status() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")
    }
    for rule in shipped_rules().rules:
        row = next((line for key, line in rows.items() if key.startswith(f"`{rule.id}`")), None)
        assert row is not None, f"docs/deadlines.md has no row for {rule.id}"
        assert rule.citation.status.value in row, f"{rule.id}: the row does not give its status"


def test_every_source_the_rules_file_lists_is_registered() -> None:
    registry = load_sources()
    for source_id in shipped_rules().sources:
        assert source_id in registry
