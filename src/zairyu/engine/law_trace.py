"""Which facts of a person the law settled, for the trace and the explanation."""

from __future__ import annotations

from functools import cache

from zairyu.engine.law import CompiledLawFact, law_facts
from zairyu.engine.scalar import Fn, compile_node
from zairyu.model.columns import Value


@cache
def _compiled_whens() -> tuple[tuple[CompiledLawFact, Fn], ...]:
    return tuple((fact, compile_node(fact.when)) for fact in law_facts())


def facts_known_by_law(row: dict[str, Value]) -> list[CompiledLawFact]:
    """The rules that settle facts of this evaluated row (``as_of`` set), for the trace."""
    found = []
    for fact, when in _compiled_whens():
        if when([row], 0) is True and any(row.get(c) is None for c in fact.values):
            found.append(fact)
    return found
