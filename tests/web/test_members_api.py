"""The API refuses relations that cannot be true with 422, each problem at the member's path."""

from __future__ import annotations


def test_an_unknown_parent_and_a_contradicted_spouse_kind_are_named_at_the_members_path(api):
    member = api.member()
    household = {
        "id": "h1",
        "members": [
            {
                "id": "p1",
                "role": "parent",
                "family_ties": {
                    "spouse": "other",
                    "marriage": {"spouse": "p2", "state": "living_together"},
                },
            },
            {"id": "p2", "role": "parent", "legal_status": "japanese_national"},
            {"id": "c1", "role": "child", "parents": ["p9"]},
        ],
    }
    response = member.client.post("/api/v1/cases", json={"reference": "r", "household": household})
    assert response.status_code == 422
    problems = {p["path"]: p["message"] for p in response.json()["problems"]}
    assert set(problems) == {
        "body.household.members.0.family_ties.spouse",
        "body.household.members.2.parents",
    }
    assert "a Japanese national" in problems["body.household.members.0.family_ties.spouse"]
    assert "not a member of the household" in problems["body.household.members.2.parents"]
