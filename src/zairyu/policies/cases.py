"""Scenario cases: households a lawyer can read, with the outcome each person should get.

Each policy ships with its cases, in ``policies/<id>/cases/*.yaml`` (the format is described in
``policies/CASES.md``): law, code and tests in one folder, installed with the wheel so that
``zairyu explain`` lists them from any installation. A file holds one case, or a list under
``cases:``, and may hold ``templates:``, YAML anchors its cases reuse (``<<: *name``); templates
are data only and are never assessed on their own. A case has:

- ``title``: a sentence a lawyer can read; it names the test.
- ``why``: the rule, and the reading of it, that the case pins down.
- ``policy``: the policy id; ``as_of``: the assessment date.
- ``household``: the household, in the household JSON format (``zairyu schema``).
- ``expect``: person id -> outcome id, for every member of the household.
- ``conditions`` (optional): person id -> {condition id: true | false | null}.
- ``missing`` (optional): person id -> ["person_id.column", ...] that must be reported missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from zairyu.policies.loader import POLICY_DIR
from zairyu.yaml_files import YamlError, read_yaml

CASE_KEYS = {"title", "why", "policy", "as_of", "household", "expect", "conditions", "missing"}
REQUIRED_KEYS = {"title", "why", "policy", "as_of", "household", "expect"}
FILE_KEYS = {"cases", "templates"}


class CaseFileError(ValueError):
    """A case file that cannot be read as cases. Names the file, the case and the problem."""


@dataclass(frozen=True)
class Case:
    """One scenario, as written in its file."""

    source: str  # path relative to the policies folder, e.g. "children-2023/cases/birthday.yaml"
    index: int  # position in the file's list (0 for a single-case file)
    title: str
    why: str
    policy: str
    as_of: date
    household: dict[str, Any]  # JSON-ready: dates as ISO strings
    expect: dict[str, str]
    conditions: dict[str, dict[str, bool | None]] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)

    @property
    def test_id(self) -> str:
        return f"{self.source}: {self.title}"


def _json_ready(value: Any) -> Any:
    """The value as it would arrive from a JSON file (YAML dates become ISO strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def _case(source: str, index: int, raw: Any) -> Case:
    where = f"{source}, case {index + 1}"
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where}: a case must be a mapping")
    unknown = set(raw) - CASE_KEYS
    if unknown:
        raise CaseFileError(
            f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(CASE_KEYS)})"
        )
    absent = REQUIRED_KEYS - set(raw)
    if absent:
        raise CaseFileError(f"{where}: missing keys {sorted(absent)}")
    as_of = raw["as_of"]
    if not isinstance(as_of, date):
        as_of = date.fromisoformat(str(as_of))
    return Case(
        source=source,
        index=index,
        title=" ".join(str(raw["title"]).split()),
        why=" ".join(str(raw["why"]).split()),
        policy=str(raw["policy"]),
        as_of=as_of,
        household=_json_ready(raw["household"]),
        expect={str(k): str(v) for k, v in raw["expect"].items()},
        conditions={str(k): dict(v) for k, v in (raw.get("conditions") or {}).items()},
        missing={str(k): [str(f) for f in v] for k, v in (raw.get("missing") or {}).items()},
    )


def load_file(path: Path, root: Path = POLICY_DIR) -> list[Case]:
    """The cases of one file; ``source`` names it relative to ``root``."""
    source = path.relative_to(root).as_posix()
    try:
        raw = read_yaml(path)
    except YamlError as error:
        raise CaseFileError(f"{source}: not valid YAML: {error}") from None
    if isinstance(raw, dict) and "cases" in raw:
        unknown = set(raw) - FILE_KEYS
        if unknown:
            raise CaseFileError(f"{source}: unknown top-level keys {sorted(unknown)}")
        return [_case(source, i, item) for i, item in enumerate(raw["cases"])]
    return [_case(source, 0, raw)]


def case_files(root: Path = POLICY_DIR) -> list[Path]:
    """The case files under ``root``: ``<policy>/cases/*.yaml`` for the shipped policies, or
    every YAML file of a folder that holds only cases."""
    shipped = sorted(root.glob("*/cases/*.yaml"))
    return shipped or sorted(root.glob("**/*.yaml"))


def load_cases(root: Path = POLICY_DIR) -> list[Case]:
    """Every case under ``root``, in file order."""
    return [case for path in case_files(root) for case in load_file(path, root)]
