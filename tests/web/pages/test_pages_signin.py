"""Signing in and out through the pages, and the language chosen."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from pages_site import PASSWORD, csrf, hidden

from zairyu.store.access import UserRole

EXAMPLE = Path(__file__).parents[3] / "examples" / "02-excluded-father-mother-guardian.json"
ALERT = re.compile(r'<p class="error" role="alert">([^<]*)</p>')


def _fresh(site, lang=None):
    client = TestClient(site.client.app, base_url="https://testserver")
    if lang:
        client.cookies.set("zairyu_lang", lang)
    return client


def _sign_in(client, organisation, username, password):
    token = hidden(client.get("/sign-in").text, "signin_token")
    data = {
        "organisation": organisation,
        "username": username,
        "password": password,
        "signin_token": token,
    }
    return client.post("/sign-in", data=data, follow_redirects=False)


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


def test_the_sign_in_form_asks_for_the_organisation_with_a_label(site):
    page = _fresh(site, "ja").get("/sign-in").text
    assert '<label for="organisation">組織名</label>' in page
    assert 'id="organisation" name="organisation" autocomplete="organization" required' in page
    assert (
        '<label for="organisation">Organisation</label>' in _fresh(site, "en").get("/sign-in").text
    )


def test_a_wrong_password_an_unknown_name_and_an_unknown_organisation_get_the_same_page(site):
    username, _ = site.member()
    organisation = site.organisations[username]
    tries = {
        "wrong password": (organisation, username, "wrong"),
        "unknown name": (organisation, f"user-{uuid.uuid4().hex[:8]}", "wrong"),
        "unknown organisation": (f"org-{uuid.uuid4().hex[:8]}", username, PASSWORD),
    }
    answers = {}
    for why, attempt in tries.items():
        response = _sign_in(_fresh(site, "en"), *attempt)
        page = response.text.replace(attempt[0], "ORG")  # the organisation typed is kept
        page = re.sub(r'name="signin_token" value="[^"]*"', "", page)
        answers[why] = (response.status_code, ALERT.findall(page), page)
    assert answers["wrong password"] == answers["unknown name"] == answers["unknown organisation"]
    assert answers["unknown name"][:2] == (401, ["Wrong organisation, username or password."])
    assert (
        _sign_in(_fresh(site, "ja"), *tries["unknown organisation"]).text.count(
            "組織名、ユーザー名又はパスワードが違います。"
        )
        == 1
    )


def test_the_right_user_of_the_right_organisation_signs_in_when_another_has_the_same_name(site):
    username, _ = site.member(UserRole.admin)
    theirs = f"org-{uuid.uuid4().hex[:8]}"
    their_id = site.accounts.add_org(theirs)
    site.accounts.add_user(their_id, username, UserRole.reviewer, "their own sound passphrase")
    ours = site.browser(username, organisation=site.organisations[username])
    assert f"{username} (admin)" in ours.get("/cases").text
    theirs_browser = _fresh(site, "en")
    signed_in = _sign_in(theirs_browser, theirs, username, "their own sound passphrase")
    assert signed_in.status_code == 303
    assert f"{username} (reviewer)" in theirs_browser.get("/cases").text
    assert _sign_in(_fresh(site, "en"), theirs, username, PASSWORD).status_code == 401


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


def test_before_sign_in_the_language_switch_is_remembered_in_a_cookie(site):
    browser = _fresh(site, "en")
    assert '<html lang="en">' in browser.get("/sign-in").text
    switched = browser.post("/language", data={"lang": "ja", "back": "/sign-in"})
    assert switched.status_code == 200 and '<html lang="ja">' in switched.text


def _choose(browser, lang, path="/cases"):
    data = {"lang": lang, "back": path, "csrf_token": csrf(browser, path)}
    return browser.post("/language", data=data, follow_redirects=False)


def test_the_language_chosen_signed_in_follows_the_user_into_another_browser(site):
    username, _ = site.member()
    browser = site.browser(username, lang="en")
    assert '<html lang="en">' in browser.get("/cases").text
    assert _choose(browser, "ja").status_code == 303
    assert '<html lang="ja">' in browser.get("/cases").text
    elsewhere = site.browser(username, lang="en")  # its cookie says English
    for path in ("/cases", "/admin", "/interview", "/caseload"):
        assert '<html lang="ja">' in elsewhere.get(path).text, path
    assert '<html lang="en">' in _fresh(site, "en").get("/sign-in").text  # before sign-in


def test_the_language_changed_from_the_header_needs_the_session_csrf_token(site):
    username, _ = site.member()
    browser = site.browser(username, lang="en")
    page = browser.get("/cases").text
    header = page[
        page.index('action="/language"') : page.index("</form>", page.index('action="/language"'))
    ]
    assert 'name="csrf_token"' in header
    refused = browser.post("/language", data={"lang": "ja", "back": "/cases"})
    assert refused.status_code == 403
    assert '<html lang="en">' in site.browser(username, lang="en").get("/cases").text


def test_documents_printed_from_the_assessment_page_are_in_the_users_language(site):
    username, _ = site.member()
    browser = site.browser(username, lang="ja")
    _choose(browser, "en")
    token = csrf(browser, "/cases/new")
    data = {"csrf_token": token, "reference": "L-1", "household": EXAMPLE.read_text()}
    case_path = browser.post("/cases/new", data=data, follow_redirects=False).headers["location"]
    page = browser.post(
        f"{case_path}/assess", data={"csrf_token": csrf(browser, case_path), "as_of": "2025-06-01"}
    ).text
    links = re.findall(r'href="/api/v1/assessments/[^"]+/(\w+)\.pdf\?lang=(\w+)"', page)
    assert sorted(links) == [("checklist", "en"), ("memo", "en"), ("sheet", "en")]


def test_the_language_switch_never_redirects_to_another_host(site):
    response = site.client.post(
        "/language", data={"lang": "en", "back": "//evil.example/x"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"
