"""Who every measure is about (``scope.yaml``): the rule, checked when loaded."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from zairyu.model.strict import Strict
from zairyu.policies.loader import POLICY_DIR, PolicyFileError, _read_yaml
from zairyu.policies.schema import Citation, Identifier, Outcome, Text

SCOPE_FILE = POLICY_DIR / "scope.yaml"


class Scope(Strict):
    """``in_scope`` holds for a person a measure is about; every other member gets
    ``outcome`` under every policy."""

    in_scope: Annotated[str, Field(min_length=1)]
    outcome: Outcome = Field(description="Its `when` is the negation of in_scope.")
    citation: Citation
    reading: Text


class _OutcomeText(Strict):
    id: Identifier
    rank: int
    text: Text


class _ScopeFile(Strict):
    """The file as written: the outcome's ``when`` is implied (the negation of in_scope)."""

    in_scope: Annotated[str, Field(min_length=1)]
    outcome: _OutcomeText
    citation: Citation
    reading: Text


@cache
def load_scope(path: Path = SCOPE_FILE) -> Scope:
    try:
        raw = _ScopeFile.model_validate(_read_yaml(path))
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyFileError(str(path), where or "file", first["msg"]) from None
    outcome = Outcome(
        id=raw.outcome.id,
        when=f"NOT ({raw.in_scope})",
        text=raw.outcome.text,
        rank=raw.outcome.rank,
    )
    return Scope(in_scope=raw.in_scope, outcome=outcome, citation=raw.citation, reading=raw.reading)
