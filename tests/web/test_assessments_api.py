from __future__ import annotations

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
