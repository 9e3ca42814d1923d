"""Signing in, changing passwords and roles through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from api_fixtures import PASSWORD
from fastapi.testclient import TestClient

from zairyu.store.access import UserRole
from zairyu.web.routes import session as session_route


def _browser(api):
    return TestClient(api.client.app, base_url="https://testserver")


def _sign_in(client, organisation, username, password):
    body = {"organisation": organisation, "username": username, "password": password}
    return client.post("/api/v1/session", json=body)


def test_an_unknown_organisation_an_unknown_name_and_a_wrong_password_get_the_same_answers(api):
    member = api.member()
    unknown = f"user-{uuid.uuid4().hex[:8]}"
    nowhere = f"org-{uuid.uuid4().hex[:8]}"
    tries = {
        "wrong password": (member.organisation, member.username),
        "unknown name": (member.organisation, unknown),
        "unknown organisation": (nowhere, member.username),
    }
    answers = {}
    for why, (organisation, name) in tries.items():
        browser = _browser(api)
        attempts = (_sign_in(browser, organisation, name, "wrong") for _ in range(7))
        answers[why] = [(r.status_code, r.json()) for r in attempts]
    assert answers["wrong password"] == answers["unknown name"] == answers["unknown organisation"]
    assert answers["unknown name"][0] == (
        401,
        {"detail": "wrong organisation, username or password"},
    )
    assert answers["unknown name"][-1][0] == 429


def test_signing_in_needs_the_organisation(api):
    member = api.member()
    body = {"username": member.username, "password": PASSWORD}
    answer = _browser(api).post("/api/v1/session", json=body)
    assert answer.status_code == 422 and "organisation" in answer.text
    assert (
        _sign_in(_browser(api), member.organisation, member.username, PASSWORD).status_code == 200
    )


def test_the_delay_after_a_failure_is_awaited_not_slept_in_a_thread(api, monkeypatch):
    waited = []

    class RecordingAsyncio:  # only the sign-in route's own sleeps are recorded
        @staticmethod
        async def sleep(seconds):
            waited.append(seconds)

    monkeypatch.setattr(session_route, "asyncio", RecordingAsyncio)
    monkeypatch.setattr("time.sleep", lambda _s: (_ for _ in ()).throw(AssertionError("slept")))
    nobody = f"nobody-{uuid.uuid4().hex[:6]}"
    assert _sign_in(_browser(api), "no such organisation", nobody, "x").status_code == 401
    assert len(waited) == 1


def _own_password(member, new, current):
    me = member.client.get("/api/v1/users/me").json()
    body = {"password": new, "current_password": current}
    return member.client.put(f"/api/v1/users/{me['id']}/password", json=body)


def test_changing_ones_password_needs_the_current_one(api):
    member = api.member()
    assert _own_password(member, "a brand new phrase 9", None).status_code == 422
    wrong = _own_password(member, "a brand new phrase 9", "not it at all")
    assert wrong.status_code == 422 and wrong.json()["problems"][0]["path"] == "current_password"
    assert _own_password(member, "a brand new phrase 9", PASSWORD).status_code == 204
    assert (
        _sign_in(
            _browser(api), member.organisation, member.username, "a brand new phrase 9"
        ).status_code
        == 200
    )


def test_a_weak_password_is_refused_in_words(api):
    member = api.member()
    for weak, why in [
        (" " * 14, "only spaces"),
        (member.username + "123", "username"),
        ("Password1234", "most common"),
        ("qwertyuiop123", "most common"),
    ]:
        refused = _own_password(member, weak, PASSWORD)
        assert refused.status_code == 422, weak
        assert why in refused.json()["problems"][0]["message"]
        assert weak not in refused.text


def test_a_password_change_ends_other_sessions_and_tokens_but_not_the_callers(api):
    member = api.member()
    browser = _browser(api)
    assert _sign_in(browser, member.organisation, member.username, PASSWORD).status_code == 200
    other = member.client.post("/api/v1/users/me/tokens", json={"name": "old laptop"}).json()
    other_client = TestClient(
        api.client.app,
        base_url="https://testserver",
        headers={"Authorization": f"Bearer {other['token']}"},
    )
    assert other_client.get("/api/v1/users/me").status_code == 200
    assert _own_password(member, "a brand new phrase 9", PASSWORD).status_code == 204
    assert member.client.get("/api/v1/users/me").status_code == 200
    assert other_client.get("/api/v1/users/me").status_code == 401
    assert browser.get("/api/v1/users/me").status_code == 401


def test_the_only_admin_cannot_demote_or_deactivate_themself(api):
    admin = api.member(UserRole.admin)
    me = admin.client.get("/api/v1/users/me").json()
    for change in ({"role": "caseworker"}, {"active": False}):
        refused = admin.client.patch(f"/api/v1/users/{me['id']}", json=change)
        assert refused.status_code == 403
        assert "only admin" in refused.json()["detail"]
    second = api.member(UserRole.admin, org_id=admin.org_id)
    assert (
        admin.client.patch(f"/api/v1/users/{me['id']}", json={"role": "reviewer"}).json()["role"]
        == "reviewer"
    )
    assert second.client.get("/api/v1/users").status_code == 200


def test_a_boolean_given_as_a_string_is_refused(api):
    admin = api.member(UserRole.admin)
    colleague = api.member(org_id=admin.org_id)
    users = {u["username"]: u["id"] for u in admin.client.get("/api/v1/users").json()}
    answer = admin.client.patch(f"/api/v1/users/{users[colleague.username]}", json={"active": "no"})
    assert answer.status_code == 422


def test_the_same_username_added_ten_times_at_once_is_one_201_and_nine_422(api):
    admin = api.member(UserRole.admin)
    body = {
        "username": f"dup-{uuid.uuid4().hex[:8]}",
        "role": "reviewer",
        "password": "a sound passphrase 7",
    }
    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = sorted(
            pool.map(lambda _: admin.client.post("/api/v1/users", json=body).status_code, range(10))
        )
    assert codes == [201] + [422] * 9


def test_a_token_expiry_without_a_timezone_or_out_of_range_is_422(api):
    member = api.member()
    for expires in (
        "2030-01-01T00:00:00",
        "9999-12-31T23:59:59-05:00",
        "0001-01-01T00:00:00+09:00",
    ):
        answer = member.client.post(
            "/api/v1/users/me/tokens", json={"name": "x", "expires_at": expires}
        )
        assert answer.status_code == 422, expires


def test_an_admin_adding_a_name_another_organisation_uses_succeeds_and_learns_nothing(api):
    taken_elsewhere, fresh = f"alice-{uuid.uuid4().hex[:8]}", f"alice-{uuid.uuid4().hex[:8]}"
    theirs = api.member(UserRole.admin)
    their_alice = api.member(org_id=theirs.org_id, username=taken_elsewhere)
    ours = api.member(UserRole.admin)
    answers = {}
    for name in (taken_elsewhere, fresh):
        body = {"username": name, "role": "reviewer", "password": "a sound passphrase 7"}
        response = ours.client.post("/api/v1/users", json=body)
        made = response.json()
        assert made["username"] == name
        answers[name] = (response.status_code, sorted(made), made["role"], made["lang"])
    assert answers[taken_elsewhere] == answers[fresh] == (201, sorted(made), "reviewer", None)
    listed = {u["username"] for u in ours.client.get("/api/v1/users").json()}
    assert listed == {ours.username, taken_elsewhere, fresh}
    their_ids = {u["id"] for u in theirs.client.get("/api/v1/users").json()}
    our_ids = {u["id"] for u in ours.client.get("/api/v1/users").json()}
    assert not their_ids & our_ids
    trail = repr(ours.client.get("/api/v1/audit", params={"limit": 1000}).json())
    assert not any(user_id in trail for user_id in their_ids)
    assert (
        _sign_in(_browser(api), theirs.organisation, taken_elsewhere, PASSWORD).status_code == 200
    )
    assert their_alice.client.get("/api/v1/users/me").json()["username"] == taken_elsewhere


def test_a_name_taken_in_ones_own_organisation_is_refused_in_those_words(api):
    admin = api.member(UserRole.admin)
    body = {"username": admin.username, "role": "reviewer", "password": "a sound passphrase 7"}
    refused = admin.client.post("/api/v1/users", json=body)
    assert refused.status_code == 422
    assert "this username is taken in your organisation" in refused.text


def test_a_users_language_is_set_through_the_api_and_shown_with_the_user(api):
    member = api.member()
    assert member.client.get("/api/v1/users/me").json()["lang"] is None
    chosen = member.client.put("/api/v1/users/me/language", json={"lang": "en"})
    assert chosen.status_code == 200 and chosen.json()["lang"] == "en"
    assert member.client.get("/api/v1/users/me").json()["lang"] == "en"
    assert member.client.put("/api/v1/users/me/language", json={"lang": "fr"}).status_code == 422
