"""Time zairyu and its peers on the benchmark rule set, engines interleaved round by round, every
figure paired with OpenFisca's in the same rounds; print a Markdown table and the targets, write
``benchmarks/results.json`` and ``results.md``.

    python -m benchmarks.run [--sizes 10k,100k,1M] [--large] [--rounds 7]

Whole process (``batch``): a fresh process reads the Parquet file, evaluates and writes the
results; wall and CPU seconds and peak memory from the operating system's accounting of the
finished child. In process, data loaded: the evaluation alone (``eval``; OpenFisca's is
``calculate`` timed on a simulation built beforehand), the what-if (``whatif``: recompiled and
re-evaluated) and one household (``single``). Every engine's outputs must equal zairyu's,
column by column and person by person. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import sys
from collections.abc import Callable
from functools import partial
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import Any

import polars as pl

import zairyu
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
from benchmarks.measure import (
    Sample,
    figures,
    interleave,
    load_average,
    paired,
    run_process,
    time_call,
)
from benchmarks.report import report

HERE = Path(__file__).parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
PEER = "openfisca"
ENGINES = {
    "zairyu": zairyu_engine,
    "openfisca": openfisca_engine,
    "zen": zen_engine,
    "python": python_loop,
}
LIBRARY = "zairyu-library"  # the same batch through zairyu.io.batch, without the command line
FLOOR = "polars-floor"  # benchmarks/floor_polars.py: Python + Polars, no policy (see its doc)
TYPER_FLOOR = "typer-floor"  # benchmarks/floor_typer.py: the same from a Typer command
# Above these sizes an engine runs once (whole process) or not at all (in process, whole
# process at the large sizes): a plain loop and a per-household graph take minutes there.
ONCE = {"zen": 100_000}
SKIP = {"zen": 1_000_000, "python": 1_000_000}
SCALE = {"k": 1_000, "M": 1_000_000}
DEFAULT_SIZES = "10k,100k,1M"
LARGE_SIZES = (10_000_000, 20_000_000)


def size(text: str) -> int:
    unit = SCALE.get(text[-1], 1)
    return int(float(text[:-1] if unit > 1 else text) * unit)


def command(engine: str, source: Path, target: Path) -> list[str]:
    if engine == "zairyu":
        cmd = zairyu_engine.command(str(source), str(target))
        return [str(BIN / "zairyu"), *cmd[1:]]
    if engine == FLOOR:
        return [sys.executable, str(HERE / "floor_polars.py"), str(source), str(target)]
    if engine == TYPER_FLOOR:
        rest = zairyu_engine.command(str(source), str(target))[2:]  # zairyu batch's parameters
        return [sys.executable, "-m", "benchmarks.floor_typer", *rest]
    module = "zairyu_engine" if engine == LIBRARY else ENGINES[engine].__name__.split(".")[-1]
    return [sys.executable, "-m", f"benchmarks.engines.{module}", str(source), str(target)]


def rows_for(
    task: str, persons: int, samples: dict[str, list[Sample]], **extra: Any
) -> list[dict[str, Any]]:
    rows = []
    for engine, measured in samples.items():
        row = {"task": task, "persons": persons, "engine": engine, **extra, **figures(measured)}
        if task == "eval":
            row["persons_per_s"] = round(persons / row["wall_s"]["median"])
        if engine != PEER:
            row["vs_openfisca"] = paired(measured, samples[PEER])
        rows.append(row)
    return rows


def check_agreement(reference: pl.DataFrame, other: pl.DataFrame, label: str) -> None:
    for name in OUTPUTS:
        if not reference[name].equals(other[name], check_names=False):
            diff = (reference[name] != other[name]).arg_true()
            raise SystemExit(f"{label}: column {name} differs at rows {diff.head(5).to_list()}")


def dataset(persons: int) -> Path:
    source = DATA / f"persons-{persons}.parquet"
    if not source.exists():
        generate(persons, seed=1).write_parquet(source)
    return source


def batch_rows(persons: int, rounds: int) -> list[dict[str, Any]]:
    source = dataset(persons)
    engines = [
        e for e in [*ENGINES, LIBRARY, FLOOR, TYPER_FLOOR] if persons <= SKIP.get(e, persons)
    ]
    targets = {e: DATA / f"out-{e}-{persons}.parquet" for e in engines}
    tasks = {e: partial(run_process, command(e, source, targets[e]), HERE.parent) for e in engines}
    once = frozenset(e for e in engines if persons > ONCE.get(e, persons))
    samples = interleave(tasks, rounds, warmup=1, only_once=once)
    reference = pl.read_parquet(targets["zairyu"]).sort("person_id")
    for engine in engines:
        if engine not in (FLOOR, TYPER_FLOOR):
            out = pl.read_parquet(targets[engine]).sort("person_id")
            check_agreement(reference, out, f"batch {engine} at {persons:,}")
    return rows_for("batch", persons, samples)


def _openfisca_calculation(prepared: dict[str, Any]) -> Sample:
    simulation = openfisca_engine.simulate(prepared)  # built beforehand, not timed
    return time_call(partial(openfisca_engine.calculate, simulation))


def in_process_rows(persons: int, rounds: int) -> list[dict[str, Any]]:
    frame = pl.read_parquet(dataset(persons))
    engines = {
        n: e
        for n, e in ENGINES.items()
        if persons <= min(ONCE.get(n, persons), SKIP.get(n, persons))
    }
    prepared = {name: engine.prepare(frame) for name, engine in engines.items()}
    baseline = zairyu_engine.evaluate(prepared["zairyu"])
    whatif = zairyu_engine.evaluate(prepared["zairyu"], WHATIF)
    for name, engine in engines.items():
        check_agreement(baseline, engine.evaluate(prepared[name]), f"eval {name} at {persons:,}")
        changed = engine.evaluate(prepared[name], WHATIF)
        check_agreement(whatif, changed, f"what-if {name} at {persons:,}")
    evaluations: dict[str, Callable[[], Sample]] = {
        name: partial(time_call, partial(engine.evaluate, prepared[name]))
        for name, engine in engines.items()
    }
    evaluations["zairyu"] = partial(
        time_call, partial(zairyu_engine.evaluate_all, prepared["zairyu"])
    )
    evaluations[PEER] = partial(_openfisca_calculation, prepared[PEER])
    whatifs = {
        name: partial(time_call, partial(engine.evaluate, prepared[name], WHATIF))
        for name, engine in engines.items()
    }
    return [
        *rows_for("eval", persons, interleave(evaluations, rounds)),
        *rows_for("whatif", persons, interleave(whatifs, rounds)),
    ]


def single_rows(rounds: int) -> list[dict[str, Any]]:
    frame = pl.read_parquet(dataset(10_000))
    first = next(k for k, h in enumerate(households(frame)) if len(h) == 4)
    household = {  # the same household; zairyu's with the columns the file lacks, as unknown
        name: next(
            islice(
                households(zairyu_engine.prepare(frame) if name == "zairyu" else frame), first, None
            )
        )
        for name in ENGINES
    }
    rows = []
    for trace in (True, False):
        tasks = {
            name: partial(
                time_call,
                partial(engine.single, household[name], trace),
                200 if name == PEER else 2000,
            )
            for name, engine in ENGINES.items()
            if not (name == "python" and trace)
        }
        rows += rows_for("single", len(household), interleave(tasks, rounds), trace=trace)
    return rows


def compile_bytecode() -> list[str]:
    """Compile zairyu's modules and the benchmarks' own to bytecode before any timing, as
    installing a wheel does (OpenFisca and every other installed package have theirs): run from
    a checkout with PYTHONDONTWRITEBYTECODE set, a fresh process would otherwise compile every
    module it imports from source, every run (32 ms of a 10k batch, measured). Returns the
    folders compiled."""
    folders = [Path(zairyu.__file__).parent, HERE]
    for folder in folders:
        compileall.compile_dir(folder, quiet=1)
    return [str(f) for f in folders]


def fresh_cache() -> str:
    """zairyu's cache folder (``zairyu.cache``) for this run only, empty at the start: the
    warm-up round fills it, as a user's first run does, and the counted rounds read it, as every
    later run does. docs/benchmarks.md gives the first run's cost beside it."""
    folder = DATA / "cache"
    shutil.rmtree(folder, ignore_errors=True)
    os.environ["ZAIRYU_CACHE_DIR"] = str(folder)
    return "a folder of the run's own, empty at its start, filled by the warm-up round"


