"""Facts the law makes certain (``facts-by-law.yaml``): the rules, checked when loaded."""

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


class LawFacts(Strict):
    rules: list[LawFact]


def load_law_facts(path: Path = LAW_FILE) -> list[LawFact]:
    try:
        return LawFacts.model_validate(_read_yaml(path)).rules
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyFileError(str(path), where, first["msg"]) from None
