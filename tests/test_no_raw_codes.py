"""A family reads words, not codes: the text of every example, in both languages, with and
without --detail, shows no vocabulary code, column name or source-status code."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from zairyu.engine.assessment import assess
from zairyu.model.columns import COLUMNS
from zairyu.model.problems import load_household
from zairyu.model.registry import REGISTRY
from zairyu.report.explanation import render_text

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.json"))
CODES = sorted(
    {code for v in REGISTRY.vocabularies.values() for code in v.labels if "_" in code}
    | {name for name in COLUMNS if "_" in name}
    | {"[CONFIRMED]", "[SECONDARY]", "[PARTIAL]", "[UNCONFIRMED]", "[INFERRED]"}
)
DECISION_WORDS = ["will be granted", "is granted permission", "許可されます", "許可される。"]


def _texts(path: Path) -> dict[str, str]:
    household = load_household(path.read_text(encoding="utf-8"), str(path))
    result = assess(household, date(2025, 1, 1))
    return {
        f"{lang}{' --detail' if detail else ''}": render_text(result, lang, detail=detail)
        for lang in ("ja", "en")
        for detail in (False, True)
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_no_raw_code_reaches_the_reader(path):
    for variant, text in _texts(path).items():
        found = [c for c in CODES if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
        assert not found, f"{path.name} ({variant}): {found}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_no_text_words_an_assessment_as_a_decision(path):
    for variant, text in _texts(path).items():
        assert not [w for w in DECISION_WORDS if w in text], f"{path.name} ({variant})"


def test_the_first_example_fits_one_screen_without_detail():
    text = _texts(EXAMPLES[0])
    assert len(text["ja"].splitlines()) <= 40
    assert len(text["en"].splitlines()) <= 40
