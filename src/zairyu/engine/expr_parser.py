"""Policy expression text to ``Node``, through sqlglot: the one place zairyu reads SQL text.

``zairyu.engine.expr.parse`` calls this only for an expression it has not parsed before
(``zairyu.engine.parse_cache`` keeps what was parsed), so a run over policies parsed before
never imports sqlglot.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal, cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from zairyu.engine.expr import (
    FUNCTIONS,
    RELATION_FUNCTIONS,
    Agg,
    Arith,
    ArithOp,
    Between,
    BoolOp,
    Case,
    Cmp,
    CmpOp,
    Coalesce,
    ExpressionError,
    InList,
    IsNull,
    Lit,
    Node,
    Not,
    Ref,
    Scalar,
    Type,
    contains_agg,
)

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
            if contains_agg(args[0]):
                raise self.fail(f"{name} cannot contain another household aggregate")
            return Agg("any" if name == "household_any" else "all", args[0])
        if name in RELATION_FUNCTIONS:
            if len(args) != 1:
                raise self.fail(f"{name} takes one condition")
            self.want(args[0], "bool", f"{name}'s argument")
            if contains_agg(args[0]):
                raise self.fail(f"{name} cannot contain another household aggregate")
            return Agg("any", args[0], over=RELATION_FUNCTIONS[name])
        raise self.fail(f"unknown function '{name}' (the functions are {', '.join(FUNCTIONS)})")


@lru_cache(maxsize=4096)
def _sql_tree(text: str) -> exp.Expression:
    """sqlglot's tree for an expression; parsed once per text (the tree is only read)."""
    try:
        return cast(exp.Expression, sqlglot.parse_one(text))
    except (ParseError, sqlglot.errors.TokenError) as error:
        first = str(error).splitlines()[0]
        raise ExpressionError(f"cannot parse '{text}': {first}") from None


def convert(text: str, scope: dict[str, Type]) -> Node:
    """The typed tree of ``text``, every name checked against ``scope``."""
    return _Parser(scope, text).convert(_sql_tree(text))
