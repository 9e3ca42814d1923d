"""The fast household aggregate (runs of sorted ``household_id``) equals the hashed window,
with three-valued logic, whether or not the ids are sorted."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from zairyu.engine.columnar import _household_agg

VALUES = st.lists(st.tuples(st.integers(0, 6), st.sampled_from([True, False, None])), max_size=40)


def _window(op: str, ids: list[int], values: list[bool | None]) -> list[bool | None]:
    frame = pl.DataFrame({"g": ids, "v": values}, schema={"g": pl.Int64, "v": pl.Boolean})
    v = pl.col("v")
    agg = v.any(ignore_nulls=False) if op == "any" else v.all(ignore_nulls=False)
    return frame.select(agg.over("g")).to_series().to_list()


@given(VALUES, st.sampled_from(["any", "all"]), st.booleans())
def test_household_aggregate_matches_the_window_function(pairs, op, sort) -> None:
    if sort:
        pairs = sorted(pairs, key=lambda p: p[0])
    ids = [i for i, _ in pairs]
    values = [v for _, v in pairs]
    columns = [pl.Series(ids, dtype=pl.Int64), pl.Series(values, dtype=pl.Boolean)]
    assert _household_agg(op, columns).to_list() == _window(op, ids, values)
