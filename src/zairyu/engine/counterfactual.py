"""Counterfactuals: the smallest sets of changes a person could make or prove that would
improve someone's outcome.

Only the actions a policy declares are tried (an enrolment, a guardian, a document). An action
marked ``only_if_unknown`` proves an unknown fact and never overturns a known one. Single
actions are tried first; pairs only for persons whom no single action helps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

from zairyu.engine.compiled import AS_OF, UNDETERMINED, CompiledAction
from zairyu.engine.scalar import ScalarPlan, compile_node
from zairyu.model.columns import Row, Value

MAX_PAIRS = 400
MAX_PER_PERSON = 8


@dataclass(frozen=True)
class Change:
    """One action. ``person_id`` is empty for an action of the whole household (finding a
    guardian outside it), which belongs to no one member."""

    action_id: str
    person_id: str
    text: dict[str, str]
    scope: str = "person"


@dataclass(frozen=True)
class Counterfactual:
    changes: tuple[Change, ...]
    outcome: str


@dataclass(frozen=True)
class _Candidate:
    action: CompiledAction
    index: int  # the member it acts on
    values: tuple[tuple[str, Value], ...]


def _candidates(
    scalar: ScalarPlan, rows: list[Row], evaluated: list[Row], as_of: date
) -> list[_Candidate]:
    found: list[_Candidate] = []
    const_row: list[Row] = [{AS_OF: as_of}]
    compiled = scalar.cache.get("actions")
    if compiled is None:  # compiled once per plan, not once per assessment
        compiled = scalar.cache["actions"] = [
            (
                action,
                tuple((col, compile_node(node)) for col, node in action.assignments),
                compile_node(action.when) if action.when is not None else None,
            )
            for action in scalar.plan.actions
        ]
    for action, assignments, when in compiled:
        spec = action.definition
        values = tuple((col, fn(const_row, 0)) for col, fn in assignments)
        targets = [0] if spec.scope == "household" else range(len(rows))
        for j in targets:
            row = rows[j]
            if spec.applies_to and row["role"] not in {r.value for r in spec.applies_to}:
                continue
            if spec.only_if_unknown and any(row[col] is not None for col, _ in values):
                continue
            if all(row[col] == value for col, value in values):
                continue
            if when is not None and when(evaluated, j) is not True:
                continue
            found.append(_Candidate(action, j, values))
    return found


def _apply(rows: list[Row], chosen: tuple[_Candidate, ...]) -> list[Row]:
    out = [dict(r) for r in rows]
    for candidate in chosen:
        household = candidate.action.definition.scope == "household"
        for j in range(len(out)) if household else (candidate.index,):
            out[j].update(candidate.values)
    return out


def action_text(action: CompiledAction) -> dict[str, str]:
    """What an action is, as every change that takes it says (the same for every person)."""
    return {"ja": action.definition.text.ja, "en": action.definition.text.en}


def _change(candidate: _Candidate, rows: list[Row]) -> Change:
    spec = candidate.action.definition
    household = spec.scope == "household"
    return Change(
        spec.id,
        "" if household else str(rows[candidate.index]["person_id"]),
        action_text(candidate.action),
        spec.scope,
    )


def find_counterfactuals(
    scalar: ScalarPlan, rows: list[Row], evaluated: list[Row], as_of: date
) -> list[list[Counterfactual]]:
    """For each member, the minimal action sets that raise their outcome's rank."""
    rank = {o.id: o.definition.rank for o in scalar.plan.outcomes} | {UNDETERMINED: 0}
    best = max(rank.values())
    current = [rank[str(r["outcome"])] for r in evaluated]
    results: list[list[Counterfactual]] = [[] for _ in rows]
    candidates = _candidates(scalar, rows, evaluated, as_of)
    helped_by: list[set[int]] = [set() for _ in rows]

    def consider(chosen: tuple[_Candidate, ...], indices: tuple[int, ...]) -> None:
        new = scalar.evaluate(_apply(rows, chosen), as_of)
        for i, row in enumerate(new):
            outcome = str(row["outcome"])
            if rank[outcome] > current[i] and len(results[i]) < MAX_PER_PERSON:
                if len(indices) > 1 and helped_by[i] & set(indices):
                    continue  # not minimal: a single action of this pair already helps
                changes = tuple(_change(c, rows) for c in chosen)
                results[i].append(Counterfactual(changes, outcome))
                if len(indices) == 1:
                    helped_by[i].add(indices[0])

    for k, candidate in enumerate(candidates):
        consider((candidate,), (k,))
    needy = [i for i in range(len(rows)) if current[i] < best and not results[i]]
    if needy:
        for pair in list(combinations(range(len(candidates)), 2))[:MAX_PAIRS]:
            consider(tuple(candidates[k] for k in pair), pair)
    for found in results:
        found.sort(key=lambda c: (-rank[c.outcome], len(c.changes)))
    return results
