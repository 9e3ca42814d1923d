"""The official figures of the reference (policy-facts.md section 4 and 1.6), each with its
source and confirmation status, read from ``figures.csv``."""

from __future__ import annotations

from pathlib import Path

import polars as pl

FIGURES = Path(__file__).with_name("figures.csv")
SERIES = {
    "grants_per_year": "Persons granted special permission to stay, by year (在留特別許可者数)",
    "deportation_refusers": "Deportation refusers at year end (送還忌避者)",
    "measure_outcomes_2022_cohort": "2023 measure: outcomes for the 201 children of end-2022",
    "measure_outcomes_2024_cohort": "2023 measure: outcomes for the 263 children of 10 June 2024",
}


def figures(series: str | None = None) -> pl.DataFrame:
    """All figures, or one series; columns series, key, value, unit, status, source, note."""
    frame = pl.read_csv(FIGURES, schema_overrides={"key": pl.String, "value": pl.Int64})
    if series is None:
        return frame
    if series not in SERIES:
        raise KeyError(f"no series '{series}' (known: {', '.join(SERIES)})")
    return frame.filter(pl.col("series") == series)
