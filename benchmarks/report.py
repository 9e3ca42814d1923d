"""The Markdown report of a benchmark run: the paired table, then issue 16's targets, each with
the figure measured in this run (and, for the batch, the bare Polars floor paired in the same
rounds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def duration(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _range(s: dict[str, float], fmt: Callable[[float], str]) -> str:
    return f"{fmt(s['median'])} ({fmt(s['min'])}–{fmt(s['max'])})"


def _ratio(value: float) -> str:
    return f"{value:.2f}×"


def table(rows: list[Row]) -> str:
    lines = [
        "| task | persons | engine | rounds | wall: median (min–max) | CPU s | peak MiB "
        "| persons/s | vs OpenFisca, wall | CPU | memory |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        task = r["task"] + (" (trace)" if r.get("trace") else "")
        vs = r.get("vs_openfisca", {})
        cells = [
            task,
            f"{r['persons']:,}",
            r["engine"],
            str(r["rounds"]),
            _range(r["wall_s"], duration),
            duration(r["cpu_s"]["median"]),
            f"{r['peak_mib']['median']:.0f}" if "peak_mib" in r else "",
            f"{r['persons_per_s']:,}" if "persons_per_s" in r else "",
            _range(vs["wall"], _ratio) if "wall" in vs else "",
            _ratio(vs["cpu"]["median"]) if "cpu" in vs else "",
            _ratio(vs["peak"]["median"]) if "peak" in vs else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _find(rows: list[Row], task: str, persons: int, engine: str = "zairyu") -> Row | None:
    return next(
        (r for r in rows if (r["task"], r["persons"], r["engine"]) == (task, persons, engine)),
        None,
    )


def _vs(row: Row | None, key: str) -> float | None:
    return row["vs_openfisca"][key]["median"] if row else None


def targets(rows: list[Row]) -> list[tuple[str, float | None, bool | None, str]]:
    """(target, measured, met, note) for each of issue 16's targets."""
    batch_sizes = sorted({r["persons"] for r in rows if r["task"] == "batch"})
    memory = [_vs(_find(rows, "batch", n), "peak") for n in batch_sizes]
    worst = max((m for m in memory if m is not None), default=None)
    eval_at = 1_000_000 if _find(rows, "eval", 1_000_000) else max(batch_sizes)
    evaluation = _find(rows, "eval", eval_at)
    speed = evaluation["persons_per_s"] / 1e6 if evaluation else None
    cpu_speed = eval_at / evaluation["cpu_s"]["median"] / 1e6 if evaluation else 0.0

    def batch(persons: int, at_least: float) -> tuple[float | None, bool | None, str]:
        row = _find(rows, "batch", persons)
        ratio = _vs(row, "wall")
        floor = _find(rows, "batch", persons, "polars-floor")
        if row is None or floor is None:
            return ratio, None if ratio is None else ratio >= at_least, "not measured"
        note = (
            f"CPU {_vs(row, 'cpu'):.2f}×; bare Polars floor in the same rounds: wall "
            f"{_vs(floor, 'wall'):.2f}×, CPU {_vs(floor, 'cpu'):.2f}×"
        )
        typer_floor = _find(rows, "batch", persons, "typer-floor")
        if typer_floor is not None:
            note += f"; the same from a Typer command: wall {_vs(typer_floor, 'wall'):.2f}×"
        return ratio, ratio >= at_least, note

    def check(value: float | None, ok: Callable[[float], bool]) -> bool | None:
        return None if value is None else ok(value)

    peak_20m = _vs(_find(rows, "batch", 20_000_000), "peak")
    whatif_row = _find(rows, "whatif", 1_000_000)
    whatif = _vs(whatif_row, "wall")
    whatif_note = f"CPU {_vs(whatif_row, 'cpu'):.2f}×" if whatif_row else ""
    return [
        ("batch at 1M: ≥ 2.5× OpenFisca (wall)", *batch(1_000_000, 2.5)),
        ("batch at 20M: ≥ 3× OpenFisca (wall)", *batch(20_000_000, 3.0)),
        ("batch at 10k: no slower than OpenFisca (wall ≥ 1×)", *batch(10_000, 1.0)),
        ("batch memory ≤ OpenFisca's at every size (worst size)", worst,
         check(worst, lambda v: v <= 1.0), f"sizes {', '.join(f'{n:,}' for n in batch_sizes)}"),
        ("batch memory ≤ 0.5× OpenFisca's at 20M", peak_20m,
         check(peak_20m, lambda v: v <= 0.5), ""),
        (f"evaluation ≥ 10 M persons/s in process (at {eval_at:,}; M persons/s)", speed,
         check(speed, lambda v: v >= 10),
         f"every variable, condition and the outcome; {cpu_speed:.1f} M persons per CPU second"),
        ("what-if at 1M: ≥ 5× OpenFisca (wall)", whatif, check(whatif, lambda v: v >= 5),
         whatif_note),
    ]  # fmt: skip


def report(results: dict[str, Any]) -> str:
    rows = results["rows"]
    lines = [
        f"{results['machine']}, Python {results['python']}; "
        + ", ".join(f"{k} {v}" for k, v in results["versions"].items()),
        f"Load average (1, 5, 15 min) before the run {results['load_before']}, "
        f"after {results['load_after']}; per size: "
        + "; ".join(
            f"{int(n):,}: {v['before'][0]} -> {v['after'][0]}"
            for n, v in results["load_by_size"].items()
        ),
        "",
        table(rows),
        "",
        "Engines run in turn within each round (order rotated per round), after one warm-up "
        "round; ratios are computed round by round against OpenFisca in the same round, then "
        "the median taken. Wall and CPU: OpenFisca / engine (above 1: faster); memory: "
        "engine / OpenFisca (below 1: less). CPU counts every thread (user + system). "
        "zairyu's cache folder (parsed policy expressions, YAML files as JSON): "
        + results.get("cache", "the user's own")
        + "; a first run's extra cost is in docs/benchmarks.md.",
        "",
        "| target | measured | met | note |",
        "|---|---|---|---|",
    ]
    for name, value, met, note in targets(rows):
        shown = "not measured" if value is None else f"{value:.2f}"
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {shown} | {verdict} | {note} |")
    lines += ["", "All engines agree on every output column, person by person.", ""]
    return "\n".join(lines)
