"""Facts that cannot be true together (``model/consistency.yaml``), checked on one household
and on a whole caseload by the same compiled expressions.

A check must not be FALSE; an unknown fact never fails it. ``household_problems`` serves the
household JSON (``zairyu assess``, the API) and ``frame_problems`` the caseload rows
(``zairyu batch``): one definition of each check for every path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl

from zairyu.engine.columnar import POLARS_TYPES, to_polars, with_as_of
from zairyu.engine.compiled import AS_OF
from zairyu.engine.expr import Node, Type, names, parse
from zairyu.engine.scalar import Fn, compile_node
from zairyu.model.columns import COLUMNS, Row
from zairyu.model.registry import Label
from zairyu.yaml_files import read_yaml

CHECKS_FILE = Path(__file__).parents[1] / "model" / "consistency.yaml"


@dataclass(frozen=True)
class Check:
    id: str
    node: Node
    fn: Fn
    field: str
    message: Label


@cache
def checks() -> tuple[Check, ...]:
    raw = read_yaml(CHECKS_FILE)  # every batch reads it: through the cache (zairyu.yaml_files)
    scope: dict[str, Type] = {name: c.kind for name, c in COLUMNS.items()}
    scope[AS_OF] = "date"
    found = []
    for entry in raw["checks"]:
        node = parse(entry["expr"], scope, want="bool")
        message = Label(entry["message"]["ja"], entry["message"]["en"])
        found.append(Check(entry["id"], node, compile_node(node), entry["field"], message))
    return tuple(found)


def row_problems(rows: list[Row], as_of: date) -> list[tuple[int, Check]]:
    """(member index, failed check) for every check a member's facts fail."""
    dated = [{**row, AS_OF: as_of} for row in rows]
    return [
        (i, check) for i in range(len(dated)) for check in checks() if check.fn(dated, i) is False
    ]


def frame_problems(people: pl.DataFrame, as_of: date) -> list[tuple[int, Check]]:
    """(row position, failed check) over a typed caseload chunk; a column the file lacks is
    unknown in every row, as an unknown fact is in a household JSON."""
    usable = list(checks())
    if people.is_empty():
        return []
    absent = {name for c in usable for name in _reads(c.node)} - set(people.columns)
    dated = people.lazy().with_columns(
        pl.lit(as_of, dtype=pl.Date()).alias(AS_OF),
        *(pl.lit(None, dtype=POLARS_TYPES[COLUMNS[n].kind]).alias(n) for n in sorted(absent)),
    )
    fails = {c.id: to_polars(with_as_of(c.node, as_of)).eq(False).fill_null(False) for c in usable}
    # Which checks some row fails, in one pass that keeps no flag per row; then the rows of
    # those checks alone (a sound file, the usual case, costs that one pass).
    hits = dated.select(fail.any().alias(name) for name, fail in fails.items()).collect().row(0)
    failing = [c for c, hit in zip(usable, hits, strict=True) if hit]
    if not failing:
        return []
    rows = dated.select(fails[c.id].arg_true().implode().alias(c.id) for c in failing).collect()
    found = [(int(i), check) for check in failing for i in rows[check.id][0].to_list()]
    return sorted(found, key=lambda item: item[0])


def _reads(node: Node) -> set[str]:
    return names(node) - {AS_OF}
