"""The screening through the pages: one question at a time, "don't know", changing an answer
from the summary, and saving it as a case."""

from __future__ import annotations

import html
import re

import pytest
from pages_site import csrf, hidden


def start(browser, parents=1, children=1):
    token = csrf(browser, "/interview")
    page = browser.post(
        "/interview/start", data={"csrf_token": token, "parents": parents, "children": children}
    )
    assert page.status_code == 200, page.text
    return token, page.text


def fields(text):
    return {
        "state": html.unescape(hidden(text, "state")),
        "subject": hidden(text, "subject"),
        "path": hidden(text, "path"),
    }


def test_the_screening_starts_with_a_question_and_a_result_that_can_still_change(site):
    browser = site.browser(site.member()[0])
    _, text = start(browser)
    assert "<legend" in text and "data-focus" in text
    assert 'aria-live="polite"' in text
    assert "can still change" in text


def test_dont_know_moves_on_to_another_question(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser)
    first = fields(text)
    page = browser.post("/interview/answer", data={"csrf_token": token, **first, "dont_know": "1"})
    assert page.status_code == 200
    assert (fields(page.text)["subject"], fields(page.text)["path"]) != (
        first["subject"],
        first["path"],
    )


def test_with_htmx_only_the_interview_is_sent_back(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser)
    page = browser.post(
        "/interview/answer",
        data={"csrf_token": token, **fields(text), "dont_know": "1"},
        headers={"HX-Request": "true"},
    )
    assert page.text.lstrip().startswith('<div id="interview">')
    assert "<html" not in page.text


def test_a_bad_answer_is_refused_with_a_sentence_and_the_question_asked_again(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser)
    first = fields(text)
    page = browser.post(
        "/interview/answer", data={"csrf_token": token, **first, "value": "not-an-answer"}
    )
    assert page.status_code == 422
    assert fields(page.text)["path"] == first["path"]
    assert 'role="alert"' in page.text


def test_an_answer_is_changed_from_the_summary(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser, parents=0, children=1)
    page = browser.post(
        "/interview/answer", data={"csrf_token": token, **fields(text), "dont_know": "1"}
    )
    summary = browser.post(
        "/interview/summary", data={"csrf_token": token, "state": fields(page.text)["state"]}
    )
    assert "Don't know" in html.unescape(summary.text)
    subject, path = re.search(
        r'name="subject" value="([^"]+)"><input type="hidden" name="path" value="([^"]+)"',
        summary.text,
    ).groups()
    again = browser.post(
        "/interview/change",
        data={
            "csrf_token": token,
            "state": html.unescape(hidden(summary.text, "state")),
            "subject": subject,
            "path": path,
        },
    )
    assert fields(again.text)["path"] == path


def test_the_screening_is_saved_as_a_case_with_its_answers(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser, parents=0, children=1)
    state = fields(text)["state"]
    saved = browser.post(
        "/interview/save",
        data={"csrf_token": token, "state": state, "reference": "SCREEN-1"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert "SCREEN-1" in browser.get(saved.headers["location"]).text


def test_screening_stores_nothing_until_saved(site):
    username, _ = site.member()
    browser = site.browser(username)
    token, text = start(browser)
    browser.post("/interview/answer", data={"csrf_token": token, **fields(text), "dont_know": "1"})
    assert "Cases found: 0" in browser.get("/cases").text


def test_a_forged_state_is_refused_with_a_page_not_a_traceback(site):
    browser = site.browser(site.member()[0])
    token, _ = start(browser)
    page = browser.post(
        "/interview/answer",
        data={"csrf_token": token, "state": "{bad", "subject": "p1", "path": "date_of_birth"},
    )
    assert page.status_code == 422
    assert "start again" in page.text


def test_script_in_an_answer_is_shown_as_text_on_the_summary(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser, parents=0, children=1)
    state = fields(text)["state"]
    evil = "<script>alert(1)</script>"
    page = browser.post(
        "/interview/change",
        data={"csrf_token": token, "state": state, "subject": "c1", "path": "nationality"},
    )
    answered = browser.post(
        "/interview/answer",
        data={"csrf_token": token, **fields(page.text), "value": evil},
    )
    summary = browser.post(
        "/interview/summary", data={"csrf_token": token, "state": fields(answered.text)["state"]}
    )
    assert evil not in summary.text
    assert "&lt;script&gt;" in summary.text


def test_a_date_known_only_to_the_month_is_an_answer_and_a_bad_one_names_the_forms(site):
    browser = site.browser(site.member()[0])
    token, text = start(browser, parents=0, children=1)
    asked = browser.post(
        "/interview/change",
        data={"csrf_token": token, "state": fields(text)["state"], "subject": "c1",
              "path": "date_of_birth"},
    )  # fmt: skip
    state = fields(asked.text)["state"]
    answer = {"csrf_token": token, "state": state, "subject": "c1", "path": "date_of_birth"}
    month = browser.post("/interview/answer", data={**answer, "value": "2011-07"})
    assert month.status_code == 200, month.text
    assert '"c1|date_of_birth":"2011-07"' in fields(month.text)["state"]
    bad = browser.post("/interview/answer", data={**answer, "value": "2011-13"})
    assert bad.status_code == 422
    assert "YYYY-MM or YYYY when only the month or the year is known" in bad.text


def _asking_date_of_birth(browser):
    token, text = start(browser, parents=0, children=1)
    asked = browser.post(
        "/interview/change",
        data={"csrf_token": token, "state": fields(text)["state"], "subject": "c1",
              "path": "date_of_birth"},
    )  # fmt: skip
    assert 'name="age"' in asked.text and 'name="minor_on"' in asked.text
    answer = {"csrf_token": token, "subject": "c1", "path": "date_of_birth"}
    return token, {**answer, "state": fields(asked.text)["state"]}


def test_a_date_of_birth_known_only_as_an_age_on_a_day_is_an_answer(site):
    browser = site.browser(site.member()[0])
    token, answer = _asking_date_of_birth(browser)
    aged = browser.post("/interview/answer", data={**answer, "age": "7", "age_on": "2024-04-01"})
    assert aged.status_code == 200, aged.text
    state = fields(aged.text)["state"]
    assert '"c1|date_of_birth":{"age":7,"on":"2024-04-01"}' in state
    again = browser.post(
        "/interview/change",
        data={"csrf_token": token, "state": state, "subject": "c1", "path": "date_of_birth"},
    )
    assert 'name="age" type="number" min="0" max="130" value="7"' in again.text
    assert 'value="2024-04-01"' in again.text
    summary = browser.post("/interview/summary", data={"csrf_token": token, "state": state})
    assert "aged 7 on 1 April 2024" in summary.text


def test_a_date_of_birth_known_only_as_a_minor_on_a_day_is_an_answer(site):
    browser = site.browser(site.member()[0])
    _, answer = _asking_date_of_birth(browser)
    minor = browser.post("/interview/answer", data={**answer, "minor_on": "2024-06-10"})
    assert minor.status_code == 200, minor.text
    assert '"c1|date_of_birth":{"minor_on":"2024-06-10"}' in fields(minor.text)["state"]


@pytest.mark.parametrize(
    "given",
    [{}, {"age": "7"}, {"age": "seven", "age_on": "2024-04-01"}, {"minor_on": "2024-13-01"}],
)
def test_a_date_of_birth_answer_that_is_incomplete_or_wrong_says_the_three_forms(site, given):
    browser = site.browser(site.member()[0])
    _, answer = _asking_date_of_birth(browser)
    refused = browser.post("/interview/answer", data={**answer, **given})
    assert refused.status_code == 422
    assert "the age and the day it was stated" in refused.text
