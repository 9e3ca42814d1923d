"""Measuring, so that a comparison cannot mislead: one sample per run (wall and CPU seconds,
peak memory), engines interleaved round by round, every figure as a ratio to the peer measured
in the same round, and the machine's load stated.

A whole process is measured from outside by the operating system's own accounting of the
finished child (``os.wait4`` in ``launch.py``: user + system CPU seconds, the largest resident
set); a step in
process by ``time.perf_counter`` and ``time.process_time`` (CPU of every thread of this
process), with no memory figure (the process holds everything else too).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Sample:
    wall_s: float
    cpu_s: float
    peak_mib: float | None = None


def run_process(command: Sequence[str], cwd: Path) -> Sample:
    """One run of a whole command, through ``launch.py`` (see there why); its output is thrown
    away, its error shown if it fails."""
    launcher = [sys.executable, "-S", str(Path(__file__).with_name("launch.py"))]
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(
            [*launcher, *command], cwd=cwd, stdout=subprocess.PIPE, stderr=errors, check=False
        )
        errors.seek(0)
        tail = errors.read()[-2000:].decode(errors="replace")
    figures = json.loads(done.stdout) if done.returncode == 0 else {"exit": done.returncode}
    if figures["exit"] != 0:
        raise SystemExit(f"{' '.join(command)} failed ({figures['exit']}):\n{tail}")
    return Sample(figures["wall_s"], figures["cpu_s"], figures["peak_mib"])


def time_call(fn: Callable[[], Any], calls: int = 1) -> Sample:
    """Wall and CPU seconds of ``calls`` calls of ``fn`` in this process, divided by ``calls``."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        fn()
    return Sample((time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls)


def interleave(
    tasks: Mapping[str, Callable[[], Sample]],
    rounds: int,
    warmup: int = 1,
    only_once: frozenset[str] = frozenset(),
) -> dict[str, list[Sample]]:
    """Run every task once per round, A B C A B C ..., the order rotated each round so no engine
    always runs first; warm-up rounds are not kept. A task in ``only_once`` runs in the first
    counted round only (too slow to repeat)."""
    names = list(tasks)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for number in range(warmup + rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            if name in only_once and number != warmup:
                continue
            sample = tasks[name]()
            if number >= warmup:
                samples[name].append(sample)
    return samples


def spread(values: Sequence[float], digits: int = 4) -> dict[str, float]:
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


def paired(samples: list[Sample], peer: list[Sample]) -> dict[str, dict[str, float]]:
    """Ratios round by round against the peer measured in the same rounds: ``wall`` and ``cpu``
    are peer / engine (above 1: the engine is faster), ``peak`` is engine / peer (below 1: it
    uses less memory). A task run once is paired with the peer's first round."""
    pairs = list(zip(samples, peer, strict=False))
    ratios = {
        "wall": [p.wall_s / s.wall_s for s, p in pairs],
        "cpu": [p.cpu_s / s.cpu_s for s, p in pairs if s.cpu_s > 0],
        "peak": [s.peak_mib / p.peak_mib for s, p in pairs if s.peak_mib and p.peak_mib],
    }
    return {key: spread(values, 3) for key, values in ratios.items() if values}


def figures(samples: list[Sample]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rounds": len(samples),
        "wall_s": spread([s.wall_s for s in samples], 6),
        "cpu_s": spread([s.cpu_s for s in samples], 6),
    }
    peaks = [s.peak_mib for s in samples if s.peak_mib is not None]
    if peaks:
        out["peak_mib"] = spread(peaks, 1)
    return out


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
