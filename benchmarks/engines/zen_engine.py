"""The benchmark rule set as a GoRules ZEN decision graph (JDM), evaluated per household.

Per-member values are parallel lists over ``members``; the household rule uses ``some``.
Parameters come in the request (``params``), so a what-if is the same graph with other values.
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from typing import Any

import polars as pl
import zen

from benchmarks.engines import AS_OF, BASELINE, OUTPUTS
from benchmarks.engines.households import households

PERSONS = {
    "age": "map(members, d(asOf).diff(d(#.birth_date), 'year'))",
    "in_school": "map(members, #.school_level in ['elementary', 'junior_high', 'high'])",
    "idx": "[0..len(members) - 1]",
    "child_eligible": (
        "map($.idx, members[#].born_in_japan and $.age[#] < params.age_limit"
        " and $.in_school[#] and not members[#].convicted_violent)"
    ),
    "parent_excluded": (
        "map(members, #.role == 'parent' and (#.entry_mode == 'illegal_entry'"
        " or #.sham_marriage or #.forged_residence_card or #.convicted_drug or #.prostitution"
        " or #.conviction_count >= params.conviction_limit"
        " or #.longest_unsuspended_part_months > params.prison_limit_months))"
    ),
}
HOUSEHOLD = {"household_eligible": "some(child_eligible, #) and not some(parent_excluded, #)"}
GRANT = {
    "granted_candidate": (
        "map(idx, household_eligible and ((members[#].role == 'child' and in_school[#])"
        " or members[#].role == 'parent'"
        " or (members[#].role == 'child' and age[#] < params.age_limit)))"
    )
}


def _node(node_id: str, expressions: dict[str, str]) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "expressionNode",
        "name": node_id,
        "position": {"x": 0, "y": 0},
        "content": {
            "expressions": [{"id": k, "key": k, "value": v} for k, v in expressions.items()],
            "passThrough": True,
        },
    }


def graph() -> dict[str, Any]:
    ids = ["request", "persons", "household", "grant", "response"]
    nodes = [
        {"id": "request", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
        _node("persons", PERSONS),
        _node("household", HOUSEHOLD),
        _node("grant", GRANT),
        {"id": "response", "type": "outputNode", "name": "response", "position": {"x": 0, "y": 0}},
    ]
    edges = [
        {"id": f"e{i}", "sourceId": a, "targetId": b, "type": "edge"}
        for i, (a, b) in enumerate(pairwise(ids))
    ]
    return {"nodes": nodes, "edges": edges}


DECISION = zen.ZenEngine().create_decision(json.dumps(graph()))


def _request(rows: list[dict[str, Any]], params: dict[str, int]) -> dict[str, Any]:
    members = [{**r, "birth_date": r["birth_date"].isoformat()} for r in rows]
    return {"asOf": AS_OF.isoformat(), "params": params, "members": members}


def prepare(frame: pl.DataFrame) -> list[list[dict[str, Any]]]:
    return list(households(frame))


def single(rows: list[dict[str, Any]], trace: bool) -> Any:
    return DECISION.evaluate(_request(rows, BASELINE), {"trace": trace})


def evaluate(
    prepared: list[list[dict[str, Any]]], params: dict[str, int] = BASELINE
) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {name: [] for name in OUTPUTS}
    for rows in prepared:
        result = DECISION.evaluate(_request(rows, params))["result"]
        for name in OUTPUTS:
            value = result[name]
            columns[name].extend(value if isinstance(value, list) else [value] * len(rows))
    return pl.DataFrame(columns).with_columns(pl.col("age").cast(pl.Int32))


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    frame = pl.read_parquet(source)
    result = evaluate(prepare(frame))
    result.insert_column(0, frame["person_id"]).write_parquet(target)


if __name__ == "__main__":
    main()
