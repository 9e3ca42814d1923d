"""Hypothesis strategies for person tables: households of rows over every column in COLUMNS.

Rows are drawn column by column from each column's kind, so new columns are covered without
editing this file. Dates cluster around the legal boundaries (birthdays near 10 June, the
school-age cut-off) and every fact is often unknown (None).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from zairyu.model.household import EntryMode, ReleaseStatus, Role, SchoolLevel
from zairyu.model.table import COLUMNS, Row

CHOICES: dict[str, list[str]] = {
    "role": [r.value for r in Role],
    "entry_mode": [m.value for m in EntryMode],
    "school_level": [*(s.value for s in SchoolLevel), "none"],
    "release_status": [r.value for r in ReleaseStatus],
    "nationality": ["PHL", "VNM", "LKA", "TUR", "CHN"],
}
PIVOTS = [date(2024, 6, 10), date(2018, 4, 1), date(2006, 6, 10), date(2009, 7, 15)]


def dates() -> st.SearchStrategy[date]:
    near = st.builds(
        lambda pivot, years, days: _shift(pivot, years, days),
        st.sampled_from(PIVOTS),
        st.integers(-20, 2),
        st.integers(-2, 2),
    )
    anywhere = st.dates(date(1940, 1, 1), date(2030, 12, 31))
    return st.one_of(near, anywhere)


def _shift(pivot: date, years: int, days: int) -> date:
    year = pivot.year + years
    day = min(pivot.day, 28) if pivot.month == 2 else pivot.day
    return date(year, pivot.month, day) + timedelta(days=days)


def value_for(column: str) -> st.SearchStrategy[object]:
    kind = COLUMNS[column].kind
    if column == "role":
        return st.sampled_from(CHOICES["role"])
    if kind == "bool":
        base: st.SearchStrategy[object] = st.booleans()
    elif kind == "int":
        base = st.sampled_from([0, 1, 2, 3, 11, 12, 13, 24, 36, 37, 120]) | st.integers(0, 400)
    elif kind == "date":
        base = dates()
    else:
        base = st.sampled_from(CHOICES.get(column, ["a", "b"]))
    return st.one_of(st.none(), base, base)  # unknown about a third of the time


@st.composite
def household_rows(draw: st.DrawFn, household_id: str) -> list[Row]:
    size = draw(st.integers(1, 6))
    rows = []
    for k in range(size):
        row: Row = {"household_id": household_id, "person_id": f"{household_id}-p{k}"}
        for column in COLUMNS:
            if column not in row:
                row[column] = draw(value_for(column))  # type: ignore[assignment]
        rows.append(row)
    return rows


@st.composite
def caseloads(draw: st.DrawFn, min_households: int = 1, max_households: int = 60) -> list[list[Row]]:
    count = draw(st.integers(min_households, max_households))
    return [draw(household_rows(f"h{n}")) for n in range(count)]
