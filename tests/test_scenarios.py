"""Run every scenario case in tests/cases: one test per case, named by its title."""

from __future__ import annotations

import pytest

from tests.scenarios import Case, assess_case, load_cases
from zairyu.engine.assessment import PersonResult, PolicyAssessment
from zairyu.model.problems import InvalidHousehold

CASES = load_cases()


def _show(value: bool | None) -> str:
    return {True: "true", False: "false", None: "null"}[value]


def _person_report(person: PersonResult, case: Case) -> str:
    expected = case.expect.get(person.person_id, "(not stated)")
    mark = "  " if expected == person.outcome else "✗ "
    lines = [
        f"{mark}{person.person_id} ({person.role}): expected {expected}, got {person.outcome}",
    ]
    wanted = case.conditions.get(person.person_id, {})
    for condition in person.conditions:
        note = ""
        if condition.id in wanted and wanted[condition.id] != condition.value:
            note = f"   ✗ expected {_show(wanted[condition.id])}"
        lines.append(f"      {condition.id} = {_show(condition.value)}{note}")
    if person.missing_facts:
        facts = ", ".join(f"{f.person_id}.{f.column}" for f in person.missing_facts)
        lines.append(f"      missing facts: {facts}")
    return "\n".join(lines)


def _mismatches(case: Case, result: PolicyAssessment) -> list[str]:
    persons = {p.person_id: p for p in result.persons}
    problems = [f"no member {pid!r} in the household" for pid in case.expect if pid not in persons]
    problems += [
        f"no expected outcome for member {pid!r}" for pid in persons if pid not in case.expect
    ]
    for pid, person in persons.items():
        expected = case.expect.get(pid)
        if expected is not None and expected != person.outcome:
            problems.append(f"{pid}: expected {expected}, got {person.outcome}")
        values = {c.id: c.value for c in person.conditions}
        for condition_id, wanted in case.conditions.get(pid, {}).items():
            if condition_id not in values:
                problems.append(
                    f"{pid}: condition {condition_id!r} does not apply to a {person.role}"
                )
            elif values[condition_id] != wanted:
                problems.append(
                    f"{pid}: {condition_id} expected {_show(wanted)}, "
                    f"got {_show(values[condition_id])}"
                )
        listed = {f"{f.person_id}.{f.column}" for f in person.missing_facts}
        for fact in case.missing.get(pid, []):
            if fact not in listed:
                problems.append(f"{pid}: {fact} is not listed as missing")
    for pid in set(case.conditions) | set(case.missing):
        if pid not in persons:
            problems.append(f"conditions/missing name {pid!r}, who is not in the household")
    return problems


@pytest.mark.parametrize("case", [pytest.param(c, id=c.test_id) for c in CASES])
def test_scenario(case: Case) -> None:
    try:
        result = assess_case(case)
    except InvalidHousehold as error:
        pytest.fail(f"{case.title}\n{error}", pytrace=False)
    problems = _mismatches(case, result)
    if problems:
        report = "\n".join(_person_report(p, case) for p in result.persons)
        pytest.fail(
            f"{case.title}\n(why: {case.why})\n\n"
            + "\n".join(f"- {p}" for p in problems)
            + f"\n\nAs of {case.as_of} under {case.policy}:\n{report}",
            pytrace=False,
        )


def test_case_titles_are_unique() -> None:
    titles = [c.test_id for c in CASES]
    assert len(titles) == len(set(titles)), "two cases share a title in one file"
