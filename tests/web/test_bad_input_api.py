from __future__ import annotations

from store_fixtures import HOUSEHOLD


def test_every_bad_field_is_named_by_its_path(api):
    member = api.member()
    household = {
        "id": "h1",
        "members": [
            {"id": "p1", "role": "uncle", "date_of_birth": "1985-04-02"},
            {"id": "c1", "role": "child", "date_of_birth": "not a date"},
        ],
    }
    response = member.client.post("/api/v1/cases", json={"reference": "", "household": household})
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["problems"]}
    assert paths == {
        "body.reference",
        "body.household.members.0.role",
        "body.household.members.1.date_of_birth",
    }


def test_a_validation_error_does_not_echo_the_values_sent(api):
    member = api.member()
    household = {**HOUSEHOLD, "members": [{"id": "p1", "role": "parent", "nationality": "X" * 70}]}
    response = member.client.post("/api/v1/cases", json={"reference": "r", "household": household})
    assert response.status_code == 422
    assert "XXXX" not in response.text


def test_a_body_that_is_not_json_is_a_422_not_a_crash(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/cases", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_an_oversized_body_is_refused_with_413(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/cases", content=b"x" * 300_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_an_oversized_body_without_a_length_is_refused_too(api):
    member = api.member()

    def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    response = member.client.post(
        "/api/v1/cases", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_stored_case_is_unchanged_by_a_rejected_edit(api):
    member = api.member()
    case = api.new_case(member)
    bad = {"version": 1, "household": {"id": "h1", "members": []}}
    assert member.client.patch(f"/api/v1/cases/{case['id']}", json=bad).status_code == 422
    assert member.client.get(f"/api/v1/cases/{case['id']}").json()["version"] == 1


def test_a_nul_character_in_the_body_is_refused_with_422_naming_it(api):
    member = api.member()
    body = {"reference": "a\u0000b", "household": HOUSEHOLD}
    response = member.client.post("/api/v1/cases", json=body)
    assert response.status_code == 422
    assert response.json()["problems"] == [
        {"path": "body", "message": "may not contain the NUL character (U+0000)"}
    ]


def test_an_escaped_backslash_before_u0000_is_not_a_nul_character(api):
    member = api.member()
    response = member.client.post(
        "/api/v1/cases", json={"reference": "C:\\u0000", "household": HOUSEHOLD}
    )
    assert response.status_code == 201, response.text


def test_a_nul_character_in_the_path_is_refused_with_422(api):
    member = api.member()
    assert member.client.get("/api/v1/cases/abc%00def").status_code == 422
