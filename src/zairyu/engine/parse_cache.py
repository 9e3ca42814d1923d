"""Policy expressions parsed before, kept between runs in zairyu's cache (``zairyu.cache``).

A run over policies read before parses none of their expressions again, and so never imports
sqlglot (importing it takes longer than assessing ten thousand persons). The cache keeps policy
text and its typed tree (``zairyu.engine.expr.Node``) in one JSON file.

- **When it is used**: the file's name carries a digest of the code that parses (this module,
  ``expr``, ``expr_parser`` and the installed sqlglot), so a changed parser never reads an older
  file. An entry is used only where every name the expression reads has the type it had when it
  was parsed (nothing else but the text decides a parse); the vocabulary check
  (``expr.check_values``) and the type asked for run on every use, cached or not.
- **When it fails**: a file that cannot be read, or does not hold what this module writes, is
  ignored (and replaced). New entries are written once, when the process ends.
"""

from __future__ import annotations

import atexit
import json
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from zairyu.cache import (
    DATE_KEY,
    cache_folder,
    date_or_object,
    installed_digest,
    json_date,
    write_whole,
)
from zairyu.engine import expr
from zairyu.engine.expr import Node, Type

FORMAT = 1
_KINDS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        expr.Ref,
        expr.Lit,
        expr.Not,
        expr.BoolOp,
        expr.Cmp,
        expr.InList,
        expr.IsNull,
        expr.Arith,
        expr.Between,
        expr.Agg,
        expr.Coalesce,
        expr.Case,
    )
}
_FIELDS = {name: tuple(f.name for f in fields(cls)) for name, cls in _KINDS.items()}


@cache
def _code_digest() -> str:
    """What decides a parse besides the text: the parsing code and the sqlglot installed."""
    here = Path(__file__).parent
    modules = [here / name for name in ("expr.py", "expr_parser.py", "parse_cache.py")]
    spec = find_spec("sqlglot")
    if spec is not None and spec.origin is not None:
        modules.append(Path(spec.origin))
    return installed_digest(str(FORMAT), modules).hex()[:16]


def encode(node: Any) -> Any:
    """A node (or a value inside one) as JSON: a node is an object naming its kind under ``""``,
    a date as every cached JSON file writes one (``zairyu.cache.json_date``), a tuple a list."""
    kind = type(node).__name__
    if kind in _KINDS and isinstance(node, _KINDS[kind]):
        return {"": kind, **{name: encode(getattr(node, name)) for name in _FIELDS[kind]}}
    if isinstance(node, tuple):
        return [encode(item) for item in node]
    if isinstance(node, date):
        return json_date(node)
    return node


def decode(value: Any) -> Any:
    """The inverse of ``encode``; raises ``ValueError`` on anything ``encode`` does not write."""
    if isinstance(value, list):
        return tuple(decode(item) for item in value)
    if isinstance(value, dict):
        if set(value) == {DATE_KEY}:
            return date_or_object(value)
        kind = value.get("")
        if kind not in _KINDS or set(value) != {"", *_FIELDS[kind]}:
            raise ValueError(f"not an expression node: {value!r}")
        return _KINDS[kind](**{name: decode(value[name]) for name in _FIELDS[kind]})
    if value is None or isinstance(value, str | int | bool):
        return value
    raise ValueError(f"not a value of an expression: {value!r}")


def _read_types(node: Node) -> dict[str, Type]:
    return {n.name: n.type for n in expr.walk(node) if isinstance(n, expr.Ref)}


class ParseCache:
    """Text -> the trees it was parsed to, each with the types of the names it reads."""

    def __init__(self, folder: Path | Callable[[], Path | None] | None = cache_folder) -> None:
        self._folder = folder
        self._stored: dict[str, list[Any]] | None = None  # as read from the file, not decoded
        self._trees: dict[str, list[tuple[dict[str, Type], Node]]] = {}
        self._new = False

    @property
    def folder(self) -> Path | None:
        """The folder, read from the environment when first needed (not when imported)."""
        if callable(self._folder):
            self._folder = self._folder()
        return self._folder

    @property
    def path(self) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"expressions-{_code_digest()}.json"

    def _file(self) -> dict[str, list[Any]]:
        if self._stored is None:
            self._stored = {}
            path = self.path
            if path is not None:
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                    if isinstance(data, dict) and data.get("format") == FORMAT:
                        entries = data.get("expressions")
                        self._stored = entries if isinstance(entries, dict) else {}
                except (OSError, ValueError):
                    self._stored = {}
        return self._stored

    def _variants(self, text: str) -> list[tuple[dict[str, Type], Node]]:
        if text not in self._trees:
            variants: list[tuple[dict[str, Type], Node]] = []
            for stored in self._file().get(text) or []:
                try:
                    node = decode(stored)
                except (ValueError, TypeError, KeyError):
                    continue  # not what this module writes: parsed again and rewritten
                if type(node).__name__ in _KINDS:
                    variants.append((_read_types(node), node))
            self._trees[text] = variants
        return self._trees[text]

    def get(self, text: str, scope: dict[str, Type]) -> Node | None:
        """The tree of ``text`` parsed before with the types ``scope`` gives its names."""
        for types, node in self._variants(text):
            if all(scope.get(name) == kind for name, kind in types.items()):
                return node
        return None

    def put(self, text: str, node: Node) -> None:
        self._variants(text).append((_read_types(node), node))
        if self.folder is not None and not self._new:
            self._new = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write the file with what this process parsed added; silent where it cannot."""
        path = self.path
        if path is None or not self._new:
            return
        entries = dict(self._file())
        for text, variants in self._trees.items():
            entries[text] = [encode(node) for _, node in variants]
        text = json.dumps({"format": FORMAT, "expressions": entries}, ensure_ascii=False)
        if write_whole(path, text, replaces="expressions-*.json"):
            self._new = False


PARSED = ParseCache()
