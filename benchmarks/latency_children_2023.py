"""Latency of one household assessed in process with the full trace (issue 2).

Run: .venv/bin/python benchmarks/latency_children_2023.py [EXAMPLE.json]

Prints the median and p95 over many warm runs, with and without counterfactuals, for the
children-2023 policy alone and for every policy in force. Not a test: timings never gate CI.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from zairyu.engine.assessment import assess
from zairyu.model.problems import load_household

AS_OF = date(2025, 1, 1)


def measure(fn, runs: int = 3000) -> tuple[float, float]:
    for _ in range(200):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/01-covered-family.json")
    household = load_household(path.read_text(encoding="utf-8"), str(path), AS_OF)
    print(f"household {household.id}: {len(household.members)} persons, as of {AS_OF}")
    cases = {
        "children-2023, full trace": lambda: assess(
            household, AS_OF, ["children-2023"], counterfactuals=False
        ),
        "children-2023, full trace + counterfactuals": lambda: assess(
            household, AS_OF, ["children-2023"]
        ),
        "all policies in force, full trace": lambda: assess(
            household, AS_OF, counterfactuals=False
        ),
    }
    print("| case | median µs | p95 µs |\n|---|---|---|")
    for label, fn in cases.items():
        median, p95 = measure(fn, 2000 if "counterfactuals" not in label else 300)
        print(f"| {label} | {median:.0f} | {p95:.0f} |")


if __name__ == "__main__":
    main()
