"""The answers of an interview as a set (not a path), and the household they build.

An answer is keyed by who it is about (a member's id, or ``household``) and the household field
path. "Don't know" is an answer too: it is kept in ``unknown`` and the fact stays unknown for
the engine. Nothing here touches a web framework or the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zairyu.model.household import Household
from zairyu.model.kinds import Role
from zairyu.model.problems import InvalidHousehold, check_household, parse_household

HOUSEHOLD = "household"
ROLE_PREFIX = {Role.parent: "p", Role.child: "c", Role.other_relative: "r"}
MAX_MEMBERS = 20


class InterviewError(ValueError):
    """An answer or a state that cannot be used; the message names what and why."""


def key(subject: str, path: str) -> str:
    return f"{subject}|{path}"


def split_key(k: str) -> tuple[str, str]:
    subject, _, path = k.partition("|")
    return subject, path


@dataclass
class Interview:
    """Who is in the household, and every answer given so far."""

    members: list[tuple[str, str]] = field(default_factory=list)  # (person id, role)
    answers: dict[str, Any] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    asked: list[str] = field(default_factory=list)  # keys in the order they were first answered

    @classmethod
    def with_members(cls, counts: dict[str, int]) -> Interview:
        """A new interview for a household of ``counts`` members of each role."""
        members: list[tuple[str, str]] = []
        for role, prefix in ROLE_PREFIX.items():
            members += [(f"{prefix}{n}", role) for n in range(1, counts.get(role, 0) + 1)]
        if not members:
            raise InterviewError("the household needs at least one member")
        if len(members) > MAX_MEMBERS:
            raise InterviewError(f"at most {MAX_MEMBERS} members can be screened at once")
        return cls(members=members)

    def answer(self, subject: str, path: str, value: Any) -> None:
        """Record an answer (``None`` is "don't know") and check the household still holds."""
        k = key(subject, path)
        before = (self.answers.get(k), k in self.unknown)
        if value is None:
            self.answers.pop(k, None)
            self.unknown.add(k)
        else:
            self.answers[k] = value
            self.unknown.discard(k)
        try:
            self.household()
        except InterviewError:
            self.answers.pop(k, None)
            self.unknown.discard(k)
            if before[0] is not None:
                self.answers[k] = before[0]
            if before[1]:
                self.unknown.add(k)
            raise
        if k not in self.asked:
            self.asked.append(k)

    def reopen(self, subject: str, path: str) -> None:
        """Forget an answer (or a "don't know"), so that the question may be asked again."""
        k = key(subject, path)
        self.answers.pop(k, None)
        self.unknown.discard(k)

    def is_settled(self, subject: str, path: str) -> bool:
        k = key(subject, path)
        return k in self.answers or k in self.unknown

    def household_dict(self, household_id: str = "screening") -> dict[str, Any]:
        """The household the answers describe (unanswered facts left out: unknown)."""
        members: dict[str, dict[str, Any]] = {
            pid: {"id": pid, "role": r} for pid, r in self.members
        }
        household: dict[str, Any] = {"id": household_id, "members": list(members.values())}
        for k, value in self.answers.items():
            subject, path = split_key(k)
            target = household if subject == HOUSEHOLD else members.get(subject)
            if target is None:
                raise InterviewError(f"an answer is about '{subject}', who is not in the household")
            set_path(target, path, value)
        return household

    def household(self, as_of: date | None = None) -> Household:
        """The validated household; ``InterviewError`` naming the person and field if not."""
        try:
            household = parse_household(self.household_dict(), "the screening")
            problems = check_household(household, as_of) if as_of else []
        except InvalidHousehold as error:
            problems = error.problems
        if problems:
            raise InterviewError("; ".join(str(p) for p in problems))
        return household

    def to_json(self) -> str:
        return json.dumps(
            {
                "members": self.members,
                "answers": self.answers,
                "unknown": sorted(self.unknown),
                "asked": self.asked,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Interview:
        try:
            raw = json.loads(text)
            state = cls(
                members=[(str(pid), str(role)) for pid, role in raw["members"]],
                answers=dict(raw["answers"]),
                unknown=set(raw["unknown"]),
                asked=[str(k) for k in raw.get("asked", [])],
            )
        except (ValueError, KeyError, TypeError):
            raise InterviewError("the screening's answers could not be read; start again") from None
        if not state.members or len(state.members) > MAX_MEMBERS:
            raise InterviewError("the screening's household is not valid; start again")
        state.household()
        return state


def set_path(target: dict[str, Any], path: str, value: Any) -> None:
    """Set ``a.b.c`` in nested dicts, creating the intermediate ones."""
    *parents, last = path.split(".")
    for part in parents:
        child = target.get(part)
        if not isinstance(child, dict):
            child = target[part] = {}
        target = child
    target[last] = value


def get_path(source: dict[str, Any], path: str) -> Any:
    """The value at ``a.b.c`` in nested dicts, or ``None``."""
    current: Any = source
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
