"""The fact registry, read from ``facts.yaml``: every fact zairyu records, defined once.

For every column of the person table: its kind, its allowed values (from a vocabulary of
``zairyu.model.kinds``), the range of a whole number, its label in Japanese and English, the
label of each allowed value, and the household fields it is read from. For every household
field: the question an interview asks, its help text, who can usually answer it and whether it
is especially sensitive. The batch checks, the household model's vocabularies, the test
generators, the text labels, the caseload format doc, the policy compiler's check of string
literals and the interview all read this one registry.

Loading is strict and plain Python (no pydantic, so that ``zairyu batch`` starts fast): a value
without a label in either language, a label naming no value, an unknown key or kind fails at
import with the item named.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from zairyu.model import kinds
from zairyu.yaml_files import read_yaml

REGISTRY_FILE = Path(__file__).with_name("facts.yaml")
Kind = Literal["bool", "int", "date", "str"]
KINDS: tuple[Kind, ...] = ("bool", "int", "date", "str")
ANSWERERS = ("person", "caseworker", "document")
TOPICS = (
    "identity",
    "school",
    "immigration",
    "record",
    "family",
    "family_ties",
    "residence",
    "refugee",
    "humanitarian",
    "application",
)


class RegistryError(ValueError):
    """facts.yaml cannot be used: names the item and the problem."""

    def __init__(self, item: str, problem: str) -> None:
        super().__init__(f"{REGISTRY_FILE.name}: {item}: {problem}")


@dataclass(frozen=True)
class Label:
    """A text shown to people, in Japanese and English."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list of codes (a StrEnum of ``kinds``) with the label of each."""

    name: str
    enum: type[StrEnum]
    labels: dict[str, Label]


@dataclass(frozen=True)
class Column:
    """A column of the person table: its type, allowed values, label and where it comes from."""

    kind: Kind
    label: Label
    fields: tuple[str, ...]  # the household fields it is read from
    values: tuple[str, ...] | None = None  # allowed values of a text column (None: free text)
    value_labels: dict[str, Label] | None = None
    minimum: int | None = None
    maximum: int | None = None

    @property
    def en(self) -> str:
        return self.label.en

    @property
    def source(self) -> str:
        """The household field(s) it is read from, as one string."""
        return ", ".join(self.fields)


@dataclass(frozen=True)
class Field:
    """A household field a caseworker records: one question of an interview."""

    path: str
    topic: str
    label: Label
    question: Label
    help: Label
    answered_by: tuple[str, ...]
    sensitive: bool


@dataclass(frozen=True)
class Registry:
    vocabularies: dict[str, Vocabulary]
    columns: dict[str, Column]
    fields: dict[str, Field]


