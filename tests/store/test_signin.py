"""Sign-in: every attempt counted atomically, no lockout of the owner from elsewhere, unknown
and known names alike, and argon2 never run while a database connection is held."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from sqlalchemy import select
from store_fixtures import FAST_HASHER

from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.tables import SignInThrottle, User

PASSWORD = "a sound passphrase 7"
POLICY = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0)


class CountingHasher(PasswordHasher):
    """The fast test hasher, counting verifications and checking no connection is held."""

    def __init__(self, db) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.db, self.verified, self.held = db, 0, 0

    def verify(self, hash, password):
        self.verified += 1
        self.held += self.db.engine.pool.checkedout()
        return super().verify(hash, password)


def _user(accounts):
    """(organisation name, username) of a new user, and the user's id."""
    organisation = f"org-{uuid.uuid4().hex[:8]}"
    org_id = accounts.add_org(organisation)
    name = f"u-{uuid.uuid4().hex[:8]}"
    user_id = accounts.add_user(org_id, name, UserRole.caseworker, PASSWORD)
    return (organisation, name), user_id


def test_forty_parallel_wrong_passwords_all_count_and_few_are_checked(db):
    hasher = CountingHasher(db)
    accounts = Accounts(db, hasher, POLICY)
    who, user_id = _user(accounts)
    hasher.verified = 0
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: accounts.login(*who, "wrong", "10.1.1.1"), range(40)))
    assert all(r.actor is None for r in results)
    assert sum(r.locked for r in results) == 40 - POLICY.max_failures
    assert hasher.verified == POLICY.max_failures
    with db.reading() as s:
        assert s.scalar(select(User.failed_logins).where(User.id == user_id)) == 40
        counts = sorted(s.scalars(select(SignInThrottle.failures)).all())
    assert 40 in counts


def test_the_owner_signs_in_from_elsewhere_while_an_attacker_is_throttled(db):
    accounts = Accounts(db, FAST_HASHER, POLICY)
    who, _ = _user(accounts)
    for _ in range(POLICY.max_failures + 3):
        accounts.login(*who, "guess", "203.0.113.9")
    assert accounts.login(*who, PASSWORD, "203.0.113.9").locked
    assert accounts.login(*who, PASSWORD, "198.51.100.7").actor is not None


def test_a_known_name_an_unknown_name_and_an_unknown_organisation_answer_alike(db):
    hasher = CountingHasher(db)
    accounts = Accounts(db, hasher, POLICY)
    known, _ = _user(accounts)
    tries = {
        "wrong password": known,
        "unknown name": (known[0], f"u-{uuid.uuid4().hex[:8]}"),
        "unknown organisation": (f"org-{uuid.uuid4().hex[:8]}", known[1]),
    }
    answers = {}
    for n, (why, who) in enumerate(tries.items()):
        hasher.verified = 0
        results = [accounts.login(*who, "wrong", f"192.0.2.{n}") for _ in range(8)]
        answers[why] = ([(r.actor, r.locked, r.failures) for r in results], hasher.verified)
    assert answers["wrong password"] == answers["unknown name"] == answers["unknown organisation"]
    assert answers["unknown name"][1] == POLICY.max_failures  # each is hashed as often


def test_many_names_from_one_address_are_throttled_there_only(db):
    policy = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0, max_failures_per_address=10)
    accounts = Accounts(db, FAST_HASHER, policy)
    who, _ = _user(accounts)
    for n in range(10):
        accounts.login(who[0], f"spray-{n}-{uuid.uuid4().hex[:6]}", "x", "192.0.2.200")
    assert accounts.login(*who, PASSWORD, "192.0.2.200").locked
    assert accounts.login(*who, PASSWORD, "192.0.2.201").actor is not None


def test_argon2_never_runs_while_a_database_connection_is_held(db):
    hasher = CountingHasher(db)
    accounts = Accounts(db, hasher, POLICY)
    who, _ = _user(accounts)
    hasher.verified = hasher.held = 0
    accounts.login(*who, PASSWORD, "192.0.2.50")
    accounts.login(*who, "wrong", "192.0.2.50")
    accounts.login(who[0], "nobody-at-all", "wrong", "192.0.2.50")
    assert hasher.verified == 3 and hasher.held == 0


def test_a_correct_sign_in_clears_the_count_of_its_name_and_address(db):
    accounts = Accounts(db, FAST_HASHER, POLICY)
    who, _ = _user(accounts)
    for _ in range(POLICY.max_failures - 1):
        accounts.login(*who, "wrong", "192.0.2.60")
    assert accounts.login(*who, PASSWORD, "192.0.2.60").actor is not None
    for _ in range(POLICY.max_failures - 1):
        assert not accounts.login(*who, "wrong", "192.0.2.60").locked
