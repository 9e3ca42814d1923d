"""Expressions parsed before are kept between runs (``zairyu.engine.parse_cache``): what the cache
gives is what sqlglot gives, and it is not used where it could differ."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.engine.fresh_process import imported_after
from zairyu.engine import expr
from zairyu.engine.catalogue import build_catalogue
from zairyu.engine.expr import Type
from zairyu.engine.expr_parser import convert
from zairyu.engine.parse_cache import ParseCache, decode, encode

SCOPE: dict[str, Type] = {"a": "bool", "n": "int", "d": "date", "s": "str"}


def _parsed_texts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Type]]]:
    """Every (text, scope) the compiler parses for the shipped policies, none from a cache."""
    seen: list[tuple[str, dict[str, Type]]] = []

    def recording(text: str, scope: dict[str, Type]) -> expr.Node:
        seen.append((text, dict(scope)))
        return convert(text, scope)

    monkeypatch.setattr("zairyu.engine.parse_cache.PARSED", ParseCache(None))
    monkeypatch.setattr("zairyu.engine.expr_parser.convert", recording)
    build_catalogue()
    return seen


def test_every_policy_expression_comes_back_from_the_file_as_sqlglot_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _parsed_texts(monkeypatch)
    assert len(seen) > 100
    writer = ParseCache(tmp_path)
    for text, scope in seen:
        writer.put(text, convert(text, scope))
    writer.save()
    reader = ParseCache(tmp_path)
    for text, scope in seen:
        assert reader.get(text, scope) == convert(text, scope), text


def test_an_entry_is_not_used_where_a_name_it_reads_has_another_type(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put("n > 1", convert("n > 1", SCOPE))
    assert cache.get("n > 1", SCOPE) is not None
    assert cache.get("n > 1", {**SCOPE, "n": "null"}) is None
    assert cache.get("n > 1", {"a": "bool"}) is None  # the name is gone: parsed (and refused)


def test_the_same_text_keeps_one_tree_for_each_typing_of_its_names(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    loose: dict[str, Type] = {**SCOPE, "n": "null"}
    cache.put("n IS NULL", convert("n IS NULL", SCOPE))
    cache.put("n IS NULL", convert("n IS NULL", loose))
    cache.save()
    again = ParseCache(tmp_path)
    assert again.get("n IS NULL", SCOPE) == convert("n IS NULL", SCOPE)
    assert again.get("n IS NULL", loose) == convert("n IS NULL", loose)


def test_nodes_with_dates_lists_and_branches_survive_the_json_round_trip() -> None:
    text = "CASE WHEN d < DATE '2024-06-10' THEN s IN ('a', 'b') ELSE coalesce(a, FALSE) END"
    node = convert(text, SCOPE)
    assert decode(json.loads(json.dumps(encode(node)))) == node
    assert any(isinstance(n, expr.Lit) and n.value == date(2024, 6, 10) for n in expr.walk(node))


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": 1, "expressions": {"n > 1": [{"": "Nope"}]}}', '{"format": 99}'],
)
def test_a_file_it_did_not_write_is_ignored_and_replaced(tmp_path: Path, content: str) -> None:
    cache = ParseCache(tmp_path)
    assert cache.path is not None
    cache.path.write_text(content, encoding="utf-8")
    assert cache.get("n > 1", SCOPE) is None
    cache.put("n > 1", convert("n > 1", SCOPE))
    cache.save()
    assert ParseCache(tmp_path).get("n > 1", SCOPE) == convert("n > 1", SCOPE)


def test_the_vocabulary_and_the_type_asked_for_are_checked_on_a_cached_tree_too() -> None:
    scope: dict[str, Type] = {"role": "str", "n": "int"}
    expr.parse("role = 'child'", scope)
    with pytest.raises(expr.ExpressionError, match="not a value of 'role'"):
        expr.parse("role = 'chlid'", scope)
    with pytest.raises(expr.ExpressionError, match="must be bool"):
        expr.parse("n + 1", scope, want="bool")


def test_a_folder_that_cannot_be_written_leaves_every_expression_parsed(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    cache = ParseCache(blocked / "cache")  # a folder inside a file: cannot be made
    cache.put("n > 1", convert("n > 1", SCOPE))
    cache.save()
    assert cache.get("n > 1", SCOPE) is not None
    assert not (blocked / "cache").exists()


def test_an_empty_cache_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", "")
    cache = ParseCache()
    assert cache.path is None
    cache.put("n > 1", convert("n > 1", SCOPE))
    cache.save()  # nothing to write to, and no error


def test_a_second_run_does_not_import_sqlglot_and_only_the_owner_reads_the_cache(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    code = "from zairyu.engine.catalogue import build_catalogue\nbuild_catalogue()"
    assert imported_after(code, "sqlglot", folder)
    assert not imported_after(code, "sqlglot", folder)
    (cached,) = folder.glob("expressions-*.json")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert cached.stat().st_mode & 0o777 == 0o600
