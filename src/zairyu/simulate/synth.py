"""Synthetic caseloads: households whose marginals follow the published figures.

Every probability comes from ``assumptions.yaml`` (value, source, status), documented in
docs/synth.md. The same seed gives the same caseload, row for row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from zairyu.model.columns import Row
from zairyu.model.kinds import OffenceCategory

ASSUMPTIONS = Path(__file__).with_name("assumptions.yaml")
REFERENCE = date(2024, 6, 10)
SCHOOL_START_CUTOFF = date(2018, 4, 1)  # born on or before: of school age by April 2024


@dataclass(frozen=True)
class Assumption:
    id: str
    value: Any
    en: str
    source: str
    status: str


@cache
def assumptions() -> dict[str, Assumption]:
    raw = yaml.safe_load(ASSUMPTIONS.read_text(encoding="utf-8"))
    return {a["id"]: Assumption(**a) for a in raw}


def _p(name: str) -> Any:
    return assumptions()[name].value


def _pick(rng: random.Random, name: str) -> Any:
    weights: dict[Any, float] = _p(name)
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _born_with_age(rng: random.Random, low: int, high: int) -> date:
    """A birth date so that the age on the reference date is in [low, high]."""
    latest = REFERENCE.replace(year=REFERENCE.year - low)
    earliest = REFERENCE.replace(year=REFERENCE.year - high - 1) + timedelta(days=1)
    return _between(rng, earliest, latest)


def _blank_record() -> Row:
    row: Row = {
        "conviction_count": 0,
        "conviction_count_excluding_illegal_stay": 0,
        "life_sentence": False,
        "longest_sentence_not_fully_suspended_months": 0,
        "longest_unsuspended_part_months": 0,
        "drug_use": False,
        "prostitution": False,
        "forged_residence_card": False,
        "sham_marriage": False,
    }
    row.update({f"convicted_{c.value}": False for c in OffenceCategory})
    return row


def _child(rng: random.Random, born_here: bool) -> Row:
    if born_here and rng.random() < _p("adult_by_reference"):
        birth = _born_with_age(rng, 18, 20)
    elif born_here and rng.random() < _p("below_school_age"):
        birth = _between(rng, SCHOOL_START_CUTOFF + timedelta(days=1), REFERENCE)
    else:
        birth = _between(rng, date(2006, 6, 11), SCHOOL_START_CUTOFF)
    school_start = date(birth.year + 6 + (birth >= date(birth.year, 4, 2)), 4, 1)
    enrolled = school_start <= REFERENCE and rng.random() >= _p("not_enrolled")
    age = (
        REFERENCE.year - birth.year - ((REFERENCE.month, REFERENCE.day) < (birth.month, birth.day))
    )
    level = "none"
    if enrolled:
        level = "elementary" if age < 12 else "junior_high" if age < 15 else "high"
        level = "university" if age >= 18 else level
    elif age < 6:
        level = "preschool" if rng.random() < 0.6 else "none"
    return {
        "role": "child",
        "birth_date": birth,
        "born_in_japan": born_here,
        "entry_mode": "born_in_japan" if born_here else "status_of_residence",
        "school_level": level,
        "school_enrolled_ever": enrolled,
        "school_first_start": school_start if enrolled else None,
        "school_ongoing": enrolled and age < 18,
        "could_act_as_guardian": False,
        **_blank_record(),
    }


def _serious_ground(rng: random.Random, row: Row) -> None:
    kind = _pick(rng, "serious_ground_kind")
    if kind == "prison_over_one_year":
        months = rng.randint(13, 60)
        row.update(conviction_count=1, conviction_count_excluding_illegal_stay=1,
                   longest_sentence_not_fully_suspended_months=months,
                   longest_unsuspended_part_months=months, convicted_property=True)  # fmt: skip
    elif kind == "illegal_entry":
        row["entry_mode"] = "illegal_entry"
    elif kind == "multiple_convictions":
        row.update(conviction_count=2, conviction_count_excluding_illegal_stay=2,
                   convicted_traffic=True, convicted_property=True)  # fmt: skip
    elif kind == "drug":
        row.update(conviction_count=1, conviction_count_excluding_illegal_stay=1,
                   convicted_drug=True, drug_use=True)  # fmt: skip
    else:
        row["sham_marriage"] = True


def _parent(rng: random.Random) -> Row:
    bounds = _p("parent_age")
    entry = _pick(rng, "entry_mode_parents")
    return {
        "role": "parent",
        "birth_date": _born_with_age(rng, bounds["min"], bounds["max"]),
        "born_in_japan": False,
        "entry_mode": entry,
        "school_level": "none",
        "school_enrolled_ever": False,
        "school_ongoing": False,
        "release_status": _pick(rng, "release_status"),
        "could_act_as_guardian": True,
        **_blank_record(),
    }


def household(rng: random.Random, number: int) -> list[Row]:
    """One synthetic household: parents first, then children."""
    parents = [_parent(rng) for _ in range(_pick(rng, "parents"))]
    if rng.random() < _p("parent_serious_ground"):
        _serious_ground(rng, parents[0])
        parents[0]["could_act_as_guardian"] = False
        keeps_guardian = rng.random() < _p("other_guardian")
        for other in parents[1:]:
            other["could_act_as_guardian"] = keeps_guardian
        outside = keeps_guardian and len(parents) == 1
    else:
        outside = False
    children = [_child(rng, True) for _ in range(_pick(rng, "children_born_in_japan"))]
    children += [_child(rng, False) for _ in range(_pick(rng, "siblings_born_abroad"))]
    stays = rng.random() >= _p("leaves_voluntarily")
    nationality = _pick(rng, "nationality")
    hid = f"H{number:07d}"
    rows = []
    for k, member in enumerate([*parents, *children], start=1):
        member.update(
            household_id=hid,
            person_id=f"{hid}-{k}",
            nationality=None if nationality == "other" else nationality,
            deportation_order=True,
            wishes_to_stay=stays,
            external_guardian_available=outside,
        )
        rows.append(member)
    return rows


def synthesise(households: int, seed: int) -> list[Row]:
    """``households`` synthetic households as person-table rows; the same seed, the same rows."""
    rng = random.Random(seed)
    return [row for n in range(1, households + 1) for row in household(rng, n)]
