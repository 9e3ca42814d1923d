"""The caseload's counts and what-if, and administration of users and tokens."""

from __future__ import annotations

import re
from pathlib import Path

from pages_site import PASSWORD, csrf
from test_pages_case import new_case

from zairyu.store.access import UserRole
from zairyu.store.passwords import weakness
from zairyu.web.pages.rendering import PAGE_MESSAGES

REFORM = Path(__file__).parents[3] / "examples" / "reforms" / "children-under-20.yaml"


def test_the_caseload_counts_persons_by_outcome_under_each_policy(site):
    browser = site.browser(site.member()[0])
    new_case(browser)
    page = browser.get("/caseload").text
    assert "children-2023" in page
    assert "<svg" in page and "<rect" in page


def test_a_what_if_against_a_reform_file_shows_both_columns(site):
    browser = site.browser(site.member()[0], lang="ja")
    new_case(browser)
    page = browser.post(
        "/caseload/what-if",
        data={"csrf_token": csrf(browser, "/caseload")},
        files={"reform": ("children-under-20.yaml", REFORM.read_bytes(), "application/yaml")},
    )
    assert page.status_code == 200, page.text
    assert "children-under-20" in page.text
    assert 'class="reform"' in page.text


def test_a_broken_reform_file_is_refused_with_a_sentence(site):
    browser = site.browser(site.member()[0])
    page = browser.post(
        "/caseload/what-if",
        data={"csrf_token": csrf(browser, "/caseload")},
        files={"reform": ("bad.yaml", b"id: [", "application/yaml")},
    )
    assert page.status_code == 422
    assert "bad.yaml: not a YAML file" in page.text


def test_an_admin_adds_a_user_who_can_then_sign_in(site):
    admin, _ = site.member()
    browser = site.browser(admin)
    browser.post(
        "/admin/users",
        data={
            "csrf_token": csrf(browser, "/admin"),
            "username": "new.caseworker",
            "role": "caseworker",
            "password": PASSWORD,
        },
    )
    assert "new.caseworker" in browser.get("/admin").text
    colleague = site.browser("new.caseworker", organisation=site.organisations[admin])
    assert colleague.get("/cases").status_code == 200


def test_a_caseworker_sees_no_users_and_cannot_add_one(site):
    worker, _ = site.member(UserRole.caseworker)
    browser = site.browser(worker)
    assert "Users of your organisation" not in browser.get("/admin").text
    response = browser.post(
        "/admin/users",
        data={
            "csrf_token": csrf(browser, "/admin"),
            "username": "sneaky",
            "role": "admin",
            "password": "a long enough password",
        },
    )
    assert response.status_code == 403


def test_a_token_is_shown_once_and_can_be_revoked(site):
    browser = site.browser(site.member()[0])
    page = browser.post(
        "/admin/tokens",
        data={"csrf_token": csrf(browser, "/admin"), "name": "scripts", "expires_on": "2030-01-31"},
    ).text
    token = re.search(r"zt_[A-Za-z0-9_\-]+", page).group(0)
    assert (
        site.client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 200
    )
    listing = browser.get("/admin").text
    assert token not in listing
    revoke = re.search(r'action="(/admin/tokens/[^"]+/revoke)"', listing).group(1)
    browser.post(revoke, data={"csrf_token": csrf(browser, "/admin")})
    assert (
        site.client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 401
    )


def test_script_in_a_token_name_is_shown_as_text(site):
    browser = site.browser(site.member()[0])
    evil = "<script>alert(1)</script>"
    browser.post("/admin/tokens", data={"csrf_token": csrf(browser, "/admin"), "name": evil})
    page = browser.get("/admin").text
    assert evil not in page
    assert "&lt;script&gt;" in page


def test_a_name_taken_in_the_organisation_is_refused_in_the_pages_language(site):
    admin, _ = site.member()
    browser = site.browser(admin, lang="ja")
    data = {"csrf_token": csrf(browser, "/admin"), "username": admin, "role": "reviewer"}
    page = browser.post("/admin/users", data={**data, "password": "another sound passphrase"})
    assert page.status_code == 422
    assert "このユーザー名はあなたの組織で既に使われています" in page.text


def test_every_refusal_of_a_new_password_has_its_words_on_the_pages():
    for password in ("short", " " * 12, "new.caseworker 123", "abababababab", "password1234"):
        why = weakness(password, "new.caseworker")
        assert why is not None, password
        assert f"the password {why}" in PAGE_MESSAGES
