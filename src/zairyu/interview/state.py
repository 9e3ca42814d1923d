"""The answers of an interview as a set (not a path), and the household they build.

An answer is keyed by who it is about (a member's id, or ``household``) and the household field
path. "Don't know" is an answer too: it is kept in ``unknown`` and the fact stays unknown for
the engine. Nothing here touches a web framework or the store.

An interview may start from a stored case (``from_case``): the stored household is its
``base``, every fact the questions cover is an answer already, and the household it builds is
the base with the answers laid over it. Whatever no question covers (school periods,
convictions, notes) is kept exactly as stored, so editing a case through the questions never
loses a fact.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Callable

from zairyu.model.household import Household, Person
from zairyu.model.kinds import Role
from zairyu.model.problems import InvalidHousehold, check_household, parse_household

HOUSEHOLD = "household"
ROLE_PREFIX = {Role.parent: "p", Role.child: "c", Role.other_relative: "r"}
MAX_MEMBERS = 20


FIXED = (
    "The case records this in more detail than the question can show. "
    "To change it, edit the case as a household file."
)


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
    base: dict[str, Any] | None = None  # the stored household an edit starts from
    case_id: str | None = None
    version: int | None = None  # the case's version the edit was started on
    fixed: set[str] = field(default_factory=set)  # stored answers no question can show exactly

    @classmethod
    def from_case(
        cls,
        household: dict[str, Any],
        case_id: str,
        version: int,
        paths: list[str],
        shown_exactly: Callable[[str, Any], bool] = lambda path, value: True,
    ) -> Interview:
        """An interview that edits a stored household: each of ``paths`` (the household field
        paths the questions cover) that the household records is an answer already. A stored
        value its question cannot show exactly (``shown_exactly`` is false: three school
        periods, where the question asks for the latest) is ``fixed``: kept, never re-asked."""
        raw_members = household.get("members")
        if not isinstance(raw_members, list) or not raw_members:
            raise InterviewError("the case's household has no members")
        if len(raw_members) > MAX_MEMBERS:
            raise InterviewError(f"at most {MAX_MEMBERS} members can be edited through questions")
        members = [(str(m["id"]), str(m["role"])) for m in raw_members]
        interview = cls(members=members, base=copy.deepcopy(household))
        interview.case_id, interview.version = case_id, version
        subjects = [(HOUSEHOLD, household), *((str(m["id"]), m) for m in raw_members)]
        for subject, source in subjects:
            for path in paths:
                value = get_path(source, path)
                if value is not None:
                    interview.answers[key(subject, path)] = value
                    if not shown_exactly(path, value):
                        interview.fixed.add(key(subject, path))
        interview.household()
        return interview

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
        if k in self.fixed:
            raise InterviewError(FIXED)
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

    def without(self, k: str) -> Interview:
        """This interview as if answer ``k`` had never been given (nor stored)."""
        base = None
        if self.base is not None:
            base = copy.deepcopy(self.base)
            _forget(base, _by_id(base), k)
        return Interview(
            members=self.members,
            answers={other: v for other, v in self.answers.items() if other != k},
            unknown=self.unknown - {k},
            asked=self.asked,
            base=base,
            case_id=self.case_id,
            version=self.version,
            fixed=self.fixed,
        )

    def is_settled(self, subject: str, path: str) -> bool:
        k = key(subject, path)
        return k in self.answers or k in self.unknown

    def household_dict(self, household_id: str = "screening") -> dict[str, Any]:
        """The household the answers describe (unanswered facts left out: unknown), laid over
        the stored household when the interview edits a case ("don't know" then clears it)."""
        if self.base is not None:
            household = copy.deepcopy(self.base)
            members = _by_id(household)
        else:
            members = {pid: {"id": pid, "role": r} for pid, r in self.members}
            household = {"id": household_id, "members": list(members.values())}
        for k in self.unknown:
            _forget(household, members, k)
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
                "base": self.base,
                "case_id": self.case_id,
                "version": self.version,
                "fixed": sorted(self.fixed),
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
                base=raw.get("base"),
                case_id=raw.get("case_id"),
                version=raw.get("version"),
                fixed={str(k) for k in raw.get("fixed", [])},
            )
            if state.base is not None and not isinstance(state.base, dict):
                raise TypeError("base")
            if (state.case_id is None) != (state.version is None) or (
                state.case_id is not None
                and (not isinstance(state.case_id, str) or not isinstance(state.version, int))
            ):
                raise TypeError("case")
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


def _group_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model of the group ``name`` of ``model`` (``school`` is a SchoolHistory)."""
    field_info = model.model_fields.get(name)
    if field_info is None:
        return None
    for candidate in (field_info.annotation, *get_args(field_info.annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _by_id(household: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(m["id"]): m for m in household["members"]}


def _forget(household: dict[str, Any], members: dict[str, dict[str, Any]], k: str) -> None:
    """Make the fact of answer ``k`` unknown in ``household`` (``members`` by id)."""
    subject, path = split_key(k)
    target = household if subject == HOUSEHOLD else members.get(subject)
    if target is not None:
        clear_path(target, path, Household if subject == HOUSEHOLD else Person)


def clear_path(target: dict[str, Any], path: str, model: type[BaseModel] | None = None) -> None:
    """Remove ``a.b.c`` from nested dicts, if it is there (the fact becomes unknown), and any
    group it leaves empty or without a field its model requires (``school`` without
    ``enrolments`` is not a household's school; the whole school history becomes unknown).
    ``model`` is the model ``target`` is read as; a household's member is a ``Person``."""
    first, _, rest = path.partition(".")
    if not rest:
        target.pop(first, None)
        return
    child = target.get(first)
    if isinstance(child, dict):
        inner = _group_model(model, first) if model is not None else None
        clear_path(child, rest, inner)
        required = [n for n, f in (inner.model_fields.items() if inner else ()) if f.is_required()]
        if not child or any(n not in child for n in required):
            del target[first]


def get_path(source: dict[str, Any], path: str) -> Any:
    """The value at ``a.b.c`` in nested dicts, or ``None``."""
    current: Any = source
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
