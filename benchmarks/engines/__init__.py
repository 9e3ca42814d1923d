"""The engines timed side by side: zairyu and its peers, each behind the same small interface.

Every engine module offers ``prepare(frame)`` (build its own input from the person table),
``evaluate(prepared, params)`` (the output columns as a Polars frame), ``single(rows, trace)``
(one household) and a ``main()`` that runs the whole process: read Parquet, evaluate, write.
"""

from __future__ import annotations

from datetime import date

AS_OF = date(2024, 6, 10)
OUTPUTS = (
    "age",
    "in_school",
    "child_eligible",
    "parent_excluded",
    "household_eligible",
    "granted_candidate",
)
BASELINE = {"age_limit": 18, "conviction_limit": 2, "prison_limit_months": 12}
WHATIF = {"age_limit": 20, "conviction_limit": 1, "prison_limit_months": 12}
SCHOOLING = ("elementary", "junior_high", "high")
