"""Scenario cases: households a lawyer can read, with the outcome each person should get.

Every ``tests/cases/**/*.yaml`` file holds one case, or a list under ``cases:``. A file with a
list may also hold ``templates:``, a mapping of YAML anchors that its cases reuse (``<<: *name``);
templates are data only and are never assessed on their own. A case has:

- ``title``: a sentence a lawyer can read; it names the test.
- ``why``: the rule, and the reading of it, that the case pins down.
- ``policy``: the policy id; ``as_of``: the assessment date.
- ``household``: the household, in the household JSON format (``zairyu schema``).
- ``expect``: person id -> outcome id, for every member of the household.
- ``conditions`` (optional): person id -> {condition id: true | false | null}.
- ``missing`` (optional): person id -> ["person_id.column", ...] that must be reported missing.

Other tests import this module (``from tests.scenarios import load_cases, covered_sides``) to ask
which side of which condition the cases reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from zairyu.engine.assessment import PolicyAssessment, assess
from zairyu.model.household import Household
from zairyu.model.problems import InvalidHousehold, check_household, parse_household

CASES_DIR = Path(__file__).parent / "cases"

CASE_KEYS = {"title", "why", "policy", "as_of", "household", "expect", "conditions", "missing"}
REQUIRED_KEYS = {"title", "why", "policy", "as_of", "household", "expect"}
FILE_KEYS = {"cases", "templates"}


class CaseFileError(ValueError):
    """A case file that cannot be read as cases. Names the file, the case and the problem."""


@dataclass(frozen=True)
class Case:
    """One scenario, as written in its file."""

    source: str  # path relative to tests/cases, e.g. "children-2023/birthday.yaml"
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


def load_file(path: Path) -> list[Case]:
    """The cases of one file."""
    source = path.relative_to(CASES_DIR).as_posix()
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(raw, dict) and "cases" in raw:
        unknown = set(raw) - FILE_KEYS
        if unknown:
            raise CaseFileError(f"{source}: unknown top-level keys {sorted(unknown)}")
        return [_case(source, i, item) for i, item in enumerate(raw["cases"])]
    return [_case(source, 0, raw)]


def load_cases(root: Path = CASES_DIR) -> list[Case]:
    """Every case under ``root``, in file order."""
    return [case for path in sorted(root.glob("**/*.yaml")) for case in load_file(path)]


def household_of(case: Case) -> Household:
    """The case's household, validated as the CLI validates a household file."""
    household = parse_household(case.household, source=case.source)
    problems = check_household(household, case.as_of)
    if problems:
        raise InvalidHousehold(case.source, problems)
    return household


def assess_case(case: Case) -> PolicyAssessment:
    """Assess the case's household under the case's policy (no counterfactual search)."""
    result = assess(household_of(case), case.as_of, [case.policy], counterfactuals=False)
    return result.policies[0]


def sides_of(assessment: PolicyAssessment) -> set[tuple[str, str, bool]]:
    """(policy id, condition id, value) for every known condition value in an assessment."""
    return {
        (assessment.policy_id, condition.id, condition.value)
        for person in assessment.persons
        for condition in person.conditions
        if condition.value is not None
    }


def covered_sides(cases: list[Case] | None = None) -> set[tuple[str, str, bool]]:
    """Which side of which condition the cases reach, from their actual assessments."""
    sides: set[tuple[str, str, bool]] = set()
    for case in load_cases() if cases is None else cases:
        sides |= sides_of(assess_case(case))
    return sides
