from __future__ import annotations

from api_fixtures import PASSWORD
from fastapi.testclient import TestClient

from zairyu.store.access import UserRole


def _browser(api):
    return TestClient(api.client.app, base_url="https://testserver")


def test_without_credentials_the_api_answers_401(api):
    assert _browser(api).get("/api/v1/cases").status_code == 401


def test_a_wrong_token_is_401(api):
    client = TestClient(
        api.client.app, base_url="https://testserver", headers={"Authorization": "Bearer zt_wrong"}
    )
    assert client.get("/api/v1/cases").status_code == 401


def test_signing_in_sets_a_secure_http_only_strict_cookie(api):
    member = api.member()
    browser = _browser(api)
    response = browser.post("/api/v1/session", json=member.credentials(PASSWORD))
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    assert browser.get("/api/v1/cases").status_code == 200


def test_a_browser_change_without_the_csrf_token_is_refused(api):
    member = api.member()
    browser = _browser(api)
    signed_in = browser.post("/api/v1/session", json=member.credentials(PASSWORD))
    body = {"reference": "r", "household": {"id": "h", "members": [{"id": "p", "role": "parent"}]}}
    assert browser.post("/api/v1/cases", json=body).status_code == 403
    csrf = signed_in.json()["csrf_token"]
    assert (
        browser.post("/api/v1/cases", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    )


def test_signing_out_ends_the_session(api):
    member = api.member()
    browser = _browser(api)
    csrf = browser.post("/api/v1/session", json=member.credentials(PASSWORD)).json()["csrf_token"]
    assert browser.delete("/api/v1/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert browser.get("/api/v1/cases").status_code == 401


def test_repeated_failed_sign_ins_lock_the_account(api):
    member = api.member()
    browser = _browser(api)
    for _ in range(api.accounts.policy.max_failures):
        wrong = browser.post("/api/v1/session", json=member.credentials("nope"))
        assert wrong.status_code == 401
    locked = browser.post("/api/v1/session", json=member.credentials(PASSWORD))
    assert locked.status_code == 429


def test_an_admin_adds_a_colleague_and_a_caseworker_cannot(api):
    admin = api.member(UserRole.admin)
    worker = api.member(UserRole.caseworker, org_id=admin.org_id)
    body = {"username": f"new-{admin.username}", "role": "reviewer", "password": "a long password!"}
    assert worker.client.post("/api/v1/users", json=body).status_code == 403
    created = admin.client.post("/api/v1/users", json=body)
    assert created.status_code == 201 and created.json()["role"] == "reviewer"


def test_a_personal_token_is_issued_once_and_can_be_revoked(api):
    member = api.member()
    issued = member.client.post("/api/v1/users/me/tokens", json={"name": "script"}).json()
    client = TestClient(
        api.client.app,
        base_url="https://testserver",
        headers={"Authorization": f"Bearer {issued['token']}"},
    )
    assert client.get("/api/v1/users/me").status_code == 200
    assert member.client.delete(f"/api/v1/users/me/tokens/{issued['id']}").status_code == 204
    assert client.get("/api/v1/users/me").status_code == 401


def test_a_colleague_deactivated_through_the_api_is_refused_at_once(api):
    admin = api.member(UserRole.admin)
    colleague = api.member(org_id=admin.org_id)
    me = colleague.client.get("/api/v1/users/me")  # the token is now trusted for a while
    assert me.status_code == 200
    changed = admin.client.patch(f"/api/v1/users/{me.json()['id']}", json={"active": False})
    assert changed.status_code == 200
    assert colleague.client.get("/api/v1/users/me").status_code == 401


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_token_revoked_by_another_process_stops_within_the_stated_bound(api, monkeypatch):
    tokens = api.client.app.state.services.accounts.tokens
    clock = _Clock()
    monkeypatch.setattr(tokens, "clock", clock)
    try:
        member = api.member()
        assert member.client.get("/api/v1/users/me").status_code == 200
        (listed,) = member.client.get("/api/v1/users/me/tokens").json()
        actor = api.accounts.find_user(member.organisation, member.username)
        api.accounts.revoke_token(actor, listed["id"])  # not through this app: another process
        clock.now += tokens.ttl_s - 0.001
        assert member.client.get("/api/v1/users/me").status_code == 200
        clock.now += 0.001
        assert member.client.get("/api/v1/users/me").status_code == 401
    finally:
        tokens.clear()  # no entry stamped by the test clock outlives the test
