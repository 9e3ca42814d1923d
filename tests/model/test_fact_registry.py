"""The fact registry is the one definition of every fact's values and labels."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from zairyu.model import kinds
from zairyu.model.columns import COLUMNS
from zairyu.model.household import Household, Person
from zairyu.model.registry import REGISTRY, RegistryError, load_registry

SRC = Path(__file__).parents[2] / "src" / "zairyu"
TESTS = Path(__file__).parents[1]


def test_every_vocabulary_of_the_household_model_is_in_the_registry():
    enums = {
        v for v in vars(kinds).values() if isinstance(v, type) and issubclass(v, kinds.StrEnum)
    } - {kinds.StrEnum}
    assert enums == {v.enum for v in REGISTRY.vocabularies.values()}


def test_every_column_and_every_allowed_value_has_a_label_in_both_languages():
    for name, column in COLUMNS.items():
        assert column.label.ja and column.label.en, name
        for value in column.values or ():
            label = (column.value_labels or {})[value]
            assert label.ja and label.en, f"{name} = {value}"


def test_every_column_with_a_fixed_vocabulary_declares_it():
    # A text column without a vocabulary is free text; only these may be.
    free_text = {n for n, c in COLUMNS.items() if c.kind == "str" and c.values is None}
    assert free_text == {"household_id", "person_id", "parents", "nationality"}


def _literal_collections(path: Path) -> list[set[str]]:
    """The strings of every list, tuple, set and dict literal (keys) in a Python file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) and items:
            found.append({i.value for i in items if isinstance(i, ast.Constant)})
    return found


@pytest.mark.parametrize("vocabulary", sorted(REGISTRY.vocabularies))
def test_no_second_list_of_a_vocabularys_values_remains(vocabulary):
    codes = set(REGISTRY.vocabularies[vocabulary].labels)
    if len(codes) < 3:
        return
    files = [*SRC.rglob("*.py"), *TESTS.rglob("*.py")]
    copies = [
        str(p)
        for p in files
        if p.name not in ("kinds.py", "test_fact_registry.py")
        and any(len(found & codes) >= max(3, len(codes) - 1) for found in _literal_collections(p))
    ]
    assert not copies, f"a second list of the {vocabulary} values: {copies}"


def test_a_value_without_a_label_stops_loading(tmp_path):
    text = (SRC / "model" / "facts.yaml").read_text(encoding="utf-8")
    broken = text.replace("      child: {ja: 子, en: child}\n", "", 1)
    assert broken != text
    path = tmp_path / "facts.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RegistryError, match=r"vocabulary 'role'.*missing \['child'\]"):
        load_registry(path)


def test_every_household_field_has_a_question_and_help_in_both_languages():
    for path, field in REGISTRY.fields.items():
        for text in (field.label, field.question, field.help):
            assert text.ja and text.en, path
        assert field.answered_by, path


def _inner_model(annotation: object) -> object:
    """The model an annotation holds: ``Conviction`` for ``list[Conviction] | None``."""
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if hasattr(found, "model_fields"):
            return found
    return annotation


def test_every_field_a_column_reads_is_a_field_of_the_household_model():
    def exists(path: str) -> bool:
        model: type = Household
        for part in path.replace("[]", "").split("."):
            if part == "members":
                model = Person
                continue
            info = model.model_fields.get(part)
            if info is None:
                return False
            model = _inner_model(info.annotation)
        return True

    for path in REGISTRY.fields:
        assert exists(path), path
