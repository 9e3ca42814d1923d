"""The committed JSON Schema matches the household model (docs that cannot drift)."""

from __future__ import annotations

import json
from pathlib import Path

from zairyu.model.household import Household

SCHEMA = Path(__file__).parents[2] / "schemas" / "household.schema.json"


def test_the_committed_household_schema_is_current():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == Household.model_json_schema(), "run `make schema` and commit the result"
