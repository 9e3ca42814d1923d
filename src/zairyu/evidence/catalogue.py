"""The evidence catalogue: documents, who issues them, the facts they prove, their source.

Loaded from ``catalogue.yaml`` and validated: every fact is a column of the person table and
every source is in the registry of legal sources (``policies/sources.yaml``).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from zairyu.model.columns import COLUMNS
from zairyu.policies.loader import load_sources
from zairyu.policies.schema import SourceStatus
from zairyu.yaml_files import YamlError, read_yaml

CATALOGUE_FILE = Path(__file__).parent / "catalogue.yaml"


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the entry and the field."""


class Translation(StrEnum):
    never = "never"  # issued in Japanese
    always = "always"  # issued abroad: a Japanese translation is needed
    if_foreign = "if_foreign"  # a translation is needed when it is in another language


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ja: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


class EvidenceDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Words
    issuer: Words
    translation: Translation
    proves: Annotated[list[str], Field(min_length=1)]
    source: str
    status: SourceStatus
    note: Words | None = None

    @field_validator("proves")
    @classmethod
    def _known_columns(cls, proves: list[str]) -> list[str]:
        unknown = [c for c in proves if c not in COLUMNS]
        if unknown:
            raise ValueError(f"not a fact of the person table: {', '.join(unknown)}")
        return proves


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: list[EvidenceDocument]

    def proving(self, column: str) -> list[EvidenceDocument]:
        """The documents that prove a fact, in catalogue order."""
        return [d for d in self.documents if column in d.proves]


def _entry_name(raw: object, loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int):
        entries = raw.get("documents") if isinstance(raw, dict) else None
        if isinstance(entries, list) and loc[1] < len(entries):
            entry = entries[loc[1]]
            name = entry.get("id") if isinstance(entry, dict) else None
            field = ".".join(str(p) for p in loc[2:]) or "entry"
            return f"document '{name or loc[1]}', {field}"
    return ".".join(str(p) for p in loc) or "file"


def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """Read and validate a catalogue file (``CatalogueError`` names the entry and field)."""
    try:
        raw = read_yaml(path)
    except (OSError, YamlError) as error:
        raise CatalogueError(f"{path}: cannot read: {error}") from None
    try:
        catalogue = Catalogue.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = _entry_name(raw, tuple(first["loc"]))
        raise CatalogueError(f"{path}: {where}: {first['msg']}") from None
    sources = load_sources()
    seen: set[str] = set()
    for doc in catalogue.documents:
        if doc.source not in sources:
            raise CatalogueError(f"{path}: document '{doc.id}': source '{doc.source}' unknown")
        if doc.id in seen:
            raise CatalogueError(f"{path}: document '{doc.id}' appears twice")
        seen.add(doc.id)
    return catalogue


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue()
