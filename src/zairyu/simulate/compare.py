"""Baseline against reform on one caseload: counts by outcome and group, and who changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import polars as pl

from zairyu.engine.columnar import evaluate_frame
from zairyu.engine.compiled import Plan

AGE_BANDS = [(0, 5, "0-5"), (6, 11, "6-11"), (12, 14, "12-14"), (15, 17, "15-17"),
             (18, 19, "18-19"), (20, 200, "20+")]  # fmt: skip
KEYS = ["household_id", "person_id", "role"]


@dataclass
class Comparison:
    by_outcome: pl.DataFrame
    by_role: pl.DataFrame
    by_age_band: pl.DataFrame
    households: pl.DataFrame
    changes: pl.DataFrame


def _age_band(as_of: date) -> pl.Expr:
    age = (
        pl.lit(as_of.year) - pl.col("birth_date").dt.year()
        - ((pl.lit(as_of.month * 100 + as_of.day))
           < (pl.col("birth_date").dt.month().cast(pl.Int32) * 100 + pl.col("birth_date").dt.day()))
        .cast(pl.Int32)
    )  # fmt: skip
    band: Any = pl.when(age.is_null()).then(pl.lit("unknown"))  # Then, then ChainedThen
    for low, high, label in AGE_BANDS:
        band = band.when(age.is_between(low, high)).then(pl.lit(label))
    return cast(pl.Expr, band.otherwise(pl.lit("unknown")).alias("age_band"))


def _counts(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    base = (
        frame.group_by([*by, "baseline"]).len().rename({"baseline": "outcome", "len": "baseline"})
    )
    new = frame.group_by([*by, "reform"]).len().rename({"reform": "outcome", "len": "reform"})
    joined = base.join(new, on=[*by, "outcome"], how="full", coalesce=True).fill_null(0)
    joined = joined.with_columns(pl.col("baseline", "reform").cast(pl.Int64))
    return joined.with_columns(change=pl.col("reform") - pl.col("baseline")).sort([*by, "outcome"])


def compare(people: pl.DataFrame, baseline: Plan, reform: Plan, as_of: date) -> Comparison:
    """Evaluate both plans on the same person table and set the results side by side."""
    steps = [s.name for s in baseline.steps if s.is_condition]
    steps += [s.name for s in reform.steps if s.is_condition and s.name not in steps]
    before = evaluate_frame(baseline, people, as_of).collect()
    after = evaluate_frame(reform, people, as_of).collect()
    frame = before.select(
        *KEYS, _age_band(as_of), pl.col("outcome").alias("baseline")
    ).with_columns(after["outcome"].alias("reform"))
    changed_conditions = [
        pl.when(~before[c].eq_missing(after[c]) if c in before.columns and c in after.columns
                else pl.lit(True))
        .then(pl.lit(f"{c}: ") + _show(before, c) + pl.lit(" -> ") + _show(after, c))
        for c in steps
    ]  # fmt: skip
    changes = (
        frame.with_columns(pl.concat_list(changed_conditions).list.drop_nulls().list.join("; ")
                           .alias("changed_conditions"))
        .filter(pl.col("baseline") != pl.col("reform"))
    )  # fmt: skip
    households = (
        frame.group_by("household_id")
        .agg(changed=(pl.col("baseline") != pl.col("reform")).any())
        .select(households=pl.len(), households_changed=pl.col("changed").sum())
    )
    return Comparison(
        by_outcome=_counts(frame, []),
        by_role=_counts(frame, ["role"]),
        by_age_band=_counts(frame, ["age_band"]),
        households=households,
        changes=changes,
    )


def _show(frame: pl.DataFrame, column: str) -> pl.Expr:
    if column not in frame.columns:
        return pl.lit("absent")
    return pl.lit(frame[column]).cast(pl.String).fill_null("unknown")
