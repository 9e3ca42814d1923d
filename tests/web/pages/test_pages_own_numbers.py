"""The assessment page says, beside a result, which of zairyu's own numbers decided it: the
stored assessment keeps the note (the page rebuilds the result from the store)."""

from __future__ import annotations

import os
from pathlib import Path

from pages_site import csrf

EXAMPLE = Path(__file__).parents[3] / "examples" / "03-preschool-only.json"


def _assessed_page(site, lang: str) -> str:
    browser = site.browser(site.member()[0], lang=lang)
    token = csrf(browser, "/cases/new")
    created = browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": "N-3", "household": EXAMPLE.read_text()},
        follow_redirects=False,
    )
    case_path = created.headers["location"]
    page = browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-01-01"}
    )
    assert page.status_code == 200
    if os.environ.get("ZAIRYU_SAVE_PAGE"):  # for a screenshot: ZAIRYU_SAVE_PAGE=dir
        Path(os.environ["ZAIRYU_SAVE_PAGE"], f"own-numbers-{lang}.html").write_text(page.text)
    return page.text


def test_the_page_names_the_margin_that_decided_the_indication_in_japanese(site):
    text = _assessed_page(site, "ja")
    assert "この見通しは、出典ではなく zairyu 独自の数値で決まっています" in text
    assert "「明らかに上回る」とする差＝2" in text


def test_the_page_names_the_margin_that_decided_the_indication_in_english(site):
    text = _assessed_page(site, "en")
    assert "This indication is decided by a number of zairyu&#39;s own" in text or (
        "This indication is decided by a number of zairyu's own" in text
    )
    assert "The margin by which positives must exceed negatives = 2" in text
