"""The API benchmarks' default request: the household of ``household.json`` and its date, as the
route reads them (one place for ``in_process`` and ``walk_cache``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from zairyu.model.household import Household

BODY = Path(__file__).parent / "household.json"


def default_request() -> tuple[dict[str, Any], Household, date]:
    """The request body, its household validated, and its assessment date."""
    body = json.loads(BODY.read_text(encoding="utf-8"))
    return body, Household.model_validate(body["household"]), date.fromisoformat(body["as_of"])
