"""Facts the law makes certain, applied inside every compiled policy.

Each rule of ``facts-by-law.yaml`` says: where ``when`` holds, a household field is known to
have a value (a person under 14 has no conviction). Its columns are found through the fact
registry, and their values by converting that field value with the same code as any household
(``zairyu.model.table``). Compiling a policy replaces every reference to such a column by
``COALESCE(column, CASE WHEN <when> THEN <value> END)``: one tree, so the scalar, Polars and SQL
backends apply the rule alike, and the missing-facts walk asks for the column (or for what
``when`` needs, such as the date of birth) only where the rule cannot settle it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from zairyu.engine.expr import Case, Coalesce, Lit, Node, Ref, Type, parse
from zairyu.model.columns import COLUMNS, Value

if TYPE_CHECKING:
    from zairyu.policies.law import LawFact


@dataclass(frozen=True)
class CompiledLawFact:
    rule: LawFact
    when: Node
    values: dict[str, Value]  # column -> the value the law gives it


@cache
def law_facts() -> tuple[CompiledLawFact, ...]:
    # Here, not at the top: only compiling needs them (the household model takes 40 ms to
    # import), and a compiled plan read back from the cache (engine.plan_cache) is not compiled.
    from zairyu.model.table import field_values  # noqa: PLC0415
    from zairyu.policies.law import load_law_facts  # noqa: PLC0415

    scope: dict[str, Type] = {name: c.kind for name, c in COLUMNS.items()}
    scope["as_of"] = "date"
    compiled = []
    for rule in load_law_facts():
        values = field_values(rule.field, rule.known_as)
        compiled.append(CompiledLawFact(rule, parse(rule.when, scope, want="bool"), values))
    return tuple(compiled)


def law_replacements() -> dict[str, Node]:
    """Column -> the expression that reads it with the law's facts filled in."""
    replacements: dict[str, Node] = {}
    for fact in law_facts():
        for column, value in fact.values.items():
            kind = COLUMNS[column].kind
            known = Case(((fact.when, Lit(value, kind)),), None, kind)
            current = replacements.get(column, Ref(column, kind))
            replacements[column] = Coalesce((current, known), kind)
    return replacements
