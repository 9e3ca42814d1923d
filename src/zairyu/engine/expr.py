"""Policy expressions: a small SQL boolean language, parsed once into a typed tree.

A policy writes each rule as a SQL expression over the person table, for example
``born_in_japan AND years_between(birth_date, reference_date) < age_of_majority``.
``sqlglot`` parses the text and ``zairyu.engine.expr_parser`` turns its tree into our own small,
typed tree (``Node``, defined here), checking every name and every type; ``parse`` keeps what it
parsed (``zairyu.engine.parse_cache``). Each backend compiles that tree:
``engine.scalar`` to Python closures, ``engine.columnar`` to Polars expressions, and
``engine.sql`` back to SQL text. Semantics are SQL's three-valued logic: an unknown (NULL)
input makes a comparison unknown; ``FALSE AND NULL`` is ``FALSE``; ``TRUE OR NULL`` is ``TRUE``.

Named helpers (the only functions a policy may call):

- ``years_between(from_date, to_date)``: whole years, a birthday on ``to_date`` counted as reached
  (Japanese age reckoning, 年齢計算ニ関スル法律).
- ``months_between(from_date, to_date)``: whole months, same rule.
- ``household_any(condition)``: some member of the household meets the condition (unknown if none
  does and some member's value is unknown).
- ``household_all(condition)``: every member meets it (unknown likewise).
- ``parents_any(condition)``, ``children_any(condition)``, ``siblings_any(condition)``: some
  parent, child or sibling of this person in the household meets the condition (unknown
  likewise; false where the person has none). Who is whose parent is read from the members'
  ``parents`` (``zairyu.engine.relations`` defines it once, with the reading for a household
  that records no relations).
- ``coalesce(a, b, ...)``: the first known value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from zairyu.model.columns import Value, allowed_values

Type = Literal["bool", "int", "date", "str", "null"]
CmpOp = Literal["=", "<>", "<", "<=", ">", ">="]
ArithOp = Literal["+", "-"]
AggOp = Literal["any", "all"]
Over = Literal["household", "parents", "children", "siblings"]
FUNCTIONS = (
    "years_between",
    "months_between",
    "household_any",
    "household_all",
    "parents_any",
    "children_any",
    "siblings_any",
    "coalesce",
)
"""Every function a policy expression may call (docs/policies.md describes each)."""
RELATION_FUNCTIONS: dict[str, Over] = {
    "parents_any": "parents",
    "children_any": "children",
    "siblings_any": "siblings",
}
Scalar = Value  # one type for a value of the person table


class ExpressionError(ValueError):
    """An expression that cannot be compiled. The message says what and where."""


@dataclass(frozen=True)
class Ref:
    """A name: a person-table column, a parameter, a derived variable or a condition."""

    name: str
    type: Type


@dataclass(frozen=True)
class Lit:
    value: Scalar
    type: Type


@dataclass(frozen=True)
class Not:
    arg: Node
    type: Type = "bool"


@dataclass(frozen=True)
class BoolOp:
    op: Literal["and", "or"]
    args: tuple[Node, ...]
    type: Type = "bool"


@dataclass(frozen=True)
class Cmp:
    op: CmpOp
    left: Node
    right: Node
    type: Type = "bool"


@dataclass(frozen=True)
class InList:
    arg: Node
    values: tuple[Scalar, ...]
    type: Type = "bool"


@dataclass(frozen=True)
class IsNull:
    arg: Node
    type: Type = "bool"


@dataclass(frozen=True)
class Arith:
    op: ArithOp
    left: Node
    right: Node
    type: Type = "int"


@dataclass(frozen=True)
class Between:
    """``years_between`` or ``months_between``."""

    unit: Literal["years", "months"]
    start: Node
    end: Node
    type: Type = "int"


@dataclass(frozen=True)
class Agg:
    """An aggregate over a boolean expression: over the whole household, or over this person's
    parents, children or siblings in it (``over``)."""

    op: AggOp
    arg: Node
    type: Type = "bool"
    over: Over = "household"


@dataclass(frozen=True)
class Coalesce:
    args: tuple[Node, ...]
    type: Type


@dataclass(frozen=True)
class Case:
    whens: tuple[tuple[Node, Node], ...]
    default: Node | None
    type: Type


Node = Ref | Lit | Not | BoolOp | Cmp | InList | IsNull | Arith | Between | Agg | Coalesce | Case


def contains_agg(node: Node) -> bool:
    return any(isinstance(n, Agg) for n in walk(node))


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of a node."""
    match node:
        case Not(arg=a) | IsNull(arg=a) | InList(arg=a) | Agg(arg=a):
            return (a,)
        case BoolOp(args=args) | Coalesce(args=args):
            return args
        case Cmp(left=left, right=right) | Arith(left=left, right=right):
            return (left, right)
        case Between(start=start, end=end):
            return (start, end)
        case Case(whens=whens, default=default):
            flat = [n for pair in whens for n in pair]
            return (*flat, default) if default is not None else tuple(flat)
    return ()


