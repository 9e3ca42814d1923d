"""Every main page in both languages, as a screenshot under docs/screenshots/, checked by axe
(run offline from the axe-playwright-python package) for serious or critical violations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pages_site import PASSWORD

from conftest import Server, shot, sign_in, unique
from zairyu.store.cases import Cases
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE, REMINDERS, Records
from zairyu.web.routes.cases import checked

SERIOUS = {"serious", "critical"}
EXAMPLES = Path(__file__).parents[2] / "examples"


def axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 (optional)

    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in SERIOUS
    ]


def a_case_with_records(server: Server, username: str) -> str:
    organisation = server.site.organisations[username]
    actor = server.site.accounts.login(organisation, username, PASSWORD, None).actor
    household = json.loads((EXAMPLES / "01-covered-family.json").read_text())
    case = Cases(server.site.db).create(actor, f"2026-{unique()}", checked(household))
    records = Records(server.site.db)
    records.add(
        actor,
        EVENTS,
        case["id"],
        {
            "kind": "provisional_release",
            "occurred_on": date(2016, 10, 20),
            "person_ids": ["p1", "p2"],
            "details": {"description": "仮放免許可 / released"},
        },
    )
    records.add(
        actor,
        EVIDENCE,
        case["id"],
        {
            "title": "在学証明書 c1",
            "kind": "certificate",
            "received_on": date(2026, 11, 2),
            "proves": [{"person_id": "c1", "fact": "school.enrolments"}],
            "sha256": "ab" * 32,
            "note": None,
        },
    )
    records.add(
        actor,
        REMINDERS,
        case["id"],
        {
            "kind": "reporting",
            "due_on": date(2027, 1, 15),
            "title": "出頭日 / reporting day",
            "done": False,
        },
    )
    records.add(
        actor,
        DECISIONS,
        case["id"],
        {
            "outcome": "granted",
            "person_ids": ["c1"],
            "status_of_residence": "定住者",
            "period_months": 12,
            "reasons": None,
            "decided_by": "東京出入国在留管理局",
            "decided_on": date(2026, 11, 20),
        },
    )
    return case["id"]


def look(page, name: str, problems: dict[str, list[str]]) -> None:
    shot(page, name)
    problems[name] = axe_problems(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_main_pages_look_right_and_pass_axe(page, server, lang):
    username, _ = server.member()
    case_id = a_case_with_records(server, username)
    page.context.add_cookies([{"name": "zairyu_lang", "value": lang, "url": server.url}])
    problems: dict[str, list[str]] = {}
    page.goto(f"{server.url}/sign-in")
    look(page, f"web-signin-{lang}", problems)
    sign_in(page, server, username)
    page.goto(f"{server.url}/interview")
    look(page, f"web-interview-start-{lang}", problems)
    page.click("form[action='/interview/start'] button")
    page.wait_for_selector("legend[data-focus]")
    for _ in range(3):
        page.click("button[name='dont_know']")
        page.wait_for_timeout(300)
    look(page, f"web-interview-{lang}", problems)
    page.click("form[action='/interview/summary'] button")
    look(page, f"web-interview-summary-{lang}", problems)
    page.goto(f"{server.url}/cases/{case_id}")
    page.click("form[action$='/assess'] button")
    page.wait_for_url("**/assessments/*")
    look(page, f"web-assessment-{lang}", problems)
    page.goto(f"{server.url}/cases/{case_id}")
    look(page, f"web-case-{lang}", problems)
    page.goto(f"{server.url}/cases/{case_id}/interview")
    look(page, f"web-case-questions-{lang}", problems)
    page.goto(f"{server.url}/cases")
    look(page, f"web-cases-{lang}", problems)
    page.goto(f"{server.url}/caseload")
    page.set_input_files("#reform", str(EXAMPLES / "reforms" / "children-under-20.yaml"))
    page.click("form[action='/caseload/what-if'] button")
    page.wait_for_selector("rect.reform")
    look(page, f"web-caseload-{lang}", problems)
    page.goto(f"{server.url}/admin")
    look(page, f"web-admin-{lang}", problems)
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_policy_pages_look_right_and_pass_axe(page, server, lang):
    username, _ = server.member()
    page.context.add_cookies([{"name": "zairyu_lang", "value": lang, "url": server.url}])
    problems: dict[str, list[str]] = {}
    sign_in(page, server, username)
    page.goto(f"{server.url}/policies")
    look(page, f"web-policies-{lang}", problems)
    page.click("a[href='/policies/children-2023']")
    page.wait_for_selector("article.policy-document blockquote")
    border = page.eval_on_selector(
        "article.policy-document blockquote", "e => getComputedStyle(e).borderLeftStyle"
    )
    assert border == "solid"  # the document's own styles reached the page
    look(page, f"web-policy-children-2023-{lang}", problems)
    assert {k: v for k, v in problems.items() if v} == {}
