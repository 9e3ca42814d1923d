"""Which facts a policy reads, and how they hang together.

Most person-table columns are one household field each. A few are read from several fields or
from a list (``zairyu.model.table``): the convictions, the school history and the deportation
grounds are each one *unit*, known or unknown as a whole; ``in_japan_since`` and
``illegal_stay_since`` are functions of other facts. A check that makes a fact unknown, or
changes it, works on a unit.
"""

from __future__ import annotations

from zairyu.engine.compiled import AS_OF, Plan
from zairyu.engine.expr import names
from zairyu.model.columns import COLUMNS, CONVICTION_COLUMNS, GROUND_COLUMNS, SCHOOL_COLUMNS

CONVICTIONS, SCHOOL, GROUNDS = CONVICTION_COLUMNS, SCHOOL_COLUMNS, GROUND_COLUMNS

# A unit: the household field it stands for, and its columns.
GROUPS: dict[str, tuple[str, ...]] = {
    "record.convictions": CONVICTIONS,
    "school.enrolments": SCHOOL,
    "immigration.deportation_grounds": GROUNDS,
}
UNIT_OF: dict[str, str] = {col: unit for unit, cols in GROUPS.items() for col in cols}

# Columns computed from other facts (table.py), and the facts each reads. A hidden fact is a
# household field that is not itself a column.
RECORDED_ILLEGAL_STAY = "residence.illegal_stay_since"
DERIVED: dict[str, tuple[str, ...]] = {
    "in_japan_since": ("birth_date", "born_in_japan", "entry_date"),
    "illegal_stay_since": (RECORDED_ILLEGAL_STAY, "entry_mode", "entry_date"),
}
HIDDEN: dict[str, str] = {RECORDED_ILLEGAL_STAY: "date"}
HOUSEHOLD_LEVEL = frozenset({"external_guardian_available"})  # one value for every member
# Who is whose parent is encoded as links between members (encode.World.link), not as the text
# of the ``parents`` column.
NOT_FACTS = frozenset({"household_id", "person_id", "parents"})


def kind_of(column: str) -> str:
    return HIDDEN[column] if column in HIDDEN else COLUMNS[column].kind


def read_columns(plan: Plan) -> set[str]:
    """Every column the policy's conditions, outcomes and actions read or set."""
    found: set[str] = set()
    for name in [*(s.name for s in plan.steps), *(o.id for o in plan.outcomes)]:
        found |= plan.base_columns(name)
    for action in plan.actions:
        found |= {col for col, _ in action.assignments}
        if action.when is not None:
            found |= {n for n in names(action.when) if n in COLUMNS}
            for step in names(action.when) & set(plan.deps):
                found |= plan.deps[step]
    return found - {AS_OF}


def fact_columns(plan: Plan) -> list[str]:
    """The facts to give each member: what the policy reads, whole units, derived inputs."""
    wanted = read_columns(plan) | {"role"}
    for col in list(wanted):
        if col in UNIT_OF:
            wanted |= set(GROUPS[UNIT_OF[col]])
    for col, inputs in DERIVED.items():
        if col in wanted:
            wanted |= set(inputs)
    if "deportation_order_date" in wanted:
        wanted.add("deportation_order")
    if "refugee_application_pending" in wanted:
        wanted.add("refugee_application_count")
    return sorted(wanted - NOT_FACTS)


def units(plan: Plan) -> list[tuple[str, tuple[str, ...]]]:
    """The facts a check may make unknown or change, each with its columns."""
    out: dict[str, tuple[str, ...]] = {}
    for col in read_columns(plan) - NOT_FACTS - {"role"}:
        if col in UNIT_OF:
            out[UNIT_OF[col]] = GROUPS[UNIT_OF[col]]
        elif col in DERIVED:
            for source in DERIVED[col]:
                out.setdefault(source, (source,))
        else:
            out[col] = (col,)
    return sorted(out.items())
