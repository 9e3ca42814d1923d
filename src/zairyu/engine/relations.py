"""Who is whose parent, child and sibling in a household: the one definition every backend
follows (``parents_any``, ``children_any``, ``siblings_any`` in policy expressions).

The person table's ``parents`` column holds the member ids a person names as their parents in
the household, separated by spaces (member ids hold no spaces); blank where the person names
none. The reading (``docs/household.md``, "Relations"):

- **A person's parents** are the members they name. A member with role *child* who names no
  parent is read by roles, as every household file written before relations existed was: their
  parents are the members with role *parent*. A parent or other relative who names none has no
  parent in the household.
- **A person's children** are the members whose parents (as just read) include them.
- **A person's siblings** are the other members who share a parent with them; and, among the
  members with role *child* who have no parent in the household at all (children living with a
  grandparent or in care), each other.

A step-parent is not a parent (the fact registry's question on ``parents`` says to record them
through the parent's marriage), so a step-parent with a serious ground does not exclude a child
they did not adopt; a parent the child names is theirs whether or not they live as a couple
with the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zairyu.engine.expr import Over

__all__ = ["effective_parents", "related"]

Row = Mapping[str, object]


def named_parents(row: Row) -> tuple[str, ...] | None:
    """The ids the person names as parents, or None where they name none."""
    text = row.get("parents")
    if not isinstance(text, str) or not text.strip():
        return None
    return tuple(text.split())


def effective_parents(rows: Sequence[Row], i: int) -> frozenset[str]:
    """The ids of member ``i``'s parents in the household, by the reading above."""
    named = named_parents(rows[i])
    if named is not None:
        ids = {str(r["person_id"]) for r in rows}
        return frozenset(p for p in named if p in ids)
    if rows[i]["role"] != "child":
        return frozenset()
    return frozenset(str(r["person_id"]) for r in rows if r["role"] == "parent")


def related(over: Over, rows: Sequence[Row], i: int) -> list[int]:
    """The members (row positions) an aggregate ``over`` reads for member ``i``."""
    if over == "household":
        return list(range(len(rows)))
    if over == "parents":
        mine = effective_parents(rows, i)
        return [j for j, r in enumerate(rows) if str(r["person_id"]) in mine]
    own_id = str(rows[i]["person_id"])
    if over == "children":
        return [j for j in range(len(rows)) if own_id in effective_parents(rows, j)]
    parents = [effective_parents(rows, j) for j in range(len(rows))]
    if parents[i]:
        return [j for j in range(len(rows)) if j != i and parents[i] & parents[j]]
    if rows[i]["role"] != "child":
        return []
    return [j for j, r in enumerate(rows) if j != i and r["role"] == "child" and not parents[j]]
