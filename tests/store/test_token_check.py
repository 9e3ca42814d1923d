"""The API token check: one Core select on the token's hash, then a few seconds of trust.

A revocation (or a user deactivated, demoted, given a new password) through the same
``Accounts`` stops the token at once; through another one (another worker, a command) within
the cache's lifetime. The cache's clock is a test clock: nothing here sleeps.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update
from store_fixtures import FAST_HASHER

from zairyu.store import accounts as accounts_module
from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.tables import ApiToken, Organisation, utc_now
from zairyu.store.token_cache import LiveToken, TokenCache

TTL = 5.0
PASSWORD = "correct horse battery staple"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _accounts(db, clock=None, ttl=TTL):
    policy = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0)
    return Accounts(db, FAST_HASHER, policy, TokenCache(ttl, clock or Clock()))


def _member(accounts, role=UserRole.caseworker, org_id=None, expires_at=None):
    org_id = org_id or accounts.add_org(f"org-{uuid.uuid4().hex[:8]}")
    username = f"user-{uuid.uuid4().hex[:8]}"
    accounts.add_user(org_id, username, role, PASSWORD)
    with accounts.db.reading() as s:
        organisation = s.scalar(select(Organisation.name).where(Organisation.id == org_id))
    actor = accounts.login(organisation, username, PASSWORD, None).actor
    token_id, token = accounts.issue_token(actor, "tests", expires_at)
    return actor, token_id, token


def _statements(db):
    """The SQL statements the store's engine runs, as a list that fills."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", count)


def test_a_live_token_is_one_core_select_then_no_statement_while_it_is_trusted(db):
    clock = Clock()
    accounts = _accounts(db, clock)
    _, _, token = _member(accounts)
    seen, stop = _statements(db)
    try:
        assert accounts.token_actor(token, "10.0.0.1") is not None
        selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 1 and "api_tokens" in selects[0]
        seen.clear()
        clock.now += TTL - 0.1
        actor = accounts.token_actor(token, "10.0.0.2")
        assert seen == []
        clock.now += 0.1
        assert accounts.token_actor(token, None) is not None
        assert any("api_tokens" in s for s in seen)
    finally:
        stop()
    assert actor is not None and actor.remote == "10.0.0.2"  # the request's own address
    assert actor.credential is not None and actor.credential.startswith("token:")


def test_a_token_revoked_in_this_process_stops_at_once(db):
    accounts = _accounts(db)
    actor, token_id, token = _member(accounts)
    assert accounts.token_actor(token, None) is not None  # now trusted for TTL seconds
    accounts.revoke_token(actor, token_id)
    assert accounts.token_actor(token, None) is None


def test_a_token_revoked_by_another_process_stops_within_the_bound(db):
    clock = Clock()
    here = _accounts(db, clock)
    elsewhere = _accounts(db)  # another worker, or a command
    actor, token_id, token = _member(here)
    assert here.token_actor(token, None) is not None
    elsewhere.revoke_token(actor, token_id)
    clock.now += TTL - 0.001
    assert here.token_actor(token, None) is not None  # trusted at most TTL seconds
    clock.now += 0.001
    assert here.token_actor(token, None) is None
    clock.now += 100 * TTL
    assert here.token_actor(token, None) is None  # a revoked token is never trusted again


def test_a_user_deactivated_elsewhere_is_refused_within_the_bound_and_here_at_once(db):
    clock = Clock()
    here, elsewhere = _accounts(db, clock), _accounts(db)
    admin, _, _ = _member(here, UserRole.admin)
    _, _, token = _member(here, org_id=admin.org_id)
    user_id = here.token_actor(token, None).user_id
    elsewhere.update_user(admin, user_id, None, False)
    clock.now += TTL
    assert here.token_actor(token, None) is None
    here.update_user(admin, user_id, None, True)
    assert here.token_actor(token, None) is not None
    here.update_user(admin, user_id, None, False)
    assert here.token_actor(token, None) is None


def test_a_role_changed_in_this_process_applies_to_the_next_request(db):
    accounts = _accounts(db)
    admin, _, _ = _member(accounts, UserRole.admin)
    _, _, token = _member(accounts, UserRole.caseworker, org_id=admin.org_id)
    user_id = accounts.token_actor(token, None).user_id
    accounts.update_user(admin, user_id, UserRole.read_only, None)
    assert accounts.token_actor(token, None).role == UserRole.read_only


def test_a_new_password_ends_the_users_other_tokens_at_once(db):
    accounts = _accounts(db)
    actor, _, token = _member(accounts)
    assert accounts.token_actor(token, None) is not None
    accounts.set_password(actor, actor.user_id, "another long passphrase 4", PASSWORD)
    assert accounts.token_actor(token, None) is None


def test_an_expiry_is_checked_on_every_request_even_while_the_token_is_trusted(db, monkeypatch):
    accounts = _accounts(db)
    now = utc_now()
    _, _, token = _member(accounts, expires_at=now + timedelta(hours=1))
    assert accounts.token_actor(token, None) is not None
    monkeypatch.setattr(accounts_module, "utc_now", lambda: now + timedelta(hours=2))
    assert accounts.token_actor(token, None) is None


def test_a_wrong_token_is_looked_up_every_time_and_a_revoked_one_is_never_kept(db):
    accounts = _accounts(db)
    _, token_id, token = _member(accounts)
    with db.transaction() as s:
        s.execute(update(ApiToken).where(ApiToken.id == token_id).values(revoked=True))
    seen, stop = _statements(db)
    try:
        for _ in range(2):
            assert accounts.token_actor("zt_not-a-token", None) is None
            assert accounts.token_actor(token, None) is None
    finally:
        stop()
    assert sum("api_tokens" in s for s in seen) == 4


def test_with_no_lifetime_every_token_is_looked_up(db):
    accounts = _accounts(db, ttl=0)
    actor, token_id, token = _member(accounts)
    assert accounts.token_actor(token, None) is not None
    _accounts(db).revoke_token(actor, token_id)
    assert accounts.token_actor(token, None) is None


def test_a_lookup_overtaken_by_a_change_is_not_kept():
    cache = TokenCache(TTL, Clock())
    live = LiveToken("t1", "u1", "name", "o1", "caseworker", None)
    generation = cache.generation()  # a lookup begins and reads the token as live ...
    cache.forget_user("u1")  # ... a revocation commits meanwhile ...
    cache.put("hash", live, generation)  # ... and the lookup ends
    assert cache.get("hash") is None
    cache.put("hash", live, cache.generation())
    assert cache.get("hash") == live


def test_the_cache_keeps_at_most_its_limit_and_drops_the_oldest():
    cache = TokenCache(TTL, Clock(), max_entries=2)
    for n in range(3):
        cache.put(f"h{n}", LiveToken(f"t{n}", f"u{n}", "x", "o", "reviewer", None), 0)
    assert cache.get("h0") is None and cache.get("h1") and cache.get("h2")


def test_a_negative_lifetime_is_refused():
    with pytest.raises(ValueError, match="negative"):
        TokenCache(-1)
