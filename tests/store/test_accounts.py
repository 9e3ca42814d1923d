from __future__ import annotations

import pytest
from sqlalchemy import select
from store_fixtures import make_accounts

from zairyu.store import audit, audit_verify
from zairyu.store.access import InvalidRequestError, UserRole
from zairyu.store.accounts import LoginPolicy
from zairyu.store.tables import ApiToken


def _org_with_user(accounts, name, password="s3cret-enough"):
    org_id = accounts.add_org(f"org-of-{name}")
    accounts.add_user(org_id, name, UserRole.caseworker, password)
    return org_id


def test_the_right_password_signs_in_and_the_wrong_one_does_not(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "aiko")
    assert accounts.login("org-of-aiko", "aiko", "s3cret-enough", None).actor.username == "aiko"
    assert accounts.login("org-of-aiko", "aiko", "wrong", None).actor is None
    assert accounts.login("org-of-aiko", "nobody", "wrong", None).actor is None


def test_repeated_failures_lock_the_account_even_against_the_right_password(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "ben")
    for _ in range(accounts.policy.max_failures):
        accounts.login("org-of-ben", "ben", "wrong", None)
    result = accounts.login("org-of-ben", "ben", "s3cret-enough", None)
    assert result.actor is None and result.locked


def test_failed_logins_are_slowed_more_with_each_failure():
    policy = LoginPolicy(delay_per_failure_s=0.25, max_delay_s=2.0)
    assert policy.delay(1) < policy.delay(2) < policy.delay(20) == 2.0


def test_an_api_token_is_stored_hashed_and_stops_working_when_revoked(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "chie")
    actor = accounts.login("org-of-chie", "chie", "s3cret-enough", None).actor
    token_id, token = accounts.issue_token(actor, "laptop")
    with db.transaction() as s:
        stored = s.scalar(select(ApiToken.token_hash).where(ApiToken.id == token_id))
    assert token not in stored
    assert accounts.token_actor(token, None).username == "chie"
    accounts.revoke_token(actor, token_id)
    assert accounts.token_actor(token, None) is None


def test_a_name_used_in_another_organisation_is_free_in_ours_and_the_two_stay_apart(db):
    accounts = make_accounts(db)
    theirs = _org_with_user(accounts, "dai", "their passphrase 1")
    ours = accounts.add_org("org-of-our-dai")
    our_dai = accounts.add_user(ours, "dai", UserRole.reviewer, "our passphrase 22")
    assert (
        accounts.login("org-of-our-dai", "dai", "our passphrase 22", None).actor.user_id == our_dai
    )
    assert accounts.login("org-of-our-dai", "dai", "their passphrase 1", None).actor is None
    assert accounts.login("org-of-dai", "dai", "their passphrase 1", None).actor.org_id == theirs


def test_a_name_taken_in_ones_own_organisation_is_refused_naming_only_that(db):
    accounts = make_accounts(db)
    org_id = _org_with_user(accounts, "emi")
    with pytest.raises(InvalidRequestError) as refused:
        accounts.add_user(org_id, "emi", UserRole.reviewer, "another passphrase 3")
    assert refused.value.problems == [
        {"path": "username", "message": "this username is taken in your organisation"}
    ]


def test_a_users_language_is_kept_with_the_account_and_its_choice_audited(db):
    accounts = make_accounts(db)
    _org_with_user(accounts, "fumi")
    actor = accounts.login("org-of-fumi", "fumi", "s3cret-enough", None).actor
    cookie, _csrf = accounts.open_session(actor)
    assert accounts.session_actor(cookie, None).lang is None
    accounts.set_language(actor, "en")
    assert accounts.session_actor(cookie, None).lang == "en"
    assert accounts.get_user(actor, actor.user_id)["lang"] == "en"
    with pytest.raises(InvalidRequestError):
        accounts.set_language(actor, "fr")
    with db.reading() as s:
        chosen = audit.show(s, org_id=actor.org_id, actor="fumi", limit=5)
    assert [e["detail"] for e in chosen if e["action"] == "set_language"] == ["en"]
    with db.reading() as s:
        assert audit_verify.verify(s).intact
