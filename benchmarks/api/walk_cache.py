"""assess() of the API's default request in process: the missing-facts walk with its compiled
closures kept in the compiled plan's cache (as ``engine/unknown.py`` does) against the same
cache emptied before every request (each walk compiling its closures again), interleaved.

    .venv/bin/python -m benchmarks.api.walk_cache [--rounds 9] [--requests 300]

Prints the closures the walk compiles per request both ways and the CPU time per request,
the ratio warm / cold per round (median, min, max) and the load average. Numbers belong here
and in docs/benchmarks.md, never in tests (``tests/engine/test_missing_facts_cache.py`` checks
that the two give the same results).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

from benchmarks.api.request import default_request

from zairyu.engine import unknown
from zairyu.engine.assessment import HouseholdAssessment, assess
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.scalar import compile_node


def _compiled_per_request(request: Callable[[], object]) -> int:
    calls = 0

    def counting(node: Any) -> Any:
        nonlocal calls
        calls += 1
        return compile_node(node)

    unknown.compile_node = counting
    try:
        request()
    finally:
        unknown.compile_node = compile_node
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    _, household, on = default_request()
    catalogue = default_catalogue()
    plans = [catalogue.scalar(p.id) for p in catalogue.select(on, None)]

    def warm() -> HouseholdAssessment:
        return assess(household, on)

    def cold() -> HouseholdAssessment:
        for plan in plans:
            plan.cache.pop("unknown_walk", None)
            plan.cache.pop("unknown_reach", None)
        return assess(household, on)

    if warm() != cold():
        raise SystemExit("a warm and a cold cache give different assessments")
    print(f"load average before: {os.getloadavg()}")
    print(f"closures the walk compiles: cold {_compiled_per_request(cold)}, "
          f"warm {_compiled_per_request(warm)}")  # fmt: skip
    ratios, warm_s, cold_s = [], [], []
    for r in range(args.rounds):
        took: dict[str, float] = {}
        for name, request in (("warm", warm), ("cold", cold))[:: 1 if r % 2 else -1]:
            start = time.process_time()
            for _ in range(args.requests):
                request()
            took[name] = (time.process_time() - start) / args.requests
        ratios.append(took["warm"] / took["cold"])
        warm_s.append(took["warm"])
        cold_s.append(took["cold"])

    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2]

    print(f"CPU per request, warm / cold, paired per round: {median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}); medians {median(warm_s) * 1e6:.0f} "
          f"and {median(cold_s) * 1e6:.0f} us")  # fmt: skip
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
