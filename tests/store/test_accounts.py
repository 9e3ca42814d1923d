from __future__ import annotations

from sqlalchemy import select
from store_fixtures import make_accounts

from zairyu.store.access import UserRole
from zairyu.store.accounts import LoginPolicy
from zairyu.store.tables import ApiToken


def _org_with_user(accounts, name, password="s3cret-enough"):
    org_id = accounts.add_org(f"org-of-{name}")
    accounts.add_user(org_id, name, UserRole.caseworker, password)
    return org_id


def test_the_right_password_signs_in_and_the_wrong_one_does_not(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "aiko")
    assert accounts.login("aiko", "s3cret-enough", None).actor.username == "aiko"
    assert accounts.login("aiko", "wrong", None).actor is None
    assert accounts.login("nobody", "wrong", None).actor is None


def test_repeated_failures_lock_the_account_even_against_the_right_password(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "ben")
    for _ in range(accounts.policy.max_failures):
        accounts.login("ben", "wrong", None)
    result = accounts.login("ben", "s3cret-enough", None)
    assert result.actor is None and result.locked


def test_failed_logins_are_slowed_more_with_each_failure():
    policy = LoginPolicy(delay_per_failure_s=0.25, max_delay_s=2.0)
    assert policy.delay(1) < policy.delay(2) < policy.delay(20) == 2.0


def test_an_api_token_is_stored_hashed_and_stops_working_when_revoked(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "chie")
    actor = accounts.login("chie", "s3cret-enough", None).actor
    token_id, token = accounts.issue_token(actor, "laptop")
    with db.transaction() as s:
        stored = s.scalar(select(ApiToken.token_hash).where(ApiToken.id == token_id))
    assert token not in stored
    assert accounts.token_actor(token, None).username == "chie"
    accounts.revoke_token(actor, token_id)
    assert accounts.token_actor(token, None) is None
