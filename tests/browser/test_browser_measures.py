"""A caseworker records supervision measures in a real browser, sees the deadlines its rules
derive, and finds them on the organisation's due list; in Japanese and in English. The pages
run under a Content-Security-Policy of 'self' only, on the fixed day of the browser tests
(2025-06-01), and pass axe with no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pages_site import PASSWORD
from test_browser_look import axe_problems

from conftest import Server, shot, sign_in, unique
from zairyu.store.cases import Cases
from zairyu.web.routes.cases import checked

FAMILY = Path(__file__).parents[2] / "examples" / "01-covered-family.json"
DAYS = {
    "ja": ("2025年6月5日", "2025年6月20日", "2025年6月4日", "2025年5月27日"),
    "en": ("5 June 2025", "20 June 2025", "4 June 2025", "27 May 2025"),
}

SOURCE = {"ja": "出典", "en": "Source"}


def a_case(server: Server, username: str) -> tuple[str, str]:
    organisation = server.site.organisations[username]
    actor = server.site.accounts.login(organisation, username, PASSWORD, None).actor
    reference = f"M-{unique()}"
    case = Cases(server.site.db).create(actor, reference, checked(json.loads(FAMILY.read_text())))
    return case["id"], reference


def record_event(page, kind: str, day: str) -> None:
    page.click("details:has(form[action$='/events']) > summary")
    form = page.locator("form[action$='/events']")
    form.locator("select[name='kind']").select_option(kind)
    form.locator("input[name='day']").fill(day)
    form.locator("button.primary").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_measure_recorded_on_its_page_shows_its_deadlines_there_and_on_the_due_list(
    page, server, lang
):
    username, _ = server.member("caseworker")
    case_id, reference = a_case(server, username)
    page.context.add_cookies([{"name": "zairyu_lang", "value": lang, "url": server.url}])
    sign_in(page, server, username)
    problems: dict[str, list[str]] = {}

    page.goto(f"{server.url}/cases/{case_id}")
    page.click(f"a[href='/cases/{case_id}/measures']")
    page.wait_for_url(f"**/cases/{case_id}/measures")
    problems["measures list"] = axe_problems(page)
    page.click("details:has(form[action$='/measures']) > summary")
    page.select_option("#new-kind", "supervision_before_order")
    page.fill("#new-decided", "2025-05-20")
    page.select_option("#new-person", "p1")
    page.fill("#new-area", "東京都")
    page.fill("#new-deposit", "300000")
    page.fill("#new-deposit-due", "2025-06-05")
    page.fill("#new-sup-name", "Supervisor S")
    page.check("input[name='supervisor_staff']")
    page.click("form[action$='/measures'] button.primary")
    page.wait_for_url(f"**/cases/{case_id}/measures/*")

    record_event(page, "report_date_designated", "2025-06-20")
    record_event(page, "learned_illegal_work", "2025-05-28")
    record_event(page, "learned_absconding_risk", "2025-05-20")
    deposit, report, notice, overdue = DAYS[lang]
    deadlines = page.inner_text("#deadlines")
    for day in (deposit, report, notice, overdue):
        assert day in deadlines
    page.click("#deadlines details > summary >> nth=0")
    why = page.inner_text("#deadlines details[open]")
    assert SOURCE[lang] in why  # the citation, opened from its deadline
    problems["measure"] = axe_problems(page)
    shot(page, f"web-measures-{lang}")

    page.click("nav a[href='/due']")
    page.wait_for_url("**/due")
    overdue_list = page.inner_text("#due-overdue")
    week = page.inner_text("#due-this_week")
    month = page.inner_text("#due-this_month")
    assert overdue in overdue_list and reference in overdue_list
    assert deposit in week and notice in week
    assert report in month
    assert week.index(notice) < week.index(deposit)  # soonest first
    problems["due"] = axe_problems(page)
    shot(page, f"web-due-{lang}")

    page.select_option("#due-kind", "deposit_due")  # with htmx, the list follows the choice
    page.wait_for_url("**/due?*kind=deposit_due*")
    for _ in range(100):
        if notice not in page.inner_text("#due-results"):
            break
        page.wait_for_timeout(50)
    assert deposit in page.inner_text("#due-this_week")
    assert notice not in page.inner_text("#due-results")
    assert page.input_value("#due-kind") == "deposit_due"
    assert {k: v for k, v in problems.items() if v} == {}
