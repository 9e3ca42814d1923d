"""The seeded benchmark caseload of reference/benchmark.md, written as a Parquet person table.

    python -m benchmarks.generate --persons 1000000 --seed 1 \
        --out benchmarks/data/persons-1000000.parquet

Households are contiguous and sorted by ``household_id``; parents come first. The column names
are zairyu's person-table names (see the mapping at the top of ``benchmarks/policy.yaml``).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

AS_OF = date(2024, 6, 10)
SCHOOLS = ["none", "preschool", "elementary", "junior_high", "high", "university"]


def _school(rng: np.random.Generator, age: np.ndarray, is_child: np.ndarray) -> np.ndarray:
    level = np.zeros(age.shape, dtype=np.int8)  # none
    level[(age >= 3) & (age < 6) & (rng.random(age.shape) < 0.6)] = 1
    level[(age >= 6) & (age < 12)] = 2
    level[(age >= 12) & (age < 15)] = 3
    level[(age >= 15) & (age < 18)] = 4
    level[(age >= 18) & (age < 23) & (rng.random(age.shape) < 0.4)] = 5
    skipping = (age >= 6) & (age < 18) & (rng.random(age.shape) < 0.07)  # non-attendance
    level[skipping] = 0
    level[~is_child] = 0
    return np.asarray(SCHOOLS, dtype=object)[level]


def _birth_dates(rng: np.random.Generator, is_child: np.ndarray) -> np.ndarray:
    n = is_child.size
    ref = np.datetime64(AS_OF.isoformat(), "D")
    min_age = np.where(is_child, 0, 22)
    max_age = np.where(is_child, 23, 61)  # exclusive: children 0-22, parents 22-60
    days = rng.integers(min_age * 365 + 1, max_age * 365 - 1)
    births = ref - days.astype("timedelta64[D]")
    probe = is_child & (rng.random(n) < 0.03)  # born on 9, 10 or 11 June of 2001-2012
    years = rng.integers(2001, 2013, n)
    days_in_june = rng.integers(9, 12, n)
    probe_dates = np.array(
        [f"{y}-06-{d:02d}" for y, d in zip(years[probe], days_in_june[probe], strict=True)],
        dtype="datetime64[D]",
    )
    births[probe] = probe_dates
    return births


def generate(persons: int, seed: int) -> pl.DataFrame:
    """A caseload of exactly ``persons`` rows (the last household may be cut short)."""
    rng = np.random.default_rng(seed)
    households = persons // 2 + 10
    parents = rng.choice([1, 2], households, p=[0.35, 0.65])
    children = rng.choice([0, 1, 2, 3, 4], households, p=[0.10, 0.30, 0.33, 0.19, 0.08])
    size = parents + children
    household_id = np.repeat(np.arange(1, households + 1, dtype=np.int64), size)[:persons]
    start = np.repeat(np.cumsum(size) - size, size)[:persons]
    position = np.arange(household_id.size) - start
    is_child = position >= np.repeat(parents, size)[:persons]
    n = household_id.size
    births = _birth_dates(rng, is_child)
    age = (np.datetime64(AS_OF.isoformat(), "D") - births).astype(int) // 365
    parent = ~is_child

    def flag(p_parent: float, p_child: float = 0.0) -> np.ndarray:
        return rng.random(n) < np.where(parent, p_parent, p_child)

    born_here = flag(0.04, 0.85)
    illegal = flag(0.10)
    convictions = np.where(parent, rng.choice([0, 1, 2, 3], n, p=[0.88, 0.08, 0.03, 0.01]), 0)
    prison = np.where(parent & (rng.random(n) < 0.04), rng.integers(1, 37, n), 0)
    return pl.DataFrame(
        {
            "person_id": np.arange(1, n + 1, dtype=np.int64),
            "household_id": household_id,
            "role": np.where(is_child, "child", "parent"),
            "birth_date": births,
            "born_in_japan": born_here,
            "school_level": _school(rng, age, is_child),
            "convicted_violent": flag(0.02, 0.01),
            "entry_mode": np.where(
                born_here,
                "born_in_japan",
                np.where(illegal, "illegal_entry", "status_of_residence"),
            ),
            "sham_marriage": flag(0.02),
            "forged_residence_card": flag(0.03),
            "convicted_drug": flag(0.02),
            "prostitution": flag(0.01),
            "conviction_count": convictions.astype(np.int16),
            "longest_unsuspended_part_months": prison.astype(np.int16),
        }
    ).with_columns(pl.col("birth_date").cast(pl.Date))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    generate(args.persons, args.seed).write_parquet(args.out)


if __name__ == "__main__":
    main()