def machine() -> dict[str, Any]:
    return {
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} CPUs",
        "python": platform.python_version(),
        "versions": {
            name: version(name) for name in ("zairyu", "polars", "openfisca-core", "zen-engine")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default {DEFAULT_SIZES}")
    parser.add_argument("--large", action="store_true", help="add 10M and 20M persons")
    parser.add_argument("--rounds", type=int, default=7, help="counted rounds (default 7)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    sizes = [size(s) for s in args.sizes.split(",")] + (list(LARGE_SIZES) if args.large else [])
    DATA.mkdir(exist_ok=True)
    results: dict[str, Any] = {**machine(), "rounds": args.rounds, "bytecode": compile_bytecode()}
    results["cache"] = fresh_cache()
    results["load_before"] = load_average()
    rows: list[dict[str, Any]] = []
    results["load_by_size"] = {}
    for persons in sizes:
        before = load_average()
        rows += batch_rows(persons, args.rounds)
        rows += in_process_rows(persons, args.rounds)
        results["load_by_size"][str(persons)] = {"before": before, "after": load_average()}
        print(f"done: {persons:,} persons, load {before} -> {load_average()}", file=sys.stderr)
    rows += single_rows(args.rounds)
    results |= {"load_after": load_average(), "rows": rows}
    text = report(results)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
