"""The benchmark harness measures what it says: engines interleaved with the order rotated, ratios
paired round by round, and a whole command's peak memory its own, not the harness's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from benchmarks.measure import Sample, interleave, paired, run_process
from benchmarks.report import targets

ROOT = Path(__file__).parents[2]


def test_engines_take_turns_within_each_round_and_none_always_runs_first():
    calls: list[str] = []

    def task(name: str):
        return lambda: calls.append(name) or Sample(1.0, 1.0)

    samples = interleave({n: task(n) for n in "abc"}, rounds=3, warmup=1)
    assert calls == list("abcbcacababc")
    assert {len(s) for s in samples.values()} == {3}


def test_a_slow_engine_runs_in_the_first_counted_round_only():
    samples = interleave(
        {"a": lambda: Sample(1.0, 1.0), "z": lambda: Sample(9.0, 9.0)},
        rounds=4,
        only_once=frozenset({"z"}),
    )
    assert len(samples["a"]) == 4 and len(samples["z"]) == 1


def test_ratios_are_taken_round_by_round_not_as_a_ratio_of_medians():
    # The engine is twice as fast as the peer in every round while the machine slows down:
    # paired, the ratio is exactly 2 whatever the drift.
    engine = [Sample(1.0, 1.0, 50.0), Sample(2.0, 2.0, 50.0), Sample(4.0, 4.0, 50.0)]
    peer = [Sample(2.0, 2.0, 100.0), Sample(4.0, 4.0, 100.0), Sample(8.0, 8.0, 100.0)]
    ratios = paired(engine, peer)
    assert ratios["wall"] == {"min": 2.0, "median": 2.0, "max": 2.0}
    assert ratios["cpu"]["median"] == 2.0
    assert ratios["peak"]["median"] == 0.5


def test_a_whole_command_reports_its_own_peak_memory_not_the_harness_s():
    ballast = bytearray(300 * 1024 * 1024)  # the harness grows by 300 MiB
    ballast[::4096] = b"x" * len(ballast[::4096])
    sample = run_process([sys.executable, "-c", "pass"], ROOT)
    assert sample.peak_mib is not None and sample.peak_mib < 150
    assert sample.wall_s > 0 and sample.cpu_s > 0
    del ballast


def test_a_failing_command_stops_the_run_with_its_error():
    with pytest.raises(SystemExit, match="boom"):
        run_process([sys.executable, "-c", "raise SystemExit('boom')"], ROOT)


def _row(task: str, persons: int, engine: str, wall: float, peak: float | None = None) -> dict:
    vs = {"wall": {"median": wall}, "cpu": {"median": wall - 0.2}}
    if peak is not None:
        vs["peak"] = {"median": peak}
    return {"task": task, "persons": persons, "engine": engine, "vs_openfisca": vs}


def test_targets_name_the_floor_measured_in_the_same_run_and_say_what_was_not_measured():
    rows = [
        _row("batch", 1_000_000, "zairyu", 2.0, 0.8),
        _row("batch", 1_000_000, "polars-floor", 3.1, 0.5),
        {
            **_row("eval", 1_000_000, "zairyu", 2.0),
            "persons_per_s": 12_000_000,
            "cpu_s": {"median": 0.125},
        },
    ]
    found = {name: (value, met, note) for name, value, met, note in targets(rows)}
    assert found["batch at 1M: ≥ 2.5× OpenFisca (wall)"] == (
        2.0, False, "CPU 1.80×; bare Polars floor in the same rounds: wall 3.10×, CPU 2.90×"
    )  # fmt: skip
    assert found["batch at 20M: ≥ 3× OpenFisca (wall)"][:2] == (None, None)
    evaluation = next(v for k, v in found.items() if k.startswith("evaluation"))
    assert evaluation[:2] == (12.0, True)
