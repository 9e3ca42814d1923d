"""A case's measures and the organisation's due list through the pages: recorded with the same
checks as the API, each deadline with its day in the page's language and its source; a stale
change saves nothing; roles, CSRF and organisations are kept apart as on every page."""

from __future__ import annotations

import re

from pages_site import csrf
from test_pages_case import new_case

from zairyu.store.access import UserRole
from zairyu.store.tables import AuditEntry

SUPERVISION = {
    "kind": "supervision_before_order",
    "decided_on": "2025-01-10",
    "person_id": "p1",
    "movement_area": "東京都",
    "deposit_yen": "300000",
    "deposit_due_on": "2025-02-14",
    "duty_to_appear": "yes",
    "other": "Live at the designated residence\n\nNo change of telephone number",
    "supervisor_name": "Supervisor S",
    "supervisor_staff": "yes",
}


def new_measure(browser, fields=SUPERVISION):
    case_path = new_case(browser)
    token = csrf(browser, f"{case_path}/measures")
    response = browser.post(
        f"{case_path}/measures", data={"csrf_token": token, **fields}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return case_path, response.headers["location"], token


def add_event(browser, measure_path, token, kind, day, **more):
    response = browser.post(
        f"{measure_path}/events",
        data={"csrf_token": token, "kind": kind, "day": day, **more},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def event_form(page: str, event_day: str) -> tuple[str, str]:
    """The action and the version of the change form of the event on ``event_day``."""
    row = re.search(
        rf'<td>{re.escape(event_day)}</td>.*?action="([^"]+/events/[^"]+)".*?'
        r'name="version" value="(\d+)"',
        page,
        re.S,
    )
    assert row, f"no event on {event_day}"
    return row.group(1), row.group(2)


def test_a_recorded_measure_shows_its_deadlines_with_the_day_in_japanese_and_their_source(site):
    browser = site.browser(site.member()[0], lang="ja")
    _, measure_path, _ = new_measure(browser)
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    assert "監理措置（退去強制令書の発付前）" in page
    assert "2025年2月10日時点の期限" in page
    assert "2025年2月14日" in page and "保証金の納付期限" in page
    assert "今週" in page  # the deposit's status on 10 February
    assert "起算：保証金の納付期限（2025年2月14日）" in page
    assert "出典" in page and "二次資料" in page  # the status of the wording, in words
    assert "当団体の職員" in page  # the conflict notice is shown for staff supervisors
    assert "Live at the designated residence" in page and "No change of telephone" in page


def test_the_same_measure_reads_in_english_with_english_days(site):
    browser = site.browser(site.member()[0], lang="en")
    _, measure_path, _ = new_measure(browser)
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    assert "Supervision measures (before a deportation order)" in page
    assert "14 February 2025" in page and "The deposit due date" in page
    assert "From: Deposit due on, 14 February 2025" in page


def test_the_case_links_to_its_measures_and_they_list_the_next_deadline(site):
    browser = site.browser(site.member()[0])
    case_path, measure_path, _ = new_measure(browser)
    assert f'href="{case_path}/measures"' in browser.get(case_path).text
    listing = browser.get(f"{case_path}/measures", params={"today": "2025-02-10"}).text
    assert f'href="{measure_path}"' in listing
    assert "14 February 2025 — The deposit due date" in listing


def test_a_provisional_release_with_a_supervisor_is_refused_naming_the_field(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    token = csrf(browser, f"{case_path}/measures")
    fields = {
        "kind": "provisional_release_detention",
        "decided_on": "2025-01-10",
        "supervisor_name": "Someone",
    }
    response = browser.post(f"{case_path}/measures", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    assert "The measure: a provisional release has a guarantor, not a supervisor" in response.text
    assert 'value="Someone"' in response.text  # what was typed is kept, not lost
    assert "None yet." in response.text  # and nothing was saved


def test_a_deposit_that_is_not_a_number_is_refused_naming_the_field(site):
    browser = site.browser(site.member()[0], lang="ja")
    case_path = new_case(browser)
    token = csrf(browser, f"{case_path}/measures")
    fields = SUPERVISION | {"deposit_yen": "30万"}
    response = browser.post(f"{case_path}/measures", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    assert "保証金（円）:" in response.text


def test_a_person_outside_the_household_is_refused_naming_the_field(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    token = csrf(browser, f"{case_path}/measures")
    fields = SUPERVISION | {"person_id": "nobody"}
    response = browser.post(f"{case_path}/measures", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    assert "Person: is not a member of the case&#39;s household" in response.text


def test_moving_the_report_date_on_the_page_moves_its_deadline(site):
    browser = site.browser(site.member()[0])
    _, measure_path, token = new_measure(browser)
    add_event(browser, measure_path, token, "report_date_designated", "2025-02-18")
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    assert "18 February 2025" in page
    action, version = event_form(page, "18 February 2025")
    moved = browser.post(
        action,
        data={
            "csrf_token": token,
            "version": version,
            "kind": "report_date_designated",
            "day": "2025-03-04",
        },
        follow_redirects=False,
    )
    assert moved.status_code == 303, moved.text
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    assert "4 March 2025" in page and "18 February 2025" not in page


def test_an_event_changed_on_a_stale_version_shows_both_and_saves_nothing(site):
    browser = site.browser(site.member()[0])
    _, measure_path, token = new_measure(browser)
    add_event(browser, measure_path, token, "report_date_designated", "2025-02-18")
    action, version = event_form(browser.get(measure_path).text, "18 February 2025")
    change = {"csrf_token": token, "version": version, "kind": "report_date_designated"}
    first = browser.post(action, data=change | {"day": "2025-02-25"}, follow_redirects=False)
    assert first.status_code == 303
    stale = browser.post(action, data=change | {"day": "2025-03-04", "note": "mine"})
    assert stale.status_code == 409
    assert "it is now version 2" in stale.text
    assert "2025-03-04" in stale.text and "mine" in stale.text  # the user's, not lost
    assert "2025-02-25" in stale.text  # the current one
    page = browser.get(measure_path).text
    assert "25 February 2025" in page and "4 March 2025" not in page


def test_a_change_of_conditions_on_a_stale_version_saves_nothing(site):
    browser = site.browser(site.member()[0])
    _, measure_path, token = new_measure(browser)
    change = {"csrf_token": token, "version": "1", **SUPERVISION}
    first = browser.post(
        measure_path, data=change | {"deposit_due_on": "2025-02-21"}, follow_redirects=False
    )
    assert first.status_code == 303
    stale = browser.post(measure_path, data=change | {"deposit_due_on": "2025-02-28"})
    assert stale.status_code == 409
    assert "The measure was changed after you opened it" in stale.text
    page = browser.get(measure_path).text
    assert "21 February 2025" in page and "28 February 2025" not in page


def test_a_change_without_a_version_is_refused_naming_it(site):
    browser = site.browser(site.member()[0])
    _, measure_path, token = new_measure(browser)
    response = browser.post(measure_path, data={"csrf_token": token, **SUPERVISION})
    assert response.status_code == 422
    assert "Version: is missing; reload the page and retry" in response.text


def test_a_deadline_marked_done_on_the_page_can_be_marked_not_done(site):
    browser = site.browser(site.member()[0])
    _, measure_path, token = new_measure(browser)
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    done = re.search(r'action="([^"]+/deadlines/[^"]+/done)"', page).group(1)
    browser.post(done, data={"csrf_token": token})
    page = browser.get(measure_path, params={"today": "2025-02-10"}).text
    assert "Mark not done" in page
    browser.post(done, data={"csrf_token": token, "done": "no"})
    assert "Mark not done" not in browser.get(measure_path).text


def test_a_reader_sees_the_measures_without_forms_and_may_not_post(site):
    writer, org_id = site.member(UserRole.caseworker)
    _, measure_path, _ = new_measure(site.browser(writer))
    reader = site.browser(site.member(UserRole.read_only, org_id)[0])
    page = reader.get(measure_path)
    assert page.status_code == 200
    assert "Record an event" not in page.text and "Mark done" not in page.text
    token = csrf(reader, "/cases")
    refused = reader.post(
        f"{measure_path}/events", data={"csrf_token": token, "kind": "other", "day": "2025-03-01"}
    )
    assert refused.status_code == 403


def test_another_organisation_finds_no_measure_and_no_due_item(site):
    owner = site.browser(site.member()[0])
    case_path, measure_path, _ = new_measure(owner)
    stranger = site.browser(site.member()[0])
    assert stranger.get(measure_path).status_code == 404
    assert stranger.get(f"{case_path}/measures").status_code == 404
    token = csrf(stranger, "/cases")
    posted = stranger.post(
        f"{measure_path}/events", data={"csrf_token": token, "kind": "other", "day": "2025-03-01"}
    )
    assert posted.status_code == 404
    assert "The deposit due date" not in stranger.get("/due?today=2025-02-10").text


def test_a_form_without_its_token_is_refused_and_saves_nothing(site):
    browser = site.browser(site.member()[0])
    _, measure_path, _ = new_measure(browser)
    refused = browser.post(f"{measure_path}/events", data={"kind": "other", "day": "2025-03-01"})
    assert refused.status_code == 403
    assert "1 March 2025" not in browser.get(measure_path).text


def test_the_due_list_shows_what_is_due_soonest_first_and_filters_by_case_and_kind(site):
    browser = site.browser(site.member()[0])
    case_path, measure_path, token = new_measure(browser)
    add_event(browser, measure_path, token, "learned_illegal_work", "2025-02-03")
    add_event(browser, measure_path, token, "report_date_designated", "2025-03-04")
    other_case, _, _ = new_measure(browser)
    page = browser.get("/due", params={"today": "2025-02-12"}).text
    assert "What is due as of 12 February 2025" in page
    overdue = page[page.index('id="due-overdue"') : page.index('id="due-this_week"')]
    week = page[page.index('id="due-this_week"') : page.index('id="due-this_month"')]
    month = page[page.index('id="due-this_month"') : page.index('id="calendar"')]
    assert "10 February 2025" in overdue and "The supervisor" in overdue
    assert week.count("The deposit due date</a>") == 2  # both cases' deposits
    assert "4 March 2025" in month
    assert "A supervisor must notify the principal inspector" in page  # staff supervise
    case_id = case_path.rsplit("/", 1)[1]
    one = browser.get("/due", params={"today": "2025-02-12", "case_id": case_id}).text
    week = one[one.index('id="due-this_week"') : one.index('id="due-this_month"')]
    assert week.count("The deposit due date</a>") == 1
    assert f'value="{case_id}" selected' in one
    assert other_case.rsplit("/", 1)[1] in one  # the other case stays a choice
    kind = browser.get("/due", params={"today": "2025-02-12", "kind": "deposit_due"}).text
    assert "4 March 2025" not in kind and "10 February 2025" not in kind


def test_an_empty_day_on_the_due_list_means_today(site):
    browser = site.browser(site.member()[0])
    response = browser.get("/due", params={"today": "", "case_id": "", "kind": ""})
    assert response.status_code == 200


def test_a_bad_day_on_the_due_list_is_refused_naming_it(site):
    browser = site.browser(site.member()[0])
    response = browser.get("/due", params={"today": "12/02/2025"})
    assert response.status_code == 422
    assert "is not a date (write YYYY-MM-DD" in response.text


def test_a_calendar_feed_is_created_from_the_due_list_shown_once_and_revoked(site):
    browser = site.browser(site.member()[0])
    _, _, token = new_measure(browser)
    created = browser.post("/due/calendar-feeds", data={"csrf_token": token, "lang": "en"})
    assert created.status_code == 200
    url = re.search(r"<code>(https://testserver/api/v1/calendar/[^<]+\.ics)</code>", created.text)
    assert url
    feed = site.client.get(url.group(1).removeprefix("https://testserver"))
    assert feed.status_code == 200 and "The deposit due date" in feed.text
    assert url.group(1) not in browser.get("/due").text  # shown once
    revoke = re.search(r'action="(/due/calendar-feeds/[^"]+/revoke)"', browser.get("/due").text)
    browser.post(revoke.group(1), data={"csrf_token": token})
    assert site.client.get(url.group(1).removeprefix("https://testserver")).status_code == 404


def test_script_typed_into_a_measure_is_shown_as_text(site):
    browser = site.browser(site.member()[0])
    evil = "<script>alert(1)</script>"
    _, measure_path, token = new_measure(browser, SUPERVISION | {"supervisor_name": evil})
    add_event(browser, measure_path, token, "other", "2025-03-01", note=evil)
    page = browser.get(measure_path).text
    assert evil not in page and "&lt;script&gt;" in page


def test_reading_a_measure_on_its_page_is_in_the_audit_trail(site):
    browser = site.browser(site.member()[0])
    _, measure_path, _ = new_measure(browser)
    measure_id = measure_path.rsplit("/", 1)[1]
    browser.get(measure_path)
    with site.db.reading() as s:
        actions = {
            e.action
            for e in s.query(AuditEntry).filter(
                AuditEntry.entity == "measure", AuditEntry.entity_id == measure_id
            )
        }
    assert {"create", "read"} <= actions
