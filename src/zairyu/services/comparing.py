"""What if a rule were different: one caseload under a policy and under a reform of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from zairyu.engine.compiled import Plan
from zairyu.io.caseload import household_chunks
from zairyu.io.formats import CaseloadFileError
from zairyu.io.row_problems import type_chunk, with_unknown_columns
from zairyu.services.errors import ServiceError
from zairyu.services.plans import choose_plans
from zairyu.simulate.compare import Comparison, compare
from zairyu.simulate.reform import Reform, ReformError, apply_reform, load_reform


@dataclass
class ReformComparison:
    reform: Reform
    baseline: Plan
    reformed: Plan
    result: Comparison
    problems: int  # bad values; their households were left out
    encoding: str | None = None  # how a text caseload was read: "UTF-8", "CP932 (Shift_JIS)"


def compare_reform(caseload: Path, reform_file: Path, as_of: date) -> ReformComparison:
    """The caseload's outcomes under the reform's baseline policy and under the reform.

    Raises ``ServiceError`` for a reform or caseload file that cannot be used."""
    try:
        change = load_reform(reform_file)
        (baseline,) = choose_plans([change.policy], as_of)
        reformed = apply_reform(baseline, change, str(reform_file))
        parts, problems = [], 0
        chunks = household_chunks(caseload)
        for first_row, chunk in chunks:
            typed, found = type_chunk(chunk, first_row)
            parts.append(typed)
            problems += len(found)
    except (ReformError, CaseloadFileError) as error:
        raise ServiceError(str(error)) from None
    needed = {"role", "birth_date", *baseline.columns_read(), *reformed.columns_read()}
    people = with_unknown_columns(pl.concat(parts, how="vertical_relaxed"), needed)
    return ReformComparison(
        change,
        baseline,
        reformed,
        compare(people, baseline, reformed, as_of),
        problems,
        chunks.encoding.name if chunks.encoding else None,
    )
