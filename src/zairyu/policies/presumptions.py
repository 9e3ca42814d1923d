"""The facts a presumptive answer may take as absent (``presumptions.yaml``), checked when
loaded: each names a household field of the fact registry and a value the format accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError, field_validator

from zairyu.model.registry import REGISTRY
from zairyu.model.strict import Strict
from zairyu.policies.loader import POLICY_DIR, PolicyFileError, _read_yaml
from zairyu.policies.schema import Text

PRESUMPTIONS_FILE = POLICY_DIR / "presumptions.yaml"


class Presumable(Strict):
    """A fact that may be taken as absent: the value it is taken to have, and on which side
    of the person it weighs (``against``: assuming it absent favours the person)."""

    assumed_as: Any
    weighs: Literal["against", "for"]
    text: Text


class Presumables(Strict):
    fields: dict[str, Presumable]

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, Presumable]) -> dict[str, Presumable]:
        unknown = [f for f in value if f not in REGISTRY.fields]
        if unknown:
            raise ValueError(f"not household fields of the fact registry: {unknown}")
        return value


def load_presumables(path: Path = PRESUMPTIONS_FILE) -> dict[str, Presumable]:
    try:
        return Presumables.model_validate(_read_yaml(path)).fields
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyFileError(str(path), where or "file", first["msg"]) from None
