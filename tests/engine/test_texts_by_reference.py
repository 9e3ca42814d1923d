"""An assessment in one language, or with its static texts once per policy, says exactly what
the whole answer says: resolving every reference gives the whole answer back, and every text
listed is the one ``policy_texts`` (``GET /policies/{id}/texts``) gives for that policy."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from zairyu.documents.stored import assessment_from_dict
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.texts import SECTIONS, assessment_body, assessment_json, policy_texts
from zairyu.model.problems import load_household
from zairyu.services.assessing import assess_household

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
DATES = [date(2024, 6, 10), date(2023, 9, 1)]


def _assessed(path: Path, on: date) -> Any:
    document = json.loads(path.read_text(encoding="utf-8"))
    household = load_household(json.dumps(document.get("household", document)), str(path))
    return assess_household(household, on)


def _json(content: bytes) -> Any:
    return orjson.loads(content)


def resolve(answer: dict[str, Any]) -> dict[str, Any]:
    """What a client does with an answer by reference: every text put back where it was."""
    whole = copy.deepcopy(answer)
    for policy in whole["policies"]:
        texts, shared = policy.pop("texts"), policy.pop("household_inputs")
        for person in policy["persons"]:
            person.setdefault("outcome_text", policy["outcomes"][person["outcome"]])
            for c in person["conditions"]:
                if "text" not in c:
                    c.update(texts["conditions"][c["id"]])
                c.setdefault("household_inputs", shared.get(c["id"], {}))
            for cf in person["counterfactuals"]:
                for change in cf["changes"]:
                    change.setdefault("text", texts["changes"][change["action_id"]])
            presumed = person["presumptive"]
            if presumed is not None:
                presumed.setdefault("outcome_text", policy["outcomes"][presumed["outcome"]])
                for a in presumed["assumptions"]:
                    a.setdefault("text", texts["assumptions"][a["field"]])
            for known in person["known_by_law"]:
                if "text" not in known:
                    known.update(texts["known_by_law"][known["id"]])
            for number in person["decided_by"]:
                number.setdefault("text", texts["numbers"][number["parameter"]])
    return whole


def in_one_language(whole: Any, lang: str) -> Any:
    """The whole answer with every text map cut to ``lang`` (walking it as it is)."""
    if isinstance(whole, dict):
        if set(whole) == {"ja", "en"} and all(isinstance(v, str) for v in whole.values()):
            return {lang: whole[lang]}
        return {k: in_one_language(v, lang) for k, v in whole.items()}
    if isinstance(whole, list):
        return [in_one_language(v, lang) for v in whole]
    return whole


@pytest.fixture(scope="module", params=[(p, d) for p in EXAMPLES for d in DATES], ids=str)
def assessed(request: pytest.FixtureRequest) -> Any:
    return _assessed(*request.param)


def test_by_default_the_answer_is_the_engines_own(assessed):
    assert assessment_json(assessed) == assessed.to_json()


@pytest.mark.parametrize("lang", [None, "ja", "en"])
def test_resolving_every_reference_gives_the_whole_answer_back(assessed, lang):
    whole = _json(assessment_json(assessed, lang))
    by_reference = _json(assessment_json(assessed, lang, by_reference=True))
    assert resolve(by_reference) == whole
    if all(len(p.persons) > 1 for p in assessed.policies):  # one person: nothing repeats
        assert len(orjson.dumps(by_reference)) < len(orjson.dumps(whole))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_language_is_the_whole_answer_with_every_text_in_that_language(assessed, lang):
    one = _json(assessment_json(assessed, lang))
    assert one == in_one_language(assessed.to_dict(), lang)
    other = "en" if lang == "ja" else "ja"
    assert f'"{other}":' not in assessment_json(assessed, lang).decode()


def test_the_persons_entries_leave_every_static_text_to_the_policy(assessed):
    answer = _json(assessment_json(assessed, by_reference=True))
    for policy in answer["policies"]:
        assert set(policy["texts"]) == set(SECTIONS)
        for person in policy["persons"]:
            assert "outcome_text" not in person
            for c in person["conditions"]:
                assert not {"text", "citation", "reading", "when_false"} & set(c)
                assert "household_inputs" not in c


def test_every_text_listed_is_the_one_the_policy_texts_give(assessed):
    catalogue = default_catalogue()
    for lang in (None, "en"):
        answer = _json(assessment_json(assessed, lang, by_reference=True))
        for policy in answer["policies"]:
            given = _json(orjson.dumps(policy_texts(catalogue.scalar(policy["policy_id"]), lang)))
            assert given["policy_version"] == policy["policy_version"]
            assert given["outcomes"] == policy["outcomes"]
            assert given["title"] == policy["title"]
            for section in SECTIONS:
                for key, listed in policy["texts"][section].items():
                    assert given["texts"][section][key] == listed, (section, key)


def test_a_stored_assessment_read_back_gives_the_same_answers(assessed):
    stored = assessed.to_dict()
    again = assessment_from_dict(stored)
    assert _json(assessment_json(again)) == stored
    for lang in (None, "en"):
        assert assessment_json(again, lang, by_reference=True) == assessment_json(
            assessed, lang, by_reference=True
        )


def test_an_entry_whose_text_differs_from_the_one_listed_keeps_its_own():
    assessed = _assessed(EXAMPLES[0], DATES[0])
    policy = assessed.policies[0]
    first, second = policy.persons[0], policy.persons[1]
    condition = second.conditions[0]
    assert condition.id == first.conditions[0].id
    condition.text = {"ja": "古い文言", "en": "an older wording"}
    second.outcome_text = {"ja": "古い結果", "en": "an older outcome"}
    answer = assessment_body(assessed, by_reference=True)
    entry = answer["policies"][0]["persons"][1]
    assert entry["conditions"][0]["text"] == condition.text
    assert entry["outcome_text"] == second.outcome_text
    assert resolve(_json(orjson.dumps(answer))) == assessed.to_dict()


def test_policy_texts_cover_every_condition_action_number_assumption_and_rule():
    catalogue = default_catalogue()
    for plan_id, plan in catalogue.plans.items():
        texts = policy_texts(catalogue.scalar(plan_id), "ja")
        assert set(texts["texts"]["conditions"]) == {s.name for s in plan.conditions}
        assert set(texts["texts"]["changes"]) == {a.definition.id for a in plan.actions}
        assert all(list(t["text"]) == ["ja"] for t in texts["texts"]["conditions"].values())
        assert set(texts["outcomes"]) >= {o.id for o in plan.outcomes}
