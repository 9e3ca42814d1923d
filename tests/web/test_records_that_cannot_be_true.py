"""Records the API refuses because they cannot be true of the case: a person who is not in
its household, a fact zairyu does not record, a decision dated after today, a case reference
that is blank or hides characters. Each is a 422 that names the field (and the person)."""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import HOUSEHOLD

from zairyu import clock

GRANT = {
    "outcome": "granted",
    "person_ids": ["c1"],
    "status_of_residence": "Long-Term Resident",
    "period_months": 12,
    "decided_by": "Tokyo Regional Immigration Services Bureau",
    "decided_on": "2024-09-30",
}


def _problems(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {p["path"]: p["message"] for p in response.json()["problems"]}


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    day = date(2024, 10, 1)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def test_a_decision_for_a_person_outside_the_household_is_refused_naming_them(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/decisions"
    problems = _problems(member.client.post(url, json=GRANT | {"person_ids": ["c1", "x9"]}))
    assert list(problems) == ["body.person_ids.1"]
    assert "'x9' is not a person of this case's household" in problems["body.person_ids.1"]
    assert "p1, c1" in problems["body.person_ids.1"]
    assert member.client.get(url).json() == []


def test_an_event_naming_a_person_outside_the_household_is_refused(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/events"
    event = {"kind": "detention", "occurred_on": "2023-02-01", "person_ids": ["nobody"]}
    problems = _problems(member.client.post(url, json=event))
    assert "'nobody' is not a person" in problems["body.person_ids.0"]
    assert member.client.post(url, json=event | {"person_ids": ["p1"]}).status_code == 201


def test_evidence_for_a_person_outside_the_household_is_refused(api):
    member = api.member()
    case = api.new_case(member)
    body = {
        "title": "Birth certificate",
        "kind": "certificate",
        "proves": [{"person_id": "c2", "fact": "date_of_birth"}],
    }
    problems = _problems(member.client.post(f"/api/v1/cases/{case['id']}/evidence", json=body))
    assert "'c2' is not a person" in problems["body.proves.0.person_id"]


def test_evidence_for_a_fact_zairyu_does_not_record_is_refused(api):
    member = api.member()
    case = api.new_case(member)
    body = {
        "title": "Letter",
        "kind": "document",
        "proves": [{"person_id": "c1", "fact": "school.enrolments"}, {"fact": "favourite_colour"}],
    }
    problems = _problems(member.client.post(f"/api/v1/cases/{case['id']}/evidence", json=body))
    assert list(problems) == ["body.proves.1.fact"]
    assert "'favourite_colour' is not a fact zairyu records" in problems["body.proves.1.fact"]


def test_evidence_may_prove_a_registry_fact_a_column_or_a_condition(api):
    member = api.member()
    case = api.new_case(member)
    body = {
        "title": "Marriage certificate",
        "kind": "certificate",
        "proves": [
            {"person_id": "p1", "fact": "family_ties.spouse"},
            {"person_id": "p1", "fact": "birth_date"},
            {"fact": "external_guardian.available"},
            {"person_id": "p1", "fact": "p3_married_to_japanese_or_spr"},
        ],
    }
    response = member.client.post(f"/api/v1/cases/{case['id']}/evidence", json=body)
    assert response.status_code == 201, response.text


def test_a_decision_dated_after_today_is_refused_and_today_is_accepted(api, fixed_today):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/decisions"
    problems = _problems(member.client.post(url, json=GRANT | {"decided_on": "2024-10-02"}))
    assert "after today (2024-10-01)" in problems["body.decided_on"]
    assert member.client.post(url, json=GRANT | {"decided_on": "2024-10-01"}).status_code == 201


@pytest.mark.parametrize(
    ("reference", "said"),
    [
        ("   ", "only spaces"),
        ("F-1\u202e1-F", "\\u202e"),
        ("F-1\nF-2", "\\n"),
        ("F\u200b1", "\\u200b"),
        ("F-1\x07", "\\u0007"),
    ],
)
def test_a_case_reference_blank_or_hiding_characters_is_refused(api, reference, said):
    member = api.member()
    body = {"reference": reference, "household": HOUSEHOLD}
    problems = _problems(member.client.post("/api/v1/cases", json=body))
    assert list(problems) == ["body.reference"]
    assert said in problems["body.reference"]
    assert not problems["body.reference"].startswith("Value error")


def test_a_changed_reference_is_checked_as_a_new_one(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}"
    problems = _problems(member.client.patch(url, json={"version": 1, "reference": "\u202eX"}))
    assert "\\u202e" in problems["body.reference"]


def test_a_japanese_reference_with_an_ideographic_space_is_kept(api):
    member = api.member()
    body = {"reference": " 山田家\u3000第1号 ", "household": HOUSEHOLD}
    response = member.client.post("/api/v1/cases", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["reference"] == "山田家\u3000第1号"


def test_a_person_id_hiding_characters_or_too_long_is_shown_escaped_and_cut(api):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/decisions"
    problems = _problems(
        member.client.post(url, json=GRANT | {"person_ids": ["c\u202e1", "z" * 10_000]})
    )
    assert problems["body.person_ids.0"].startswith("'c\\u202e1' is not a person")
    assert "(10,000 characters)" in problems["body.person_ids.1"]
    assert len(problems["body.person_ids.1"]) < 400


@pytest.mark.parametrize(
    ("member", "field"),
    [
        ({"date_of_birth": "1850-01-01"}, "date_of_birth"),
        ({"born_in_japan": False, "immigration": {"entry_mode": "born_in_japan"}}, "entry_mode"),
    ],
)
def test_a_case_whose_facts_cannot_be_true_together_is_not_stored(api, member, field):
    """The checks `zairyu assess` and `zairyu batch` apply (model/consistency.yaml) apply to a
    stored case too: before, such a case was stored and refused only when assessed."""
    client = api.member().client
    household = {**HOUSEHOLD, "members": [{**HOUSEHOLD["members"][0], **member}]}
    problems = _problems(
        client.post("/api/v1/cases", json={"reference": "F-9", "household": household})
    )
    assert any(field in path for path in problems), problems
    assert client.get("/api/v1/cases").json() == []
