"""household_any / household_all on the columnar backend need no numpy (65 ms to import); that
the path by runs of rows and the window agree is ``test_household_runs``."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import strategies as st

values = st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=60)


def test_a_household_aggregate_does_not_import_numpy():
    code = (
        "import sys, polars as pl; from zairyu.engine import columnar; "
        "columnar._household_agg('any', [pl.Series([1, 1, 2]), pl.Series([True, None, False])]); "
        "columnar._household_agg('all', [pl.Series([2, 1, 1]), pl.Series([True, None, False])]); "
        "columnar._household_sums(pl.Series([1, 1, 2]), [pl.Series([1, 0, 1])]); "
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
