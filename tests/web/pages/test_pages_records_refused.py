"""The case pages refuse what the API refuses, in the same words: a record naming a person who
is not in the household, a decision dated after today, a reference that is blank or hides
characters. Nothing is stored."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from pages_site import csrf

from zairyu import clock
from zairyu.services.cases import reference_problem
from zairyu.services.records import record_problems
from zairyu.store.records import DECISIONS, EVENTS

EXAMPLE = Path(__file__).parents[3] / "examples" / "02-excluded-father-mother-guardian.json"
TODAY = date(2025, 7, 1)
PERSONS = {"members": [{"id": "p1"}, {"id": "p2"}, {"id": "c1"}]}


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def _new_case(browser, reference: str):
    token = csrf(browser, "/cases/new")
    return browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": reference, "household": EXAMPLE.read_text()},
        follow_redirects=False,
    )


def _decision(person: str, on: str) -> dict[str, str]:
    return {
        "outcome": "granted",
        "person_ids": person,
        "status_of_residence": "定住者",
        "period_months": "12",
        "decided_by": "ISA",
        "decided_on": on,
    }


def test_a_decision_for_a_person_outside_the_household_is_refused_as_the_api_does(site):
    browser = site.browser(site.member()[0])
    case_path = _new_case(browser, "F-8").headers["location"]
    data = _decision("x9", "2025-06-30") | {"csrf_token": csrf(browser, case_path)}
    response = browser.post(f"{case_path}/decisions", data=data)
    assert response.status_code == 422
    fields = {"person_ids": ["x9"], "decided_on": date(2025, 6, 30)}
    [expected] = record_problems(DECISIONS, fields, PERSONS, TODAY)
    assert f"person_ids.0: {expected['message']}" in html.unescape(response.text)
    assert "ISA" not in browser.get(case_path).text.split("Decisions", 1)[1]


def test_an_event_for_a_person_outside_the_household_is_refused(site):
    browser = site.browser(site.member()[0])
    case_path = _new_case(browser, "F-9").headers["location"]
    data = {"kind": "detention", "occurred_on": "2024-01-01", "person_ids": "z1"}
    response = browser.post(
        f"{case_path}/events", data=data | {"csrf_token": csrf(browser, case_path)}
    )
    assert response.status_code == 422
    [expected] = record_problems(EVENTS, {"person_ids": ["z1"]}, PERSONS, TODAY)
    assert expected["message"] in html.unescape(response.text)


def test_a_decision_dated_tomorrow_is_refused_and_one_dated_today_is_kept(site, fixed_today):
    browser = site.browser(site.member()[0])
    case_path = _new_case(browser, "F-10").headers["location"]
    tomorrow = _decision("c1", "2025-07-02") | {"csrf_token": csrf(browser, case_path)}
    response = browser.post(f"{case_path}/decisions", data=tomorrow)
    assert response.status_code == 422
    assert "a decision dated after today (2025-07-01) cannot be recorded" in response.text
    today = _decision("c1", "2025-07-01") | {"csrf_token": csrf(browser, case_path)}
    assert (
        browser.post(f"{case_path}/decisions", data=today, follow_redirects=False).status_code
        == 303
    )


@pytest.mark.parametrize("reference", ["   ", "F-1\u202e1-F", "F\u200b2"])
def test_a_new_case_with_a_blank_or_hiding_reference_is_refused_in_the_apis_words(site, reference):
    browser = site.browser(site.member()[0])
    response = _new_case(browser, reference)
    assert response.status_code == 422
    assert f"reference: {reference_problem(reference)}" in html.unescape(response.text)
