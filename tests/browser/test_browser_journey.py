"""A caseworker's day, in a real browser: sign in, screen a family in Japanese, save it as a
case, assess it, record a decision, switch to English, sign out, and find English again on
signing in from another browser; and another organisation's user finds none of it. The pages
run under a Content-Security-Policy of 'self' only."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shot, sign_in, unique
from zairyu import clock
from zairyu.engine.assessment import assess
from zairyu.interview.measure import known_value
from zairyu.model.household import Household

PDF = b"%PDF-1.4\n%%EOF\n"
FAMILY = Path(__file__).parents[2] / "examples" / "01-covered-family.json"


def until(page, expression: str, seconds: float = 5.0) -> None:
    """Poll a condition in the page (page.wait_for_function would need 'unsafe-eval', which
    the Content-Security-Policy forbids)."""
    for _ in range(int(seconds / 0.05)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


def answer_from(page, household: dict) -> None:
    """Answer the question on the page from the household's facts ("don't know" if unknown)."""
    subject = page.input_value("form.question input[name='subject']")
    path = page.input_value("form.question input[name='path']")
    value = known_value(household, subject, path)
    form = page.locator("form.question")
    if value is None:
        form.locator("button[name='dont_know']").click()
    elif isinstance(value, bool):
        form.locator(f"input[name='value'][value='{'yes' if value else 'no'}']").check()
        form.locator("button[name='answer']").click()
    elif isinstance(value, list) and path == "immigration.deportation_grounds":
        for ground in value or ["none"]:
            form.locator(f"input[name='grounds'][value='{ground}']").check()
        form.locator("button[name='answer']").click()
    elif isinstance(value, list) and path == "school.enrolments":
        form.locator(f"input[name='value'][value='{'yes' if value else 'no'}']").check()
        if value:
            latest = value[-1]
            form.locator("select[name='level']").select_option(latest["level"])
            form.locator("input[name='start']").fill(latest["start"])
            if latest.get("end"):
                form.locator("input[name='end']").fill(latest["end"])
            if len(value) > 1:
                form.locator("input[name='first_start']").fill(value[0]["start"])
        form.locator("button[name='answer']").click()
    elif isinstance(value, list):  # convictions: the family has none
        assert value == [], "the journey's family has no convictions"
        form.locator("input[name='value'][value='no']").check()
        form.locator("button[name='answer']").click()
    elif form.locator(f"input[name='value'][value='{value}']").count():
        form.locator(f"input[name='value'][value='{value}']").check()
        form.locator("button[name='answer']").click()
    else:
        form.locator("input[name='value']").fill(str(value))
        form.locator("button[name='answer']").click()


def test_screen_save_assess_decide_switch_and_sign_out(page, server):
    username, _org = server.member()
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.context.add_cookies([{"name": "zairyu_lang", "value": "ja", "url": server.url}])
    sign_in(page, server, username)
    household = json.loads(FAMILY.read_text())
    page.goto(f"{server.url}/interview")
    page.fill("#parents", "2")
    page.fill("#children", "2")
    page.click("form[action='/interview/start'] button")
    asked = 0
    while page.locator("form.question").count() and asked < 80:
        before = page.input_value("form.question input[name='state']")
        answer_from(page, household)
        state = "document.querySelector('form.question input[name=state]')"
        until(page, f"!{state} || {state}.value !== {json.dumps(before)}")
        asked += 1
        if page.locator("form.question").count():
            until(page, "document.activeElement.hasAttribute('data-focus')")  # focus moved
    assert page.locator("form.question").count() == 0
    assert "結果を変え得る質問は残っていません" in page.inner_text("#provisional")
    assert asked < 40
    page.click("form[action='/interview/summary'] button")
    shot(page, "web-interview-summary-ja")
    page.fill("#save-reference", f"J-{unique()}")
    page.click("form[action='/interview/save'] button")
    page.wait_for_url("**/cases/*")
    page.click("form[action$='/assess'] button")
    page.wait_for_url("**/assessments/*")
    expected = assess(Household.model_validate(household), clock.today(), counterfactuals=False)
    summary = page.inner_text("section[aria-labelledby=summary-h]")
    for policy in expected.policies:
        for person in policy.persons:
            assert person.outcome_text["ja"] in summary
    page.click("text=← ケース")
    page.click("text=証拠資料を記録")
    page.fill("#evi-title", "在学証明書（c1）")
    page.select_option("#evi-kind", "certificate")
    page.set_input_files(
        "#evi-file",
        files=[{"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#evidence button.primary")
    page.wait_for_selector("#evidence a:has-text('ダウンロード')")
    page.click("text=処分を記録")
    page.check("input[name='outcome'][value='granted']")
    page.check("#decisions input[name='person_ids'][value='c1']")
    page.fill("#de-status", "定住者")
    page.fill("#de-months", "12")
    page.fill("#de-by", "東京出入国在留管理局")
    page.fill("#de-on", "2025-05-30")  # before the fixed day: no decision after today
    page.click("text=処分を記録する")
    page.wait_for_selector("text=東京出入国在留管理局")
    case_url = page.url.split("#")[0]
    page.click("button[name='lang'][value='en']")
    page.wait_for_selector("html[lang='en']")
    assert "Decisions" in page.inner_text("main")
    page.click("text=Sign out")
    page.wait_for_url("**/sign-in")
    assert violations == []

    # English was chosen signed in, so it is the caseworker's: a browser that has only ever
    # asked for Japanese shows the sign-in page in Japanese, and English once they sign in.
    elsewhere = page.context.browser.new_context(locale="ja-JP")
    other = elsewhere.new_page()
    other.goto(f"{server.url}/sign-in")
    assert other.get_attribute("html", "lang") == "ja"
    sign_in(other, server, username)
    assert other.get_attribute("html", "lang") == "en"
    assert "Cases" in other.inner_text("header")
    elsewhere.close()

    stranger, _ = server.member()
    sign_in(page, server, stranger)
    assert "J-" not in page.inner_text("main")
    page.goto(case_url)
    assert "Not found in your organisation" in page.inner_text("main")
