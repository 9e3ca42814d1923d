from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from store_fixtures import HOUSEHOLD


def test_a_posted_household_is_assessed_with_each_policys_id_and_version(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments", json={"household": HOUSEHOLD, "as_of": "2024-06-01"}
    )
    assert response.status_code == 200, response.text
    policies = response.json()["policies"]
    assert policies and all(p["policy_id"] and p["policy_version"] for p in policies)


def test_an_assessment_of_a_stored_case_is_kept_with_its_version_date_and_result(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/assessments"
    created = member.client.post(url, json={"as_of": "2024-06-01"})
    assert created.status_code == 201, created.text
    kept = member.client.get(f"{url}/{created.json()['id']}").json()
    assert kept["case_version"] == 1 and kept["as_of"] == "2024-06-01"
    assert kept["policies"] == [
        {"policy_id": p["policy_id"], "policy_version": p["policy_version"]}
        for p in kept["result"]["policies"]
    ]


def test_an_unknown_policy_is_named_in_a_422(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments",
        json={"household": HOUSEHOLD, "as_of": "2024-06-01", "policy_ids": ["no-such-policy"]},
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "body.policy_ids"


def test_a_birth_after_the_assessment_date_is_named_in_a_422(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments", json={"household": HOUSEHOLD, "as_of": "2000-01-01"}
    )
    assert response.status_code == 422
    assert "date_of_birth" in response.json()["problems"][0]["path"]


def _with_birth(value: object) -> dict[str, object]:
    first = {**HOUSEHOLD["members"][0], "date_of_birth": value}
    return {**HOUSEHOLD, "members": [first, *HOUSEHOLD["members"][1:]]}


def test_a_month_only_date_of_birth_is_assessed_and_kept_as_written(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments",
        json={"household": _with_birth("1980-05"), "as_of": "2024-06-01"},
    )
    assert response.status_code == 200, response.text
    shown = {
        c["inputs"]["birth_date"]
        for p in response.json()["policies"]
        for q in p["persons"]
        if q["person_id"] == "p1"
        for c in q["conditions"]
        if c["inputs"].get("birth_date") is not None
    }
    assert shown == {"1980-05"}


def test_an_impossible_month_is_named_in_a_422(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/assessments",
        json={"household": _with_birth("1980-13"), "as_of": "2024-06-01"},
    )
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert "date_of_birth" in problem["path"]
    assert "there is no month 13" in str(problem)


ASSESS = {"household": HOUSEHOLD, "as_of": "2024-06-01"}


def test_lang_gives_every_text_in_one_language_and_both_by_default(api):
    member = api.member()
    both = member.client.post("/api/v1/assessments", json=ASSESS)
    english = member.client.post("/api/v1/assessments?lang=en", json=ASSESS)
    assert english.status_code == 200, english.text
    condition = english.json()["policies"][0]["persons"][0]["conditions"][0]
    assert list(condition["text"]) == ["en"]
    assert (
        condition["text"]["en"]
        == both.json()["policies"][0]["persons"][0]["conditions"][0]["text"]["en"]
    )
    assert '"ja":' not in english.text and '"ja":' in both.text


@pytest.mark.parametrize(
    ("method", "url", "path", "said"),
    [
        ("post", "/api/v1/assessments?lang=fr", "query.lang", "'ja' or 'en'"),
        ("post", "/api/v1/assessments?lang=", "query.lang", "'ja' or 'en'"),
        ("post", "/api/v1/assessments?texts=once", "query.texts", "'inline' or 'reference'"),
        ("get", "/api/v1/policies/children-2023/texts?lang=EN", "query.lang", "'ja' or 'en'"),
    ],
)
def test_a_language_or_text_form_outside_the_choices_is_a_422_naming_it(
    api, method, url, path, said
):
    member = api.member()
    response = getattr(member.client, method)(url, **({"json": ASSESS} if method == "post" else {}))
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["path"] == path and said in problem["message"]
    assert not problem["message"].startswith("Value error")


def test_texts_by_reference_lists_each_policys_texts_once(api):
    member = api.member()
    answer = member.client.post("/api/v1/assessments?texts=reference&lang=en", json=ASSESS)
    assert answer.status_code == 200, answer.text
    for policy in answer.json()["policies"]:
        listed = policy["texts"]["conditions"]
        for person in policy["persons"]:
            assert "outcome_text" not in person
            for c in person["conditions"]:
                assert "text" not in c and list(listed[c["id"]]["text"]) == ["en"]


def test_a_stored_assessment_is_kept_whole_and_answered_in_the_form_asked_for(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/assessments"
    created = member.client.post(f"{url}?lang=en&texts=reference", json={"as_of": "2024-06-01"})
    assert created.status_code == 201, created.text
    assert "texts" in created.json()["result"]["policies"][0]
    kept = member.client.get(f"{url}/{created.json()['id']}")
    person = kept.json()["result"]["policies"][0]["persons"][0]
    assert set(person["outcome_text"]) == {"ja", "en"}  # the store keeps both languages
    again = member.client.get(f"{url}/{created.json()['id']}?lang=en&texts=reference").json()
    assert again["result"] == created.json()["result"]
    japanese = member.client.get(f"{url}/{created.json()['id']}?lang=ja").json()
    assert list(japanese["result"]["policies"][0]["title"]) == ["ja"]
    listed = member.client.get(f"{url}?lang=en").json()
    assert [list(a["result"]["policies"][0]["title"]) for a in listed] == [["en"]]


def test_a_policys_texts_are_fetched_behind_sign_in_and_an_unknown_policy_is_404(api):
    member = api.member()
    texts = member.client.get("/api/v1/policies/children-2023/texts?lang=en")
    assert texts.status_code == 200, texts.text
    body = texts.json()
    assert body["policy_id"] == "children-2023" and body["policy_version"]
    assert body["texts"]["conditions"] and set(body["texts"]) == {
        "conditions",
        "known_by_law",
        "changes",
        "numbers",
        "assumptions",
    }
    assert member.client.get("/api/v1/policies/no-such-policy/texts").status_code == 404
    anonymous = TestClient(api.client.app, base_url="https://testserver")
    assert anonymous.get("/api/v1/policies/children-2023/texts").status_code == 401