def map_children(node: Node, f: Callable[[Node], Node]) -> Node:
    """The same node with ``f`` applied to each direct sub-expression (a leaf as it is)."""
    match node:
        case Not(arg=a):
            return Not(f(a))
        case IsNull(arg=a):
            return IsNull(f(a))
        case InList(arg=a, values=values):
            return InList(f(a), values)
        case Agg(op=op, arg=a, over=over):
            return Agg(op, f(a), over=over)
        case BoolOp(op=op, args=args):
            return BoolOp(op, tuple(f(a) for a in args))
        case Coalesce(args=args, type=kind):
            return Coalesce(tuple(f(a) for a in args), kind)
        case Cmp(op=op, left=left, right=right):
            return Cmp(op, f(left), f(right))
        case Arith(op=op, left=left, right=right):
            return Arith(op, f(left), f(right))
        case Between(unit=unit, start=start, end=end):
            return Between(unit, f(start), f(end))
        case Case(whens=whens, default=default, type=kind):
            new_whens = tuple((f(c), f(v)) for c, v in whens)
            return Case(new_whens, f(default) if default is not None else None, kind)
    return node


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents first."""
    out = [node]
    for child in children(node):
        out.extend(walk(child))
    return out


def names(node: Node) -> set[str]:
    """The names an expression refers to directly."""
    return {n.name for n in walk(node) if isinstance(n, Ref)}


def aggregated_names(node: Node) -> set[str]:
    """The names read inside a household aggregate (they come from other members too)."""
    found: set[str] = set()
    for n in walk(node):
        if isinstance(n, Agg):
            found |= names(n.arg)
    return found


def check_values(node: Node, text: str) -> None:
    """A text literal compared with a column that has a fixed vocabulary must be one of its
    values: ``entry_mode IN ('ilegal_entry')`` or ``role = 'parnet'`` would silently never
    hold."""
    allowed = allowed_values()
    for n in walk(node):
        pairs: list[tuple[Node, tuple[Scalar, ...]]] = []
        if isinstance(n, InList):
            pairs.append((n.arg, n.values))
        elif isinstance(n, Cmp):
            pairs += [(n.left, _lit(n.right)), (n.right, _lit(n.left))]
        for side, values in pairs:
            if not isinstance(side, Ref) or side.name not in allowed:
                continue
            for value in values:
                if isinstance(value, str) and value not in allowed[side.name]:
                    choices = ", ".join(allowed[side.name])
                    raise ExpressionError(
                        f"'{value}' is not a value of '{side.name}' (allowed: {choices}): {text}"
                    )


def _lit(node: Node) -> tuple[Scalar, ...]:
    return (node.value,) if isinstance(node, Lit) else ()


def parse(text: str, scope: dict[str, Type], want: Type | None = None) -> Node:
    """Parse and type-check ``text`` against the names in ``scope``.

    An expression parsed before (in this process or, through ``zairyu.engine.parse_cache``, in
    an earlier one) with the same types for the names it reads is not parsed again."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("the expression is empty")
    from zairyu.engine.parse_cache import PARSED  # noqa: PLC0415 - it reads this module's nodes

    node = PARSED.get(text, scope)
    if node is None:
        from zairyu.engine.expr_parser import convert  # noqa: PLC0415 - sqlglot, only on a miss

        node = convert(text, scope)
        PARSED.put(text, node)
    check_values(node, text)
    if want is not None and node.type not in (want, "null"):
        raise ExpressionError(f"the expression must be {want}, not {node.type}: {text}")
    return node
