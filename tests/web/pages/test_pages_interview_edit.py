"""A stored case's facts edited through the questions: the stored facts are the answers, saving
changes only what was answered, and an edit on an old version saves nothing."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from pages_site import csrf, hidden

EXAMPLE = Path(__file__).parents[3] / "examples" / "02-excluded-father-mother-guardian.json"


def new_case(browser, household: dict) -> str:
    token = csrf(browser, "/cases/new")
    response = browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": "Q-1", "household": json.dumps(household)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def stored(browser, case_path: str) -> dict:
    page = browser.get(f"{case_path}/edit").text
    return json.loads(html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[1]))


def state_of(text: str) -> str:
    return html.unescape(hidden(text, "state"))


def test_the_case_page_offers_editing_through_the_questions(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser, json.loads(EXAMPLE.read_text()))
    page = browser.get(case_path).text
    assert f'href="{case_path}/interview"' in page


def test_an_answer_changed_and_saved_changes_that_fact_and_keeps_every_other(site):
    browser = site.browser(site.member()[0])
    household = json.loads(EXAMPLE.read_text())
    case_path = new_case(browser, household)
    before = stored(browser, case_path)
    token = csrf(browser, case_path)
    page = browser.get(f"{case_path}/interview")
    assert page.status_code == 200
    assert "Editing the case&#39;s facts" in page.text or "Editing the case's facts" in page.text
    assert "Save the changes to the case" in page.text
    asked = browser.post(
        "/interview/change",
        data={
            "csrf_token": token,
            "state": state_of(page.text),
            "subject": "p1",
            "path": "wishes_to_stay",
        },
    )
    answered = browser.post(
        "/interview/answer",
        data={
            "csrf_token": token,
            "state": state_of(asked.text),
            "subject": "p1",
            "path": "wishes_to_stay",
            "value": "no",
        },
    )
    assert answered.status_code == 200, answered.text
    saved = browser.post(
        "/interview/save",
        data={"csrf_token": token, "state": state_of(answered.text), "note": "asked again"},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == case_path
    after = stored(browser, case_path)
    before["members"][0]["wishes_to_stay"] = False
    assert after == before
    assert "Version 2" in browser.get(case_path).text


def test_an_edit_through_the_questions_on_an_old_version_saves_nothing(site):
    browser = site.browser(site.member()[0])
    household = json.loads(EXAMPLE.read_text())
    case_path = new_case(browser, household)
    token = csrf(browser, case_path)
    editing = browser.get(f"{case_path}/interview").text
    theirs = stored(browser, case_path) | {"notes": "changed by a colleague"}
    meanwhile = browser.post(
        f"{case_path}/edit",
        data={"csrf_token": token, "version": "1", "household": json.dumps(theirs)},
        follow_redirects=False,
    )
    assert meanwhile.status_code == 303
    late = browser.post("/interview/save", data={"csrf_token": token, "state": state_of(editing)})
    assert late.status_code == 409
    assert "Nothing was saved" in late.text
    assert stored(browser, case_path) == theirs


def test_a_school_history_the_question_cannot_show_is_kept_and_not_offered_for_change(site):
    browser = site.browser(site.member()[0])
    household = json.loads(EXAMPLE.read_text())
    child = household["members"][2]
    child["school"]["enrolments"][-1]["home_language_school"] = False
    case_path = new_case(browser, household)
    before = stored(browser, case_path)
    token = csrf(browser, case_path)
    editing = browser.get(f"{case_path}/interview").text
    summary = browser.post(
        "/interview/summary", data={"csrf_token": token, "state": state_of(editing)}
    )
    assert "kept as stored" in summary.text
    refused = browser.post(
        "/interview/change",
        data={
            "csrf_token": token,
            "state": state_of(editing),
            "subject": "c1",
            "path": "school.enrolments",
        },
    )
    assert refused.status_code == 422
    assert "more detail than the question can show" in html.unescape(refused.text)
    saved = browser.post(
        "/interview/save",
        data={"csrf_token": token, "state": state_of(editing)},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert stored(browser, case_path) == before


def test_another_organisations_case_cannot_be_edited_through_the_questions(site):
    owner = site.browser(site.member()[0])
    case_path = new_case(owner, json.loads(EXAMPLE.read_text()))
    stranger = site.browser(site.member()[0])
    assert stranger.get(f"{case_path}/interview").status_code == 404


def test_the_other_deportation_ground_is_named_as_a_ground_not_as_a_school(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser, json.loads(EXAMPLE.read_text()))
    token = csrf(browser, case_path)
    editing = browser.get(f"{case_path}/interview").text
    asked = browser.post(
        "/interview/change",
        data={
            "csrf_token": token,
            "state": state_of(editing),
            "subject": "p1",
            "path": "immigration.deportation_grounds",
        },
    )
    assert "another deportation ground" in asked.text
    assert "other school" not in asked.text
