"""Time zairyu and its peers on the benchmark rule set, in one run; print a Markdown table with
ratios to OpenFisca and write ``benchmarks/results.json``.

    python -m benchmarks.run [--sizes 10000 100000 1000000] [--repeat 3]

Whole process: ``/usr/bin/time -v`` around a fresh process that reads the Parquet file,
evaluates and writes the results (wall time and peak resident memory). Evaluation only,
single household and what-if: in this process, data already loaded, warm, median of repeats.
Every engine's outputs must equal zairyu's, column by column and person by person.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.engines import (
    OUTPUTS,
    WHATIF,
    openfisca_engine,
    python_loop,
    zairyu_engine,
    zen_engine,
)
from benchmarks.engines.households import households
from benchmarks.generate import generate

HERE = Path(__file__).parent
DATA = HERE / "data"
ENGINES = {
    "zairyu": zairyu_engine,
    "openfisca": openfisca_engine,
    "zen": zen_engine,
    "python": python_loop,
}
SLOW = {"zen": 100_000}  # in-process timings above this size would take minutes
BIN = Path(sys.executable).parent


# Whole process only: the same zairyu batch through the library, without the CLI's start-up.
LIBRARY = "zairyu-library"


def whole_process(engine: str, source: Path, target: Path) -> tuple[float, float]:
    if engine == "zairyu":
        cmd = zairyu_engine.command(str(source), str(target))
        cmd[0] = str(BIN / "zairyu")
    elif engine == LIBRARY:
        cmd = [sys.executable, "-m", "benchmarks.engines.zairyu_engine", str(source), str(target)]
    else:
        cmd = [
            sys.executable,
            "-m",
            f"benchmarks.engines.{ENGINES[engine].__name__.split('.')[-1]}",
        ]
        cmd += [str(source), str(target)]
    done = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=HERE.parent, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and rss, done.stderr
    hours = float(wall.group(1) or 0)
    return hours * 3600 + float(wall.group(2)) * 60 + float(wall.group(3)), int(rss.group(1)) / 1024


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check_agreement(reference: pl.DataFrame, other: pl.DataFrame, label: str) -> None:
    for name in OUTPUTS:
        if not reference[name].equals(other[name], check_names=False):
            diff = (reference[name] != other[name]).arg_true()
            raise SystemExit(f"{label}: column {name} differs at rows {diff.head(5).to_list()}")


def batch_rows(size: int, repeat: int) -> list[dict[str, Any]]:
    source = DATA / f"persons-{size}.parquet"
    if not source.exists():
        generate(size, seed=1).write_parquet(source)
    rows, outputs = [], {}
    for engine in [*ENGINES, LIBRARY]:
        runs = 1 if engine in SLOW and size > SLOW[engine] else repeat
        target = DATA / f"out-{engine}-{size}.parquet"
        measured = [whole_process(engine, source, target) for _ in range(runs)]
        outputs[engine] = pl.read_parquet(target).sort("person_id")
        rows.append(
            {
                "engine": engine,
                "task": "batch",
                "persons": size,
                "wall_s": round(statistics.median(m[0] for m in measured), 3),
                "peak_rss_mib": round(statistics.median(m[1] for m in measured), 1),
                "runs": runs,
            }
        )
    for engine, out in outputs.items():
        check_agreement(outputs["zairyu"], out, f"batch {engine} at {size}")
    return rows


def in_process_rows(size: int, repeat: int) -> list[dict[str, Any]]:
    frame = pl.read_parquet(DATA / f"persons-{size}.parquet")
    rows = []
    baseline = zairyu_engine.evaluate(frame)
    whatif = zairyu_engine.evaluate(frame, WHATIF)
    for name, engine in ENGINES.items():
        if name in SLOW and size > SLOW[name]:
            continue
        prepared = engine.prepare(frame)
        if name == "openfisca":  # evaluation = calculation on a built simulation
            build = median_time(partial(openfisca_engine.simulate, prepared), repeat)
            both = median_time(partial(_simulate_and_calculate, prepared), repeat)
            seconds = both - build
        else:
            seconds = median_time(partial(engine.evaluate, prepared), repeat)
        rows.append(
            {"engine": name, "task": "batch", "persons": size,
             "eval_persons_per_s": round(size / seconds)}
        )  # fmt: skip
        check_agreement(baseline, engine.evaluate(prepared), f"eval {name} at {size}")
        changed = engine.evaluate(prepared, WHATIF)
        check_agreement(whatif, changed, f"what-if {name} at {size}")
        seconds = median_time(partial(engine.evaluate, prepared, WHATIF), repeat)
        rows.append(
            {"engine": name, "task": "whatif", "persons": size, "wall_s": round(seconds, 4)}
        )
    return rows


def single_rows(repeat: int) -> list[dict[str, Any]]:
    frame = pl.read_parquet(DATA / "persons-10000.parquet")
    household = next(h for h in households(frame) if len(h) == 4)
    rows = []
    for name, engine in ENGINES.items():
        for trace in (True, False):
            if name == "python" and trace:
                continue
            engine.single(household, trace)  # warm
            n = 200 if name == "openfisca" else 5000
            seconds = median_time(partial(_repeat, engine.single, household, trace, n), repeat)
            rows.append(
                {"engine": name, "task": "single", "persons": len(household), "trace": trace,
                 "latency_us": round(seconds / n * 1e6, 1)}
            )  # fmt: skip
    return rows


def _simulate_and_calculate(prepared: Any) -> None:
    openfisca_engine.calculate(openfisca_engine.simulate(prepared))


def _repeat(single: Callable[..., Any], household: Any, trace: bool, n: int) -> None:
    for _ in range(n):
        single(household, trace)


def table(rows: list[dict[str, Any]]) -> str:
    def ref(row: dict[str, Any]) -> dict[str, Any] | None:
        return next(
            (r for r in rows
             if r["engine"] == "openfisca" and r["task"] == row["task"]
             and r["persons"] == row["persons"] and r.get("trace") == row.get("trace")),
            None,
        )  # fmt: skip

    lines = [
        "| task | persons | engine | wall s | peak MiB | eval persons/s | latency µs "
        "| vs OpenFisca |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        base = ref(r)
        ratio = ""
        if base and r["engine"] != "openfisca":
            parts = []
            for key in ("wall_s", "latency_us"):
                if key in r and key in base:
                    parts.append(f"{base[key] / r[key]:.2f}× faster")
            if "eval_persons_per_s" in r and "eval_persons_per_s" in base:
                parts.append(f"eval {r['eval_persons_per_s'] / base['eval_persons_per_s']:.2f}×")
            if "peak_rss_mib" in r:
                parts.append(f"memory {r['peak_rss_mib'] / base['peak_rss_mib']:.2f}×")
            ratio = ", ".join(parts)
        task = r["task"] + (" (trace)" if r.get("trace") else "")
        speed = f"{r['eval_persons_per_s']:,}" if "eval_persons_per_s" in r else ""
        lines.append(
            f"| {task} | {r['persons']:,} | {r['engine']} | {r.get('wall_s', '')} | "
            f"{r.get('peak_rss_mib', '')} | {speed} | {r.get('latency_us', '')} | {ratio} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    if not (DATA / "persons-10000.parquet").exists():
        generate(10_000, seed=1).write_parquet(DATA / "persons-10000.parquet")
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        batch = batch_rows(size, args.repeat)
        for extra in in_process_rows(size, args.repeat):
            same = [r for r in batch if (r["engine"], r["task"]) == (extra["engine"], "batch")]
            if extra["task"] == "batch" and same:
                same[0].update(extra)
            else:
                rows.append(extra)
        rows += batch
        print(f"done: {size:,} persons", file=sys.stderr)
    rows += single_rows(args.repeat)
    args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    report = f"{table(rows)}\n\nAll engines agree on every output column ({', '.join(OUTPUTS)}).\n"
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    print(report, end="")


if __name__ == "__main__":
    main()
