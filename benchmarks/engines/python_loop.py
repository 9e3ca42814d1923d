"""The benchmark rule set as a plain Python loop over households of row dicts."""

from __future__ import annotations

import sys
from typing import Any

import polars as pl

from benchmarks.engines import AS_OF, BASELINE, OUTPUTS, SCHOOLING
from benchmarks.engines.households import households


def _age(birth: Any) -> int:
    return AS_OF.year - birth.year - ((AS_OF.month, AS_OF.day) < (birth.month, birth.day))


def assess(rows: list[dict[str, Any]], params: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        age = _age(r["birth_date"])
        in_school = r["school_level"] in SCHOOLING
        out.append(
            {
                "age": age,
                "in_school": in_school,
                "child_eligible": r["born_in_japan"]
                and age < params["age_limit"]
                and in_school
                and not r["convicted_violent"],
                "parent_excluded": r["role"] == "parent"
                and (
                    r["entry_mode"] == "illegal_entry"
                    or r["sham_marriage"]
                    or r["forged_residence_card"]
                    or r["convicted_drug"]
                    or r["prostitution"]
                    or r["conviction_count"] >= params["conviction_limit"]
                    or r["longest_unsuspended_part_months"] > params["prison_limit_months"]
                ),
            }
        )
    eligible = any(o["child_eligible"] for o in out) and not any(o["parent_excluded"] for o in out)
    for r, o in zip(rows, out, strict=True):
        child = r["role"] == "child"
        o["household_eligible"] = eligible
        o["granted_candidate"] = eligible and (
            (child and o["in_school"])
            or r["role"] == "parent"
            or (child and o["age"] < params["age_limit"])
        )
    return out


def prepare(frame: pl.DataFrame) -> list[list[dict[str, Any]]]:
    return list(households(frame))


def single(rows: list[dict[str, Any]], trace: bool) -> Any:
    return assess(rows, BASELINE)


def evaluate(
    prepared: list[list[dict[str, Any]]], params: dict[str, int] = BASELINE
) -> pl.DataFrame:
    results = [o for rows in prepared for o in assess(rows, params)]
    return pl.DataFrame(results, schema={n: None for n in OUTPUTS}).with_columns(
        pl.col("age").cast(pl.Int32)
    )


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    frame = pl.read_parquet(source)
    result = evaluate(prepare(frame))
    result.insert_column(0, frame["person_id"]).write_parquet(target)


if __name__ == "__main__":
    main()
