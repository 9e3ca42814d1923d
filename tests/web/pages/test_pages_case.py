"""A case through the pages: created from a household, assessed, recorded, edited."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pages_site import csrf

EXAMPLE = Path(__file__).parents[3] / "examples" / "02-excluded-father-mother-guardian.json"


def new_case(browser, reference="F-7"):
    token = csrf(browser, "/cases/new")
    response = browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": reference, "household": EXAMPLE.read_text()},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_a_case_created_from_a_household_file_shows_its_facts(site):
    browser = site.browser(site.member()[0])
    page = browser.get(new_case(browser))
    assert page.status_code == 200
    assert "F-7" in page.text
    assert "p1" in page.text and "c1" in page.text


def test_assessing_a_case_shows_the_summary_first_and_the_disclaimer(site):
    browser = site.browser(site.member()[0], lang="ja")
    case_path = new_case(browser)
    response = browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-06-01"}
    )
    assert response.status_code == 200
    text = response.text
    assert text.index("概要") < text.index("次に確認すること") < text.index("理由（条件と出典）")
    assert "2025年6月1日" in text
    assert "法務大臣" in text


def test_the_assessment_page_hands_out_the_memo_as_a_pdf_in_the_page_language(site):
    browser = site.browser(site.member()[0], lang="ja")
    case_path = new_case(browser)
    page = browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-06-01"}
    )
    link = re.search(r'href="(/api/v1/assessments/[^"]+/memo\.pdf\?lang=ja)"', page.text)
    assert link is not None
    memo = browser.get(link.group(1))
    assert memo.status_code == 200
    assert memo.headers["content-type"] == "application/pdf"
    assert memo.content.startswith(b"%PDF")


def test_the_case_list_shows_the_last_assessment_and_finds_by_reference(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser, "LIST-42")
    browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-06-01"}
    )
    listing = browser.get("/cases", params={"reference": "list-4"}).text
    assert "LIST-42" in listing
    assert "children-2023" in listing
    assert "LIST-42" not in browser.get("/cases", params={"reference": "nothing"}).text


def test_a_refusal_without_reasons_is_refused_with_the_field_named(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    response = browser.post(
        f"{case_path}/decisions",
        data={
            "csrf_token": csrf(browser, case_path),
            "outcome": "refused",
            "person_ids": "p1",
            "decided_by": "ISA",
            "decided_on": "2025-05-30",
        },
    )
    assert response.status_code == 422
    assert "a refusal needs reasons" in response.text


def test_a_decision_is_recorded_with_who_decided_and_who_recorded_it(site):
    username, _ = site.member()
    browser = site.browser(username)
    case_path = new_case(browser)
    browser.post(
        f"{case_path}/decisions",
        data={
            "csrf_token": csrf(browser, case_path),
            "outcome": "granted",
            "person_ids": ["c1"],
            "status_of_residence": "定住者",
            "period_months": "12",
            "decided_by": "Tokyo Regional Immigration Bureau",
            "decided_on": "2025-05-30",
        },
    )
    page = browser.get(case_path).text
    assert "Tokyo Regional Immigration Bureau" in page
    assert username in page


def test_events_and_reminders_are_added_and_a_reminder_marked_done(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    token = csrf(browser, case_path)
    browser.post(
        f"{case_path}/events",
        data={
            "csrf_token": token,
            "kind": "interview",
            "occurred_on": "2025-05-02",
            "person_ids": "p1",
            "description": "first meeting",
        },
    )
    browser.post(
        f"{case_path}/reminders",
        data={
            "csrf_token": token,
            "kind": "reporting",
            "due_on": "2025-08-01",
            "title": "Report to the bureau",
        },
    )
    page = browser.get(case_path).text
    assert "first meeting" in page and "Report to the bureau" in page
    done = re.search(r'action="(/cases/[^"]+/reminders/[^"]+/done)"', page).group(1)
    browser.post(done, data={"csrf_token": token})
    assert "Mark done" not in browser.get(case_path).text


def test_an_edit_on_an_old_version_shows_both_versions_and_saves_nothing(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    token = csrf(browser, case_path)
    household = json.loads(EXAMPLE.read_text())
    first = browser.post(
        f"{case_path}/edit",
        data={
            "csrf_token": token,
            "version": "1",
            "household": json.dumps(household),
            "note": "one",
        },
        follow_redirects=False,
    )
    assert first.status_code == 303
    household["notes"] = "mine"
    second = browser.post(
        f"{case_path}/edit",
        data={"csrf_token": token, "version": "1", "household": json.dumps(household)},
    )
    assert second.status_code == 409
    assert "mine" in second.text
    assert "version 2" in second.text or "2" in second.text


def test_script_in_every_text_field_is_shown_as_text_never_run(site):
    browser = site.browser(site.member()[0])
    evil = "<script>alert(1)</script>"
    case_path = new_case(browser, evil)
    token = csrf(browser, case_path)
    browser.post(
        f"{case_path}/events",
        data={
            "csrf_token": token,
            "kind": "other",
            "occurred_on": "2025-05-02",
            "description": evil,
        },
    )
    browser.post(
        f"{case_path}/evidence",
        data={"csrf_token": token, "kind": "document", "title": evil, "note": evil},
    )
    browser.post(
        f"{case_path}/reminders",
        data={"csrf_token": token, "kind": "other", "due_on": "2025-08-01", "title": evil},
    )
    browser.post(
        f"{case_path}/decisions",
        data={
            "csrf_token": token,
            "outcome": "refused",
            "person_ids": "p1",
            "reasons": evil,
            "decided_by": evil,
            "decided_on": "2025-05-30",
        },
    )
    for page in (browser.get(case_path).text, browser.get("/cases").text):
        assert evil not in page
        assert "&lt;script&gt;" in page


def test_another_organisations_case_is_not_found(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    stranger = site.browser(site.member()[0])
    assert stranger.get(case_path).status_code == 404
    assert "F-7" not in stranger.get("/cases").text
