"""A household with members who are not under deportation, through the pages: the assessment
page says in words that they are within no measure."""

from __future__ import annotations

from pathlib import Path

from pages_site import csrf

EXAMPLE = Path(__file__).parents[3] / "examples" / "11-japanese-spouse.json"


def test_the_assessment_page_says_a_japanese_spouse_and_child_are_not_in_scope(site):
    for lang, words in (("en", "Not in scope"), ("ja", "日本国民又は在留資格を有する方")):
        browser = site.browser(site.member()[0], lang=lang)
        token = csrf(browser, "/cases/new")
        created = browser.post(
            "/cases/new",
            data={"csrf_token": token, "reference": f"M-{lang}", "household": EXAMPLE.read_text()},
            follow_redirects=False,
        )
        assert created.status_code == 303, created.text
        case_path = created.headers["location"]
        page = browser.post(
            f"{case_path}/assess",
            data={"csrf_token": csrf(browser, case_path), "as_of": "2025-01-01"},
        )
        assert page.status_code == 200
        # three policies in force, two members with a status each
        assert page.text.count(words) >= 6, lang
