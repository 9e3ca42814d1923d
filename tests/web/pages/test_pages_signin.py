"""Signing in and out through the pages, and the language chosen."""

from __future__ import annotations

from pages_site import PASSWORD, csrf, hidden


def test_a_page_without_a_session_sends_the_browser_to_sign_in(site):
    response = site.client.get("/cases", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in"


def test_signing_in_opens_the_case_list_and_signing_out_closes_the_session(site):
    username, _ = site.member()
    browser = site.browser(username)
    page = browser.get("/cases")
    assert page.status_code == 200
    assert username in page.text
    out = browser.post("/sign-out", data={"csrf_token": csrf(browser)}, follow_redirects=False)
    assert out.status_code == 303
    assert browser.get("/cases", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused_with_a_sentence(site):
    username, _ = site.member()
    page = site.client.get("/sign-in")
    response = site.client.post(
        "/sign-in",
        data={
            "username": username,
            "password": "wrong",
            "signin_token": hidden(page.text, "signin_token"),
        },
    )
    assert response.status_code == 401
    assert (
        "Wrong username or password" in response.text or "ユーザー名又はパスワード" in response.text
    )


def test_a_sign_in_posted_from_elsewhere_without_the_form_token_is_refused(site):
    username, _ = site.member()
    site.client.cookies.clear()
    response = site.client.post("/sign-in", data={"username": username, "password": PASSWORD})
    assert response.status_code == 403


def test_sign_out_without_the_csrf_token_is_refused(site):
    username, _ = site.member()
    browser = site.browser(username)
    assert browser.post("/sign-out", data={}).status_code == 403
    assert browser.get("/cases").status_code == 200


def test_the_language_switch_is_remembered_in_a_cookie(site):
    username, _ = site.member()
    browser = site.browser(username, lang="en")
    assert '<html lang="en">' in browser.get("/cases").text
    browser.post("/language", data={"lang": "ja", "back": "/cases"})
    assert '<html lang="ja">' in browser.get("/cases").text


def test_the_language_switch_never_redirects_to_another_host(site):
    response = site.client.post(
        "/language", data={"lang": "en", "back": "//evil.example/x"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"
