"""Cases found by a member's display name, through a posted form: the name is never in a URL,
the audit trail or the logs, and another organisation's cases are never found."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pages_site import csrf
from sqlalchemy import select

from zairyu.store.tables import AuditEntry

EXAMPLE = Path(__file__).parents[3] / "examples" / "02-excluded-father-mother-guardian.json"
NAME = "ナマエ　ケンサク"


def new_case(browser, reference: str, name: str | None) -> str:
    household = json.loads(EXAMPLE.read_text())
    if name:
        household["members"][0]["display_name"] = name
    token = csrf(browser, "/cases/new")
    response = browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": reference, "household": json.dumps(household)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_a_case_is_found_by_part_of_a_members_name_and_others_are_not(site, caplog):
    browser = site.browser(site.member()[0])
    new_case(browser, "NAMED-1", NAME)
    new_case(browser, "UNNAMED-1", None)
    token = csrf(browser, "/cases")
    with caplog.at_level(logging.DEBUG):
        page = browser.post("/cases/by-name", data={"csrf_token": token, "name": "ｹﾝｻｸ"})
    assert page.status_code == 200
    assert "NAMED-1" in page.text and "UNNAMED-1" not in page.text
    assert "Cases found: 1" in page.text
    assert "ケンサク" not in caplog.text and "ｹﾝｻｸ" not in caplog.text
    assert "ｹﾝｻｸ" not in str(page.url)


def test_the_name_searched_for_is_not_written_in_the_audit_trail(site):
    browser = site.browser(site.member()[0])
    new_case(browser, "NAMED-2", NAME)
    token = csrf(browser, "/cases")
    browser.post("/cases/by-name", data={"csrf_token": token, "name": "ケンサク"})
    with site.db.transaction() as s:
        details = [e.detail or "" for e in s.scalars(select(AuditEntry))]
    assert any("found by a member's name" in d for d in details)
    assert not any("ケンサク" in d for d in details)


def test_another_organisations_case_is_not_found_by_name(site):
    owner = site.browser(site.member()[0])
    new_case(owner, "THEIRS-1", "ヨソノ　ヒト")
    stranger = site.browser(site.member()[0])
    token = csrf(stranger, "/cases")
    page = stranger.post("/cases/by-name", data={"csrf_token": token, "name": "ヨソノ"})
    assert "THEIRS-1" not in page.text and "Cases found: 0" in page.text


def test_a_search_by_name_without_the_form_token_is_refused(site):
    browser = site.browser(site.member()[0])
    page = browser.post("/cases/by-name", data={"name": "ケンサク"})
    assert page.status_code == 403
