"""household_any / household_all on the columnar backend: the run-length path for large sorted
caseloads (numpy's reduceat) and the window path give the same three-valued answer."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.engine import columnar

values = st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=60)


@pytest.mark.parametrize("op", ["any", "all"])
@settings(max_examples=200, deadline=None)
@given(cells=values, sizes=st.lists(st.integers(1, 5), min_size=1, max_size=30))
def test_the_run_length_path_agrees_with_the_window_path(op, cells, sizes):
    ids = [h for h, size in enumerate(sizes) for _ in range(size)][: len(cells)]
    cells = cells[: len(ids)]
    columns = [pl.Series(ids, dtype=pl.Int64), pl.Series(cells, dtype=pl.Boolean)]
    window = columnar._household_agg(op, columns)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(columnar, "REDUCEAT_ROWS", 0)
        runs = columnar._household_agg(op, columns)
    assert runs.to_list() == window.to_list()


def test_a_small_caseload_does_not_import_numpy():
    code = (
        "import sys, polars as pl; from zairyu.engine import columnar; "
        "columnar._household_agg('any', [pl.Series([1, 1, 2]), pl.Series([True, None, False])]); "
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
