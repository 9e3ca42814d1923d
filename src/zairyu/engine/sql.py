"""A compiled plan as one SQL query over the person table, for DuckDB, PostgreSQL or Spark SQL.

The query is a chain of common table expressions, one per layer of steps (a step reads only
earlier layers), then the outcome. Semantics match the scalar and columnar backends:
three-valued logic, ages that count a birthday on the end date as reached, and household
aggregates that are unknown when no member decides them and some member is unknown (SQL's
``bool_or`` would skip unknowns, so the count of known values is checked).

Aggregates over a person's parents, children or siblings read a table of pairs
(``zairyu_pairs``) built once from the person table by the reading of
``zairyu.engine.relations``, through a correlated subquery on equalities only (which DuckDB,
PostgreSQL and Spark all run).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from zairyu.engine.compiled import AS_OF, UNDETERMINED, Plan
from zairyu.engine.expr import (
    Agg,
    Arith,
    Between,
    BoolOp,
    Case,
    Cmp,
    Coalesce,
    InList,
    IsNull,
    Lit,
    Node,
    Not,
    Ref,
    Type,
    names,
)

Dialect = Literal["duckdb", "postgres", "spark"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "postgres", "spark")
SQL_TYPES: dict[Dialect, dict[str, str]] = {
    "duckdb": {"bool": "BOOLEAN", "int": "INTEGER", "date": "DATE", "str": "VARCHAR"},
    "postgres": {"bool": "BOOLEAN", "int": "INTEGER", "date": "DATE", "str": "TEXT"},
    "spark": {"bool": "BOOLEAN", "int": "INT", "date": "DATE", "str": "STRING"},
}
GROUP = "household_id"


class SqlCompiler:
    def __init__(self, dialect: Dialect) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown SQL dialect '{dialect}'; use one of {', '.join(DIALECTS)}")
        self.dialect = dialect
        self.source = "step0"  # the layer the current step reads (relation aggregates join it)
        self.uses_relations = False

    def name(self, name: str) -> str:
        return f"`{name}`" if self.dialect == "spark" else f'"{name}"'

    def literal(self, value: object, kind: Type) -> str:
        if value is None or kind == "null":
            return "NULL" if kind == "null" else f"CAST(NULL AS {SQL_TYPES[self.dialect][kind]})"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, date):
            return f"DATE '{value.isoformat()}'"
        text = str(value).replace("'", "''")
        if self.dialect == "spark":
            text = text.replace("\\", "\\\\")
        return f"'{text}'"

    def _part(self, unit: str, e: str) -> str:
        return f"EXTRACT({unit} FROM {e})"

    def between(self, unit: str, start: str, end: str) -> str:
        years = f"({self._part('YEAR', end)} - {self._part('YEAR', start)})"
        if unit == "years":
            md_end = f"({self._part('MONTH', end)} * 100 + {self._part('DAY', end)})"
            md_start = f"({self._part('MONTH', start)} * 100 + {self._part('DAY', start)})"
            value = f"{years} - CASE WHEN {md_end} < {md_start} THEN 1 ELSE 0 END"
        else:
            months = f"({self._part('MONTH', end)} - {self._part('MONTH', start)})"
            late = (
                f"CASE WHEN {self._part('DAY', end)} < {self._part('DAY', start)} THEN 1 ELSE 0 END"
            )
            value = f"{years} * 12 + {months} - {late}"
        return f"CAST({value} AS {SQL_TYPES[self.dialect]['int']})"

    def aggregate(self, op: str, arg: str) -> str:
        window = f"OVER (PARTITION BY {self.name(GROUP)})"
        unknown = f"COUNT(*) {window} > COUNT({arg}) {window}"
        if op == "any":
            decided = f"WHEN BOOL_OR({arg}) {window} THEN TRUE"
            return f"CASE {decided} WHEN {unknown} THEN NULL ELSE FALSE END"
        decided = f"WHEN NOT BOOL_AND({arg}) {window} THEN FALSE"
        return f"CASE {decided} WHEN {unknown} THEN NULL ELSE TRUE END"

    def relation(self, over: str, arg: str) -> str:
        """Some ``over`` relative meets ``arg`` (three-valued; false with no such relative)."""
        self.uses_relations = True
        q = self.name
        return (
            f"(SELECT CASE WHEN BOOL_OR({arg}) THEN TRUE WHEN COUNT(*) > COUNT({arg}) THEN NULL"
            f" ELSE FALSE END FROM zairyu_pairs JOIN {self.source} AS u"
            f" ON u.{q(GROUP)} = pair_household AND u.{q('person_id')} = pair_j"
            f" WHERE pair_household = t.{q(GROUP)} AND pair_i = t.{q('person_id')}"
            f" AND pair_over = '{over}')"
        )

    def relation_ctes(self) -> list[str]:
        """The pairs of members each relation joins, from the person table (``step0``)."""
        q = self.name
        h, pid, role, parents = q(GROUP), q("person_id"), q("role"), q("parents")
        split = {
            "duckdb": f"UNNEST(STRING_SPLIT({parents}, ' '))",
            "postgres": f"UNNEST(STRING_TO_ARRAY({parents}, ' '))",
            "spark": f"EXPLODE(SPLIT({parents}, ' '))",
        }[self.dialect]
        no_links = (
            "NOT EXISTS (SELECT 1 FROM zairyu_links AS l"
            " WHERE l.link_household = {0}.{1} AND l.link_child = {0}.{2})"
        )
        links = (
            "zairyu_links AS (\n"
            f"  SELECT n.{h} AS link_household, n.{pid} AS link_child, p.{pid} AS link_parent\n"
            f"  FROM (SELECT {h}, {pid}, {split} AS named FROM step0"
            f" WHERE {parents} IS NOT NULL) AS n\n"
            f"  JOIN step0 AS p ON p.{h} = n.{h} AND p.{pid} = n.named\n"
            "  UNION ALL\n"
            f"  SELECT c.{h}, c.{pid}, p.{pid} FROM step0 AS c JOIN step0 AS p ON p.{h} = c.{h}\n"
            f"  WHERE (c.{parents} IS NULL OR TRIM(c.{parents}) = '')"
            f" AND c.{role} = 'child' AND p.{role} = 'parent'\n)"
        )
        pairs = (
            "zairyu_pairs AS (\n"
            "  SELECT link_household AS pair_household, link_child AS pair_i,"
            " link_parent AS pair_j, 'parents' AS pair_over FROM zairyu_links\n"
            "  UNION ALL SELECT link_household, link_parent, link_child, 'children'"
            " FROM zairyu_links\n"
            "  UNION ALL SELECT a.link_household, a.link_child, b.link_child, 'siblings'\n"
            "  FROM zairyu_links AS a JOIN zairyu_links AS b ON a.link_household = b.link_household"
            " AND a.link_parent = b.link_parent AND a.link_child <> b.link_child\n"
            f"  UNION ALL SELECT x.{h}, x.{pid}, y.{pid}, 'siblings'\n"
            f"  FROM step0 AS x JOIN step0 AS y ON x.{h} = y.{h} AND x.{pid} <> y.{pid}\n"
            f"  WHERE x.{role} = 'child' AND y.{role} = 'child'"
            f" AND {no_links.format('x', h, pid)} AND {no_links.format('y', h, pid)}\n)"
        )
        return [links, pairs]

    def expr(self, node: Node) -> str:
        match node:
            case Ref(name=name):
                return self.name(name)
            case Lit(value=value, type=kind):
                return self.literal(value, kind)
            case Not(arg=arg):
                return f"(NOT {self.expr(arg)})"
            case BoolOp(op=op, args=args):
                return "(" + f" {op.upper()} ".join(self.expr(a) for a in args) + ")"
            case Cmp(op=op, left=left, right=right):
                return f"({self.expr(left)} {op} {self.expr(right)})"
            case InList(arg=arg, values=values):
                items = ", ".join(self.literal(v, _kind(v)) for v in values)
                return f"({self.expr(arg)} IN ({items}))"
            case IsNull(arg=arg):
                return f"({self.expr(arg)} IS NULL)"
            case Arith(op=op, left=left, right=right):
                return f"({self.expr(left)} {op} {self.expr(right)})"
            case Between(unit=unit, start=start, end=end):
                return self.between(unit, self.expr(start), self.expr(end))
            case Agg(arg=arg, over=over) if over != "household":
                return self.relation(over, self.expr(arg))
            case Agg(op=op, arg=arg):
                return self.aggregate(op, self.expr(arg))
            case Coalesce(args=args):
                return "COALESCE(" + ", ".join(self.expr(a) for a in args) + ")"
            case Case(whens=whens, default=default, type=kind):
                parts = " ".join(f"WHEN {self.expr(c)} THEN {self.expr(v)}" for c, v in whens)
                otherwise = self.expr(default) if default is not None else self.literal(None, kind)
                return f"(CASE {parts} ELSE {otherwise} END)"
        raise TypeError(f"cannot compile {node!r}")


def _kind(value: object) -> Type:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, date):
        return "date"
    return "str"


def _layers(plan: Plan) -> list[list[tuple[str, Node, frozenset[str] | None]]]:
    layers: list[list[tuple[str, Node, frozenset[str] | None]]] = []
    level: dict[str, int] = {}
    for step in plan.steps:
        depth = max((level.get(n, -1) for n in names(step.node)), default=-1) + 1
        level[step.name] = depth
        while len(layers) <= depth:
            layers.append([])
        layers[depth].append((step.name, step.node, step.roles))
    return layers


def to_sql(plan: Plan, as_of: date, dialect: Dialect = "duckdb", table: str = "persons") -> str:
    """The whole policy as one query: every person-table column, then every variable and
    condition in order, then ``outcome``."""
    sql = SqlCompiler(dialect)
    ctes = [f"step0 AS (SELECT *, {sql.literal(as_of, 'date')} AS {sql.name(AS_OF)} FROM {table})"]
    for number, layer in enumerate(_layers(plan), start=1):
        sql.source = f"step{number - 1}"
        columns = []
        for name, node, roles in layer:
            value = sql.expr(node)
            if roles is not None:
                allowed = ", ".join(sql.literal(r, "str") for r in sorted(roles))
                value = f"CASE WHEN {sql.name('role')} IN ({allowed}) THEN {value} END"
            columns.append(f"    {value} AS {sql.name(name)}")
        body = ",\n".join(columns)
        ctes.append(f"step{number} AS (\n  SELECT *,\n{body}\n  FROM step{number - 1} AS t\n)")
    last = f"step{len(ctes) - 1}"
    sql.source = last
    whens = []
    for outcome in plan.outcomes:
        condition = sql.expr(outcome.node)
        whens.append(f"WHEN {condition} THEN {sql.literal(outcome.id, 'str')}")
        whens.append(f"WHEN {condition} IS NULL THEN {sql.literal(UNDETERMINED, 'str')}")
    undetermined = sql.literal(UNDETERMINED, "str")
    outcome_sql = f"CASE {' '.join(whens)} ELSE {undetermined} END AS {sql.name('outcome')}"
    header = f"-- {plan.id} ({plan.policy.version}) as of {as_of.isoformat()}, {dialect} dialect"
    if sql.uses_relations:
        ctes[1:1] = sql.relation_ctes()
    joined = ",\n".join(ctes)
    return f"{header}\nWITH {joined}\nSELECT *, {outcome_sql}\nFROM {last} AS t"