def _mapping(raw: Any, item: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RegistryError(item, "must be a mapping")
    return raw


def _only(raw: dict[str, Any], item: str, allowed: set[str]) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise RegistryError(item, f"unknown key(s) {sorted(unknown)} (allowed: {sorted(allowed)})")


def _label(raw: Any, item: str, *, required: bool = True) -> Label:
    raw = _mapping(raw, item)
    _only(raw, item, {"ja", "en"})
    ja, en = raw.get("ja"), raw.get("en")
    if not isinstance(ja, str) or not isinstance(en, str):
        raise RegistryError(item, "needs text in both 'ja' and 'en'")
    if required and not (ja.strip() and en.strip()):
        raise RegistryError(item, "the Japanese or English text is empty")
    return Label(ja.strip(), en.strip())


def _vocabulary(name: str, raw: Any) -> Vocabulary:
    item = f"vocabulary '{name}'"
    raw = _mapping(raw, item)
    _only(raw, item, {"enum", "values"})
    enum = getattr(kinds, str(raw.get("enum")), None)
    if not (isinstance(enum, type) and issubclass(enum, StrEnum)):
        raise RegistryError(item, f"enum '{raw.get('enum')}' is not a vocabulary of model/kinds.py")
    labels = {
        str(code): _label(text, f"{item}, value '{code}'")
        for code, text in _mapping(raw.get("values"), f"{item}: values").items()
    }
    codes = {v.value for v in enum}
    if set(labels) != codes:
        missing, extra = sorted(codes - set(labels)), sorted(set(labels) - codes)
        raise RegistryError(
            item, f"labels must match {enum.__name__}: missing {missing}, extra {extra}"
        )
    return Vocabulary(name, enum, labels)


COLUMN_KEYS = {"kind", "values", "extra_values", "min", "max", "label", "fields", "family"}


def _column(name: str, raw: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> Column:
    item = f"column '{name}'"
    _only(raw, item, COLUMN_KEYS)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RegistryError(item, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    fields = raw.get("fields")
    if not isinstance(fields, list) or not fields:
        raise RegistryError(item, "needs 'fields': the household fields it is read from")
    values, value_labels = None, None
    if "values" in raw:
        vocabulary = vocabularies.get(str(raw["values"]))
        if vocabulary is None:
            raise RegistryError(item, f"values '{raw['values']}' is not a vocabulary")
        extra = {
            str(code): _label(text, f"{item}, extra value '{code}'")
            for code, text in _mapping(raw.get("extra_values", {}), item).items()
        }
        value_labels = {**vocabulary.labels, **extra}
        values = tuple(value_labels)
    return Column(
        kind=kind,
        label=_label(raw.get("label"), f"{item}: label"),
        fields=tuple(str(f) for f in fields),
        values=values,
        value_labels=value_labels,
        minimum=raw.get("min"),
        maximum=raw.get("max"),
    )


def _columns(raw: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> dict[str, Column]:
    """The columns in order; a ``family`` key (``convicted_{offence_category}``) becomes one
    bool column per value of its vocabulary, its label a template on the value's label."""
    columns: dict[str, Column] = {}
    for key, given in raw.items():
        entry = _mapping(given, f"column '{key}'")
        if "family" not in entry:
            columns[key] = _column(key, entry, vocabularies)
            continue
        vocabulary = vocabularies.get(str(entry["family"]))
        if vocabulary is None or f"{{{vocabulary.name}}}" not in key:
            raise RegistryError(f"column '{key}'", "a family names its vocabulary in its key")
        template = _label(entry.get("label"), f"column '{key}': label")
        plain = {k: v for k, v in entry.items() if k not in ("family", "label")}
        for code, value in vocabulary.labels.items():
            name = key.replace(f"{{{vocabulary.name}}}", code)
            label = {
                "ja": template.ja.format(value=value.ja),
                "en": template.en.format(value=value.en),
            }
            columns[name] = _column(name, {**plain, "label": label}, vocabularies)
    return columns


FIELD_KEYS = {"topic", "label", "question", "help", "answered_by", "sensitive"}


def _field(path: str, raw: Any) -> Field:
    item = f"field '{path}'"
    raw = _mapping(raw, item)
    _only(raw, item, FIELD_KEYS)
    answered_by = tuple(raw.get("answered_by") or ())
    if not answered_by or any(a not in ANSWERERS for a in answered_by):
        raise RegistryError(item, f"answered_by must list some of {', '.join(ANSWERERS)}")
    if raw.get("topic") not in TOPICS:
        raise RegistryError(item, f"topic must be one of {', '.join(TOPICS)}")
    return Field(
        path=path,
        topic=str(raw.get("topic", "")),
        label=_label(raw.get("label"), f"{item}: label"),
        question=_label(raw.get("question"), f"{item}: question"),
        help=_label(raw.get("help"), f"{item}: help"),
        answered_by=answered_by,
        sensitive=bool(raw.get("sensitive", False)),
    )


def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    raw = _mapping(read_yaml(path), "file")
    _only(raw, "file", {"vocabularies", "columns", "fields"})
    vocabularies = {
        name: _vocabulary(name, entry)
        for name, entry in _mapping(raw.get("vocabularies"), "vocabularies").items()
    }
    columns = _columns(_mapping(raw.get("columns"), "columns"), vocabularies)
    fields = {path: _field(path, e) for path, e in _mapping(raw.get("fields"), "fields").items()}
    for name, column in columns.items():
        unknown = [f for f in column.fields if f not in fields and f not in ("id", "members[].id")]
        if unknown:
            raise RegistryError(f"column '{name}'", f"reads field(s) {unknown} not in 'fields'")
    return Registry(vocabularies, columns, fields)


REGISTRY = load_registry()
