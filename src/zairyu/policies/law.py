"""Facts the law makes certain (``facts-by-law.yaml``): the rules, checked when loaded, and
the impossibilities considered but not derived, each with the sources read and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from zairyu.model.strict import Strict
from zairyu.policies.loader import POLICY_DIR, PolicyFileError, _read_yaml
from zairyu.policies.schema import Citation, Identifier, Text

LAW_FILE = POLICY_DIR / "facts-by-law.yaml"


class LawFact(Strict):
    """Where ``when`` holds, the household field ``field`` is known to be ``known_as``."""

    id: Identifier
    when: Annotated[str, Field(min_length=1)]
    field: Annotated[str, Field(min_length=1)]
    known_as: Any
    text: Text
    citation: Citation
    reading: Text


class NotDerived(Strict):
    """An impossibility Japanese law alone would give but that does not settle the facts of
    the people zairyu assesses, so the fields stay questions: written down, not hidden."""

    id: Identifier
    fields: Annotated[list[str], Field(min_length=1)]
    text: Text
    citations: Annotated[list[Citation], Field(min_length=1)]
    reading: Text


class LawFacts(Strict):
    rules: list[LawFact]
    not_derived: list[NotDerived] = Field(default_factory=list)


def load_law_facts(path: Path = LAW_FILE) -> list[LawFact]:
    return _load(path).rules


def load_not_derived(path: Path = LAW_FILE) -> list[NotDerived]:
    return _load(path).not_derived


def _load(path: Path) -> LawFacts:
    try:
        return LawFacts.model_validate(_read_yaml(path))
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyFileError(str(path), where, first["msg"]) from None
