"""The assessment page shows each member's display name beside the id."""

from __future__ import annotations

import json

from pages_site import csrf

HOUSEHOLD = {
    "id": "yamada",
    "members": [
        {"id": "p1", "role": "parent", "display_name": "山田　花子", "date_of_birth": "1985-03-01"},
        {"id": "c1", "role": "child", "date_of_birth": "2012-05-01", "born_in_japan": True},
    ],
}


def test_the_assessment_page_shows_the_display_name_beside_the_id(site):
    browser = site.browser(site.member()[0], lang="ja")
    token = csrf(browser, "/cases/new")
    created = browser.post(
        "/cases/new",
        data={"csrf_token": token, "reference": "N-1",
              "household": json.dumps(HOUSEHOLD, ensure_ascii=False)},
        follow_redirects=False,
    )  # fmt: skip
    assert created.status_code == 303, created.text
    case_path = created.headers["location"]
    page = browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-06-01"}
    )
    assert page.status_code == 200
    assert "山田　花子 [p1]" in page.text
    assert "山田　花子 [c1]" not in page.text
