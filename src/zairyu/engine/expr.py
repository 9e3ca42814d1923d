"""Policy expressions: a small SQL boolean language, parsed once into a typed tree.

A policy writes each rule as a SQL expression over the person table, for example
``born_in_japan AND years_between(birth_date, reference_date) < age_of_majority``.
``sqlglot`` parses the text; this module turns its tree into our own small, typed tree
(``Node``), checking every name and every type. Each backend compiles that tree:
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

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal, cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

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

_CMP: dict[type[exp.Expression], CmpOp] = {
    exp.EQ: "=",
    exp.NEQ: "<>",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.GT: ">",
    exp.GTE: ">=",
}


def _unify(a: Type, b: Type, what: str) -> Type:
    if a == "null":
        return b
    if b in ("null", a):
        return a
    raise ExpressionError(f"{what}: cannot mix {a} and {b}")


class _Parser:
    def __init__(self, scope: dict[str, Type], text: str) -> None:
        self.scope = scope
        self.text = text

    def fail(self, message: str) -> ExpressionError:
        return ExpressionError(f"{message} (in expression: {self.text})")

    def want(self, node: Node, wanted: Type, what: str) -> Node:
        if node.type not in (wanted, "null"):
            raise self.fail(f"{what} must be {wanted}, not {node.type}")
        return node

    def convert(self, e: exp.Expression) -> Node:
        method = getattr(self, f"_{type(e).__name__.lower()}", None)
        if method is None:
            raise self.fail(f"'{e.sql()}' is not supported (unsupported {type(e).__name__})")
        node: Node = method(e)
        return node

    def _paren(self, e: exp.Paren) -> Node:
        return self.convert(e.this)

    def _column(self, e: exp.Column) -> Node:
        if e.table:
            raise self.fail(f"qualified names are not allowed: {e.sql()}")
        name = e.name
        if name not in self.scope:
            raise self.fail(f"unknown variable '{name}'")
        return Ref(name, self.scope[name])

    def _boolean(self, e: exp.Boolean) -> Node:
        return Lit(bool(e.this), "bool")

    def _null(self, e: exp.Null) -> Node:
        return Lit(None, "null")

    def _literal(self, e: exp.Literal) -> Node:
        if e.is_string:
            return Lit(str(e.this), "str")
        text = str(e.this)
        if not text.isdigit():
            raise self.fail(f"only whole numbers are allowed, not {text}")
        return Lit(int(text), "int")

    def _neg(self, e: exp.Neg) -> Node:
        inner = self.convert(e.this)
        if isinstance(inner, Lit) and isinstance(inner.value, int):
            return Lit(-inner.value, "int")
        raise self.fail("unary minus only applies to a number")

    def _cast(self, e: exp.Cast) -> Node:
        if e.to.this == exp.DataType.Type.DATE and isinstance(e.this, exp.Literal):
            try:
                return Lit(date.fromisoformat(str(e.this.this)), "date")
            except ValueError:
                raise self.fail(f"not a date: {e.this.this}") from None
        raise self.fail(f"only DATE 'YYYY-MM-DD' literals are supported, not {e.sql()}")

    def _not(self, e: exp.Not) -> Node:
        if isinstance(e.this, exp.Is):
            return Not(self._is(e.this))
        return Not(self.want(self.convert(e.this), "bool", "NOT's operand"))

    def _bool(self, e: exp.Expression, op: Literal["and", "or"]) -> Node:
        args: list[Node] = []
        for side in (e.this, e.expression):
            node = self.want(self.convert(side), "bool", f"{op.upper()}'s operand")
            if isinstance(node, BoolOp) and node.op == op:
                args.extend(node.args)
            else:
                args.append(node)
        return BoolOp(op, tuple(args))

    def _and(self, e: exp.And) -> Node:
        return self._bool(e, "and")

    def _or(self, e: exp.Or) -> Node:
        return self._bool(e, "or")

    def _cmp(self, e: exp.Expression) -> Node:
        op = _CMP[type(e)]
        left, right = self.convert(e.this), self.convert(e.expression)
        kind = _unify(left.type, right.type, f"comparison '{e.sql()}'")
        if op not in ("=", "<>") and kind in ("bool", "str"):
            raise self.fail(f"'{op}' cannot order {kind} values")
        return Cmp(op, left, right)

    _eq = _neq = _lt = _lte = _gt = _gte = _cmp

    def _in(self, e: exp.In) -> Node:
        arg = self.convert(e.this)
        values: list[Scalar] = []
        for item in e.expressions:
            node = self.convert(item)
            if not isinstance(node, Lit) or node.value is None:
                raise self.fail("IN (...) takes literal values only")
            _unify(arg.type, node.type, f"IN list of '{e.this.sql()}'")
            values.append(node.value)
        return InList(arg, tuple(values))

    def _is(self, e: exp.Is) -> Node:
        if not isinstance(e.expression, exp.Null):
            raise self.fail("only IS NULL / IS NOT NULL are supported")
        return IsNull(self.convert(e.this))

    def _arith(self, e: exp.Expression, op: ArithOp) -> Node:
        left = self.want(self.convert(e.this), "int", f"'{op}' operand")
        right = self.want(self.convert(e.expression), "int", f"'{op}' operand")
        return Arith(op, left, right)

    def _add(self, e: exp.Add) -> Node:
        return self._arith(e, "+")

    def _sub(self, e: exp.Sub) -> Node:
        return self._arith(e, "-")

    def _coalesce(self, e: exp.Coalesce) -> Node:
        args = [self.convert(e.this), *(self.convert(x) for x in e.expressions)]
        kind: Type = "null"
        for arg in args:
            kind = _unify(kind, arg.type, "coalesce")
        return Coalesce(tuple(args), kind)

    def _case(self, e: exp.Case) -> Node:
        if e.this is not None:
            raise self.fail("use CASE WHEN condition THEN value, not CASE x WHEN ...")
        whens: list[tuple[Node, Node]] = []
        kind: Type = "null"
        for branch in e.args.get("ifs") or []:
            cond = self.want(self.convert(branch.this), "bool", "CASE WHEN condition")
            value = self.convert(branch.args["true"])
            kind = _unify(kind, value.type, "CASE branches")
            whens.append((cond, value))
        default_expr = e.args.get("default")
        default = self.convert(default_expr) if default_expr is not None else None
        if default is not None:
            kind = _unify(kind, default.type, "CASE branches")
        return Case(tuple(whens), default, kind)

    def _monthsbetween(self, e: exp.Expression) -> Node:
        """sqlglot parses ``months_between(a, b)`` into its own node, not a generic call."""
        if e.args.get("roundoff") is not None:
            raise self.fail("months_between takes two dates")
        args = [self.convert(e.this), self.convert(e.expression)]
        for arg in args:
            self.want(arg, "date", "months_between's argument")
        return Between("months", args[0], args[1])

    def _anonymous(self, e: exp.Anonymous) -> Node:
        name = str(e.this).lower()
        args = [self.convert(x) for x in e.expressions]
        if name in ("years_between", "months_between"):
            if len(args) != 2:
                raise self.fail(f"{name} takes two dates")
            for arg in args:
                self.want(arg, "date", f"{name}'s argument")
            return Between("years" if name == "years_between" else "months", args[0], args[1])
        if name in ("household_any", "household_all"):
            if len(args) != 1:
                raise self.fail(f"{name} takes one condition")
            self.want(args[0], "bool", f"{name}'s argument")
            if _contains_agg(args[0]):
                raise self.fail(f"{name} cannot contain another household aggregate")
            return Agg("any" if name == "household_any" else "all", args[0])
        if name in RELATION_FUNCTIONS:
            if len(args) != 1:
                raise self.fail(f"{name} takes one condition")
            self.want(args[0], "bool", f"{name}'s argument")
            if _contains_agg(args[0]):
                raise self.fail(f"{name} cannot contain another household aggregate")
            return Agg("any", args[0], over=RELATION_FUNCTIONS[name])
        raise self.fail(f"unknown function '{name}' (the functions are {', '.join(FUNCTIONS)})")


def _contains_agg(node: Node) -> bool:
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


@lru_cache(maxsize=4096)
def _sql_tree(text: str) -> exp.Expression:
    """sqlglot's tree for an expression; parsed once per text (the tree is only read)."""
    try:
        return cast(exp.Expression, sqlglot.parse_one(text))
    except (ParseError, sqlglot.errors.TokenError) as error:
        first = str(error).splitlines()[0]
        raise ExpressionError(f"cannot parse '{text}': {first}") from None


def parse(text: str, scope: dict[str, Type], want: Type | None = None) -> Node:
    """Parse and type-check ``text`` against the names in ``scope``."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("the expression is empty")
    parser = _Parser(scope, text)
    node = parser.convert(_sql_tree(text))
    check_values(node, text)
    if want is not None and node.type not in (want, "null"):
        raise ExpressionError(f"the expression must be {want}, not {node.type}: {text}")
    return node
