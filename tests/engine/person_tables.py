"""Random person tables for property tests: households of rows over every column in COLUMNS.

Rows are drawn column by column from each column's kind, so new columns are covered without
editing this file. Dates cluster around the legal boundaries (birthdays near 10 June, the
school-age cut-off) and every fact is often unknown (None). Values come from a ``Random``
that Hypothesis supplies (``st.randoms()``), which keeps generation of ten thousand households
fast while Hypothesis still controls and replays the seed.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from zairyu.model.columns import allowed_values
from zairyu.model.table import COLUMNS, Row, Value

# Every allowed value of every column with a vocabulary, from the fact registry; free text
# (nationality) from a few codes.
CHOICES: dict[str, tuple[str, ...]] = {
    **allowed_values(),
    "nationality": ("PHL", "VNM", "LKA", "TUR", "CHN"),
}
PIVOTS = [
    date(2024, 6, 10),
    date(2018, 4, 1),
    date(2006, 6, 10),
    date(2009, 7, 1),
    date(1999, 1, 1),
]
INTS = [0, 1, 2, 3, 11, 12, 13, 24, 35, 36, 37, 119, 120, 121, 239, 240, 241]
FIRST, LAST = date(1940, 1, 1).toordinal(), date(2030, 12, 31).toordinal()


def random_date(rnd: Random) -> date:
    if rnd.random() < 0.6:
        pivot = rnd.choice(PIVOTS)
        shifted = date(pivot.year + rnd.randint(-25, 2), pivot.month, pivot.day)
        return shifted + timedelta(days=rnd.randint(-2, 2))
    return date.fromordinal(rnd.randint(FIRST, LAST))


def random_value(column: str, rnd: Random) -> Value:
    kind = COLUMNS[column].kind
    if column == "role":
        return rnd.choice(CHOICES["role"])
    if column == "legal_status" and rnd.random() < 0.85:
        return None  # mostly persons under deportation, whom the policies are about
    if rnd.random() < 0.3:
        return None
    if kind == "bool":
        return rnd.random() < 0.5
    if kind == "int":
        top = COLUMNS[column].maximum or 400
        value = rnd.choice(INTS) if rnd.random() < 0.7 else rnd.randint(0, 400)
        return min(value, top)
    if kind == "date":
        return random_date(rnd)
    return rnd.choice(CHOICES.get(column, ("a", "b", "c")))


def random_household(rnd: Random, household_id: str) -> list[Row]:
    rows = []
    for k in range(rnd.randint(1, 6)):
        row: Row = {"household_id": household_id, "person_id": f"{household_id}-p{k}"}
        for column in COLUMNS:
            if column not in row:
                row[column] = random_value(column, rnd)
        rows.append(row)
    _relate(rnd, rows)
    return rows


def _relate(rnd: Random, rows: list[Row]) -> None:
    """Half the households record who is whose parent (each member names some of the others,
    or none); the rest leave it to roles."""
    ids = [str(r["person_id"]) for r in rows]
    named = rnd.random() < 0.5
    for row in rows:
        row["parents"] = None
        if named and rnd.random() < 0.7:
            chosen = [p for p in ids if p != row["person_id"] and rnd.random() < 0.4]
            row["parents"] = " ".join(chosen) or None


def random_caseload(rnd: Random, households: int) -> list[list[Row]]:
    return [random_household(rnd, f"h{n}") for n in range(households)]
