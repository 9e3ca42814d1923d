"""Docs that cannot drift: every citation resolves, every text has Japanese and English, and the
scenario cases reach both sides of every condition of every policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.scenarios import covered_sides, load_cases
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.expr import FUNCTIONS
from zairyu.model.columns import COLUMNS
from zairyu.policies.law import load_law_facts, load_not_derived
from zairyu.policies.loader import load_sources
from zairyu.policies.schema import Policy, Text

CATALOGUE = default_catalogue()
POLICIES: list[Policy] = [plan.policy for plan in CATALOGUE.plans.values()]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3}")


def _texts(policy: Policy) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = [
        ("title", policy.title),
        ("summary", policy.summary),
        ("disclaimer", policy.disclaimer),
    ]
    found += [(f"not_formalised[{k}]", t) for k, t in enumerate(policy.not_formalised)]
    if policy.presumptions is not None:
        found.append(("presumptions reading", policy.presumptions.reading))
    for kind, items in (
        ("parameter", policy.parameters),
        ("variable", policy.variables),
        ("condition", policy.conditions),
        ("outcome", policy.outcomes),
        ("action", policy.actions),
    ):
        for item in items:
            found.append((f"{kind} '{item.id}'", item.text))
            reading = getattr(item, "reading", None)
            if reading is not None:
                found.append((f"{kind} '{item.id}' reading", reading))
    return found


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.id)
def test_every_citation_names_a_source_in_the_registry(policy: Policy) -> None:
    registry = load_sources()
    cited = [c.citation.source for c in policy.conditions]
    cited += [p.citation.source for p in policy.parameters]
    cited += [v.citation.source for v in policy.variables if v.citation is not None]
    if policy.presumptions is not None:
        cited.append(policy.presumptions.citation.source)
    missing = sorted({s for s in [*cited, *policy.sources] if s not in registry})
    assert not missing, f"{policy.id} cites sources not in sources.yaml: {missing}"


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.id)
def test_every_user_facing_text_has_japanese_and_english(policy: Policy) -> None:
    problems = [
        label
        for label, text in _texts(policy)
        if not JAPANESE.search(text.ja) or not LATIN.search(text.en)
    ]
    assert not problems, f"{policy.id}: texts lacking Japanese or English: {problems}"


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.id)
def test_japanese_text_has_no_spaces_inserted_between_japanese_characters(policy: Policy) -> None:
    spaced = re.compile(r"[\u3040-\u30ff\u3400-\u9fff。、] [\u3040-\u30ff\u3400-\u9fff]")
    bad = [label for label, text in _texts(policy) if spaced.search(text.ja)]
    assert not bad, f"{policy.id}: Japanese text broken by a folded YAML block: {bad}"


def _bilingual_problems(texts: list[tuple[str, Text]]) -> list[str]:
    spaced = re.compile(r"[\u3040-\u30ff\u3400-\u9fff。、] [\u3040-\u30ff\u3400-\u9fff]")
    return [
        label
        for label, t in texts
        if not JAPANESE.search(t.ja) or not LATIN.search(t.en) or spaced.search(t.ja)
    ]


def test_every_fact_known_by_law_cites_a_registered_source_and_reads_in_both_languages() -> None:
    registry = load_sources()
    unknown = [r.id for r in load_law_facts() if r.citation.source not in registry]
    assert not unknown, f"facts-by-law.yaml rules citing sources not in sources.yaml: {unknown}"
    texts = [
        (f"{r.id} {k}", t)
        for r in load_law_facts()
        for k, t in (("text", r.text), ("reading", r.reading))
    ]
    bad = _bilingual_problems(texts)
    assert not bad, f"facts-by-law.yaml texts lacking Japanese or English, or folded: {bad}"


def test_every_impossibility_not_derived_names_open_household_fields_and_cites_its_sources() -> (
    None
):
    registry = load_sources()
    household_fields = {f for column in COLUMNS.values() for f in column.fields}
    derived = {r.field for r in load_law_facts()}
    for entry in load_not_derived():
        assert set(entry.fields) <= household_fields, f"{entry.id}: unknown field"
        assert not set(entry.fields) & derived, f"{entry.id}: a rule derives this field"
        cited = [c.source for c in entry.citations if c.source not in registry]
        assert not cited, f"{entry.id} cites sources not in sources.yaml: {cited}"
        bad = _bilingual_problems([("text", entry.text), ("reading", entry.reading)])
        assert not bad, f"{entry.id}: texts lacking Japanese or English, or folded: {bad}"


def test_every_source_in_the_registry_has_japanese_and_english_titles() -> None:
    bad = [s.id for s in load_sources().values() if not JAPANESE.search(s.title.ja)]
    assert not bad


def test_every_policy_has_scenario_cases() -> None:
    with_cases = {case.policy for case in load_cases()}
    assert {p.id for p in POLICIES} <= with_cases


@pytest.fixture(scope="module")
def sides() -> set[tuple[str, str, bool]]:
    return covered_sides()


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.id)
def test_every_condition_has_a_scenario_on_each_side(
    policy: Policy, sides: set[tuple[str, str, bool]]
) -> None:
    lacking = [
        f"{c.id} ({'true' if value else 'false'})"
        for c in policy.conditions
        for value in (True, False)
        if (policy.id, c.id, value) not in sides
    ]
    assert not lacking, f"{policy.id}: no scenario case reaches: {', '.join(lacking)}"


def test_every_function_of_the_expression_language_is_described_in_the_policies_page() -> None:
    text = (Path(__file__).parents[2] / "docs" / "policies.md").read_text(encoding="utf-8")
    assert [f for f in FUNCTIONS if f"`{f}(" not in text] == []
