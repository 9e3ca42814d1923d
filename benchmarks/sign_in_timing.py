"""How long a refused sign-in takes: wrong password, unknown username, unknown organisation.

    python -m benchmarks.sign_in_timing [--repeat 40]

On a fresh SQLite store, with the real argon2 parameters and no throttling delay (the delay is
the same function of the count for all three, so it is left out to see the rest). The three
kinds are interleaved, each attempt from an address of its own so none is throttled. The
answers must not tell the three apart: the medians should agree within the noise of the
machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.database import Database

PASSWORD = "a sound passphrase for timing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="Attempts of each kind.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/timing.db", audit_key_file=Path(folder) / "key")
        db.upgrade()
        accounts = Accounts(db, policy=LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0))
        org_id = accounts.add_org("Timing organisation")
        accounts.add_user(org_id, "alice", UserRole.caseworker, PASSWORD)
        kinds = {
            "wrong password": ("Timing organisation", "alice", "not the password"),
            "unknown username": ("Timing organisation", "nobody", "not the password"),
            "unknown organisation": ("No such organisation", "alice", PASSWORD),
        }
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for n in range(args.repeat):
            for i, (kind, (organisation, username, password)) in enumerate(kinds.items()):
                started = time.perf_counter()
                result = accounts.login(organisation, username, password, f"10.0.{n}.{i}")
                times[kind].append((time.perf_counter() - started) * 1000)
                assert result.actor is None and not result.locked
        db.dispose()
    print("| refused because | attempts | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for kind, values in times.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"| {kind} | {len(values)} | {statistics.median(ordered):.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
