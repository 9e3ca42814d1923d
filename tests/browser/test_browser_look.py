"""Every main page in both languages, as a screenshot under docs/screenshots/, checked by axe
(run offline from the axe-playwright-python package) for serious or critical violations."""

from __future__ import annotations

import pytest
from conftest import shot, sign_in

SERIOUS = {"serious", "critical"}


def axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 (optional: skipped when absent)

    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_main_pages_look_right_and_pass_axe(page, server, lang):
    username, _ = server.member()
    page.context.add_cookies([{"name": "zairyu_lang", "value": lang, "url": server.url}])
    page.goto(f"{server.url}/sign-in")
    shot(page, f"web-signin-{lang}")
    problems = {"signin": axe_problems(page)}
    sign_in(page, server, username)
    page.goto(f"{server.url}/interview")
    shot(page, f"web-interview-start-{lang}")
    problems["interview-start"] = axe_problems(page)
    page.click("form[action='/interview/start'] button")
    page.wait_for_selector("legend[data-focus]")
    for _ in range(3):
        page.click("button[name='dont_know']")
        page.wait_for_timeout(300)
    shot(page, f"web-interview-{lang}")
    problems["interview"] = axe_problems(page)
    page.fill("#save-reference", f"LOOK-{lang}")
    page.click("form[action='/interview/save'] button")
    page.wait_for_url("**/cases/*")
    shot(page, f"web-case-{lang}")
    problems["case"] = axe_problems(page)
    page.click("form[action$='/assess'] button")
    page.wait_for_url("**/assessments/*")
    shot(page, f"web-assessment-{lang}")
    problems["assessment"] = axe_problems(page)
    page.goto(f"{server.url}/cases")
    shot(page, f"web-cases-{lang}")
    problems["cases"] = axe_problems(page)
    assert {k: v for k, v in problems.items() if v} == {}
