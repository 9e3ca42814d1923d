"""The API token check in process, three ways, interleaved round by round on a throw-away
SQLite store (as ``zairyu serve`` has by default):

- ``orm``: the check as it was before (``select(ApiToken, User)`` through an ORM session,
  building both objects), kept here as the reference;
- ``core``: ``Accounts.token_actor`` with the token cache off (``TokenCache(0)``): one Core
  select on the token's hash;
- ``cached``: ``Accounts.token_actor`` as served (a live token trusted for 5 s).

    .venv/bin/python -m benchmarks.api.token_check [--rounds 9] [--checks 2000]

Prints µs per check (wall and CPU; medians, min–max over the rounds), each against ``orm``
in the same round, and the load average. Numbers belong here and in docs/benchmarks.md, never
in tests (``tests/store/test_token_check.py`` checks what the check does).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from benchmarks.measure import Sample, interleave, load_average, spread, time_call
from sqlalchemy import select

from zairyu.store.access import Actor, UserRole
from zairyu.store.accounts import Accounts, actor_for, digest
from zairyu.store.database import Database
from zairyu.store.tables import ApiToken, User, utc_now
from zairyu.store.token_cache import TokenCache

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def orm_check(db: Database) -> Callable[[str], Actor | None]:
    """The token check before this change, word for word."""

    def check(token: str) -> Actor | None:
        with db.reading() as s:
            row = s.execute(
                select(ApiToken, User)
                .join(User, User.id == ApiToken.user_id)
                .where(ApiToken.token_hash == digest(token))
            ).first()
            if row is None:
                return None
            api_token, user = row
            expired = api_token.expires_at is not None and api_token.expires_at <= utc_now()
            if api_token.revoked or expired or not user.active:
                return None
            return actor_for(user, None, f"token:{api_token.id}")

    return check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--checks", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = Database(f"sqlite:///{Path(work) / 'zairyu.db'}", Path(work) / "audit.key")
        db.upgrade()
        setup = Accounts(db, FAST)
        org = setup.add_org("bench")
        setup.add_user(org, "bench", UserRole.caseworker, "a sound passphrase 7")
        actor = setup.login("bench", "bench", "a sound passphrase 7", None).actor
        assert actor is not None
        _, token = setup.issue_token(actor, "bench")
        core = Accounts(db, FAST, tokens=TokenCache(0))
        cached = Accounts(db, FAST)
        plain = orm_check(db)
        checks: dict[str, Callable[[], Actor | None]] = {
            "orm": lambda: plain(token),
            "core": lambda: core.token_actor(token, None),
            "cached": lambda: cached.token_actor(token, None),
        }
        for name, check in checks.items():
            found = check()
            assert found is not None and found.user_id == actor.user_id, name

        def task(check: Callable[[], Actor | None]) -> Callable[[], Sample]:
            return lambda: time_call(check, args.checks)

        before = load_average()
        samples = interleave({name: task(check) for name, check in checks.items()}, args.rounds)
        db.dispose()
    print(f"load average before {before}, after {load_average()}")
    print(f"{'check':8} {'wall µs':>22} {'cpu µs':>22}   cpu vs orm (same round)")
    for name, runs in samples.items():
        wall = spread([s.wall_s * 1e6 for s in runs], 1)
        cpu = spread([s.cpu_s * 1e6 for s in runs], 1)
        ratio = spread([s.cpu_s / o.cpu_s for s, o in zip(runs, samples["orm"], strict=True)], 3)
        print(
            f"{name:8} {wall['median']:>8} ({wall['min']}–{wall['max']})"
            f" {cpu['median']:>8} ({cpu['min']}–{cpu['max']})"
            f"   {ratio['median']}× ({ratio['min']}–{ratio['max']})"
        )


if __name__ == "__main__":
    main()
