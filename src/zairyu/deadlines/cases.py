"""Scenario cases of the deadline rules: a measure, its events, a day, and every deadline
expected with its status that day. Format: ``CASES.md`` beside this file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zairyu.deadlines.due import Status
from zairyu.deadlines.facts import Measure, MeasureEvent
from zairyu.yaml_files import YamlError, read_yaml

CASES_DIR = Path(__file__).parent / "cases"


class CaseFileError(ValueError):
    """A case file that cannot be read: names the file, the case and the problem."""


class Expected(BaseModel):
    """One deadline the case expects."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    event: str | None = Field(default=None, description="The event that starts the clock.")
    due_on: date
    status: Status
    moved_from: date | None = Field(
        default=None, description="The day before the holiday rule moved it; absent: not moved."
    )


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Annotated[str, Field(min_length=1)]
    why: Annotated[str, Field(min_length=1)]
    today: date
    measure: Measure
    events: list[MeasureEvent] = []
    expect: list[Expected]
    gaps: list[str] = Field(default=[], description="Rules whose clock no rule in force covers.")


@dataclass(frozen=True)
class Case:
    source: str
    index: int
    spec: CaseModel

    @property
    def test_id(self) -> str:
        return f"{self.source}: {' '.join(self.spec.title.split())}"


def _case(source: str, index: int, raw: Any) -> Case:
    try:
        return Case(source, index, CaseModel.model_validate(raw))
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"])
        title = raw.get("title") if isinstance(raw, dict) else None
        name = f"case {index + 1}" + (f" ({title!r})" if title else "")
        raise CaseFileError(f"{source}, {name}: {field}: {first['msg']}") from None


def load_file(path: Path, root: Path = CASES_DIR) -> list[Case]:
    source = path.relative_to(root).as_posix()
    try:
        raw = read_yaml(path)
    except YamlError as error:
        raise CaseFileError(f"{source}: not valid YAML: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cases"), list):
        raise CaseFileError(f"{source}: must have a list 'cases' (and optionally 'templates')")
    unknown = set(raw) - {"cases", "templates"}
    if unknown:
        raise CaseFileError(f"{source}: unknown top-level keys {sorted(unknown)}")
    return [_case(source, i, item) for i, item in enumerate(raw["cases"])]


def load_cases(root: Path = CASES_DIR) -> list[Case]:
    return [case for path in sorted(root.glob("*.yaml")) for case in load_file(path, root)]
