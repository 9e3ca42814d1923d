"""zairyu on the benchmark rule set (``benchmarks/policy.yaml``): the columnar backend for a
caseload, the scalar backend with the full assessment (every condition, its citation) for one
household. The whole process is the real command line, ``zairyu batch``."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.engines import AS_OF, BASELINE, OUTPUTS
from zairyu.engine.assessment import assess_rows
from zairyu.engine.columnar import evaluate_frame
from zairyu.engine.plan import Plan, compile_policy
from zairyu.engine.scalar import compile_scalar
from zairyu.io.row_problems import with_unknown_columns
from zairyu.policies.loader import load_policy_file
from zairyu.services.batch import run_batch

POLICY = Path(__file__).parents[1] / "policy.yaml"


def command(source: str, target: str) -> list[str]:
    return [
        "zairyu", "batch", source, "--policy", str(POLICY), "--as-of", AS_OF.isoformat(),
        "--out", target,
    ]  # fmt: skip


@cache
def _policy() -> Any:
    return load_policy_file(POLICY)


def plan(params: dict[str, int] = BASELINE) -> Plan:
    """Compile the policy; a what-if recompiles it with the changed parameters."""
    overrides = {k: v for k, v in params.items() if v != BASELINE[k]}
    return compile_policy(_policy(), str(POLICY), overrides=overrides or None)


BASE = plan()
SCALAR = compile_scalar(BASE)


def prepare(frame: pl.DataFrame) -> pl.DataFrame:
    """The caseload as ``zairyu batch`` evaluates it: a column the policies read that the file
    lacks (a member's legal status, read by the scope rule of every policy) is added as unknown."""
    return with_unknown_columns(frame, set(BASE.columns_read()))


def evaluate(frame: pl.DataFrame, params: dict[str, int] = BASELINE) -> pl.DataFrame:
    compiled = BASE if params == BASELINE else plan(params)
    return evaluate_frame(compiled, frame, AS_OF).select(OUTPUTS).collect()


def evaluate_all(frame: pl.DataFrame) -> pl.DataFrame:
    """Every variable, condition and the outcome, as the batch writes them (no projection: Polars
    would otherwise skip the columns the benchmark does not compare)."""
    return evaluate_frame(BASE, frame, AS_OF).collect()


def single(rows: list[dict[str, Any]], trace: bool) -> Any:
    if trace:
        return assess_rows(SCALAR, rows, AS_OF, counterfactuals=False)
    return SCALAR.evaluate(rows, AS_OF)


def main() -> None:
    """The same batch as ``zairyu batch``, through the library (``zairyu.services.batch.run_batch``)
    without the command line's start-up: read, check, evaluate, write, error file."""
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    run_batch(source, target, [BASE], AS_OF, errors=target.with_suffix(".errors.csv"))


if __name__ == "__main__":
    main()
